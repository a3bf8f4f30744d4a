/**
 * `deno task analyze`: read collect's artifacts and the members' prediction CSVs, write the seed's formatted
 * prediction tables and `report/report.json` (statistics, hypothesis tests, baselines, outliers) for the site.
 *
 * @module
 */
import { stringify } from "csv-stringify/sync";
import denoJson from "../deno.json" with { type: "json" };
import { DEFAULT_OUT, PATHS } from "../core/artifacts.ts";
import { checkOptions } from "../core/config.ts";
import type { Encoders } from "../core/features/encoders.ts";
import type { ConformalCalibration } from "../core/predict/conformal.ts";
import type { BenchResults } from "../core/report/bench_spread.ts";
import { formatPredictions, FORMATTED_COLUMNS } from "../core/analyze/format_predictions.ts";
import { buildReport, REPORT_DEFAULTS } from "../core/report/build_report.ts";
import { MEAN_BASELINE_ID } from "../core/report/predictor_ids.ts";
import type { Report } from "../core/report/report_schema.ts";
import { validateReport } from "../core/report/validate_report.ts";
import {
  checkPredictionData,
  loadCollectArtifacts,
  loadPredictions,
  loadTrainSummary,
} from "./_artifacts.ts";
import { cli, type CliSpec } from "./_cli.ts";
import { exists, fsw, join, readJsonFile, writeFileAtomic, writeJsonAtomic } from "./_fs.ts";
import { gitCommit } from "./_git_commit.ts";
import { withOutLock } from "./_out_lock.ts";

/**
 * The analyze stage's options: the folder of the artifacts to read and write, the report's options
 * ({@link REPORT_DEFAULTS}), and the benchmark's results, for the split-to-split spread (used when it is there
 * and matches the data).
 */
export const defaults = { out: DEFAULT_OUT as string, ...REPORT_DEFAULTS, bench: "bench/results.json" };

/** The analyze stage's resolved configuration. */
export type AnalyzeConfig = typeof defaults;

/** The command line of `deno task analyze`. */
export const spec: CliSpec<AnalyzeConfig> = {
  name: "analyze",
  summary:
    "Turn the prediction CSVs into report data: metrics with bootstrap intervals against baselines, paired " +
    "evidence of bias and calibration, hypothesis tests by question, errors and outliers, the prediction " +
    "intervals' coverage and the model card. Writes prediction_results/formatted_predictions/ and " +
    "report/report.json.",
  defaults,
  flags: {
    out: { description: "Folder of the artifacts (collect's and train's outputs)", value: "DIR" },
    alpha: { description: "Significance level of the hypothesis tests" },
    level: { description: "Confidence level of the intervals" },
    seed: { description: "Seed of the bootstrap and permutation draws" },
    bootstrap: { description: "Bootstrap resamples of every interval" },
    permutations: { description: "Random swaps of the paired permutation test" },
    minTest: { description: "Warn below this many test movies" },
    bench: { description: "The benchmark's results, to take the split-to-split spread from", value: "FILE" },
    ridgeLambda: { description: "Penalty of the ridge-regression baseline (on standardised features)" },
    top: { description: "How many of the largest absolute errors to list" },
    bins: { description: "Target number of histogram bins" },
  },
  epilog: "Example: deno task analyze --out artifacts --alpha 0.01",
};

/** What {@link run} did. */
export interface AnalyzeResult {
  report: Report;
  reportPath: string;
  formattedPaths: string[];
  seconds: number;
}

/** Remove the formatted predictions of members that are not among `ks`. */
async function removeStaleFormatted(out: string, ks: readonly number[]): Promise<void> {
  const folder = join(out, PATHS.formatted(1), "..");
  if (!(await exists(folder))) return;
  const keep = new Set(ks.map((k) => PATHS.formatted(k).split("/").at(-1)));
  for await (const entry of Deno.readDir(folder)) {
    if (/^formatted_\d+\.csv$/.test(entry.name) && !keep.has(entry.name)) {
      await fsw.remove(join(folder, entry.name));
    }
  }
}

/** Run the analyze stage with `config` (merged over {@link defaults}). */
export async function run(config: Partial<AnalyzeConfig> = {}): Promise<AnalyzeResult> {
  const c = { ...defaults, ...config };
  checkOptions(c, {
    seed: ["integer", "nonNegative"],
    bootstrap: ["integer", "positive"],
    permutations: ["integer", "positive"],
    minTest: ["integer", "nonNegative"],
    ridgeLambda: ["nonNegative"],
    top: ["integer", "nonNegative"],
    bins: ["integer", "positive"],
  });
  return await withOutLock(c.out, "analyze", () => analyze(c));
}

async function analyze(c: AnalyzeConfig): Promise<AnalyzeResult> {
  const started = performance.now();
  const collected = await loadCollectArtifacts(c.out);
  // The train summary owns the member list: exactly its members, made from the artifacts now in c.out.
  const trainSummary = await loadTrainSummary(c.out);
  await checkPredictionData(c.out, trainSummary, collected);
  const ks = trainSummary.members.map((m) => m.k);
  const members = await loadPredictions(c.out, ks);

  const training = [...new Set(collected.bags.flatMap((b) => [...b.train, ...b.validation]))].sort((a, b) =>
    a - b
  );
  const imports = denoJson.imports as Record<string, string>;
  const pinned = (alias: string) => imports[alias]?.replace(/^npm:.*@/, "") ?? "unknown";
  const optional = async <T>(path: string, what: string): Promise<T | null> =>
    (await exists(path)) ? await readJsonFile<T>(path, what) : null;
  const conformal = await optional<ConformalCalibration>(
    join(c.out, PATHS.conformal),
    "conformal calibration",
  );
  if (!conformal) {
    console.error(
      `analyze: ${join(c.out, PATHS.conformal)} is missing; the report will have no prediction intervals`,
    );
  }
  const report = buildReport({
    manifest: collected.manifest,
    inputs: collected.inputs,
    featureNames: collected.featureNames,
    encoders: await optional<Encoders>(join(c.out, PATHS.encoders), "encoders"),
    targets: collected.targets,
    rows: collected.rows,
    test: collected.test.test,
    training,
    members,
    trainSummary,
    conformal,
    bench: c.bench ? await optional<BenchResults>(c.bench, "bench results") : null,
    versions: {
      deno: Deno.version.deno,
      jstat: pinned("jstat"),
    },
    commit: await gitCommit(),
    createdAt: new Date().toISOString(),
  }, {
    alpha: c.alpha,
    level: c.level,
    seed: c.seed,
    bootstrap: c.bootstrap,
    permutations: c.permutations,
    minTest: c.minTest,
    ridgeLambda: c.ridgeLambda,
    top: c.top,
    bins: c.bins,
  });

  const formattedPaths: string[] = [];
  await removeStaleFormatted(c.out, ks);
  for (const [m, member] of members.entries()) {
    const path = join(c.out, PATHS.formatted(ks[m]));
    await writeFileAtomic(
      path,
      stringify(formatPredictions(member, collected.rows), { header: true, columns: [...FORMATTED_COLUMNS] }),
    );
    formattedPaths.push(path);
  }
  const seconds = (performance.now() - started) / 1000;
  report.card.timings.push({ stage: "analyze", step: "total", seconds });
  validateReport(report);
  const reportPath = join(c.out, PATHS.report);
  await writeJsonAtomic(reportPath, report);
  const avg = report.predictors[0];
  const base = report.predictors.find((p) => p.id === MEAN_BASELINE_ID)!.metrics;
  const ci = avg.intervals.rmse;
  const coverage = report.intervals?.levels.map((l) =>
    `${Math.round(l.nominal * 100)}%: ${(100 * l.rate).toFixed(1)}%`
  )
    .join(", ");
  console.log(
    `analyze: ${members.length} members, ${report.counts.test} test rows; RMSE ${
      avg.metrics.rmse.toFixed(3)
    } ` +
      `[${ci.low?.toFixed(3) ?? "-"}, ${ci.high?.toFixed(3) ?? "-"}] (training-mean baseline ${
        base.rmse.toFixed(3)
      }); interval coverage ${
        coverage ?? "not calibrated"
      }; ${report.outliers.robust.rows.length} robust outliers; ` +
      `wrote ${reportPath} in ${seconds.toFixed(2)} s`,
  );
  for (const w of report.warnings) console.error(`analyze: warning: ${w.text}`);
  return { report, reportPath, formattedPaths, seconds };
}

if (import.meta.main) await cli(spec, run);
