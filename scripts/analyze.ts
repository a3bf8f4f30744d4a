/**
 * `deno task analyze`: read collect's artifacts and the members' prediction CSVs, write the seed's formatted
 * prediction tables and `report/report.json` (statistics, hypothesis tests, baselines, outliers) for the site.
 *
 * @module
 */
import { stringify } from "csv-stringify/sync";
import denoJson from "../deno.json" with { type: "json" };
import { PATHS, type TrainSummary } from "../core/artifacts.ts";
import { formatPredictions, FORMATTED_COLUMNS } from "../core/analyze/format_predictions.ts";
import { buildReport } from "../core/report/build_report.ts";
import type { Report } from "../core/report/report_schema.ts";
import { validateReport } from "../core/report/validate_report.ts";
import { loadCollectArtifacts, loadPredictions, loadTrainSummary } from "./_artifacts.ts";
import { cli, type CliSpec } from "./_cli.ts";
import { exists, join, writeFileAtomic, writeJsonAtomic } from "./_fs.ts";

/** The analyze stage's options. */
export const defaults = {
  /** Folder of the artifacts to read and write. */
  out: "artifacts",
  /** Significance level of every hypothesis test. */
  alpha: 0.05,
  /** Seed of the bootstrap resampling. */
  seed: 42,
  /** Bootstrap resamples for the RMSE-difference interval. */
  bootstrap: 2000,
  /** Ridge baseline's penalty on standardised features. */
  ridgeLambda: 1,
  /** How many of the largest absolute errors to list. */
  top: 20,
  /** Target number of histogram bins. */
  bins: 30,
};

/** The analyze stage's resolved configuration. */
export type AnalyzeConfig = typeof defaults;

/** The command line of `deno task analyze`. */
export const spec: CliSpec<AnalyzeConfig> = {
  name: "analyze",
  summary:
    "Turn the prediction CSVs into report data: metrics against baselines, hypothesis tests, Gaussian " +
    "fits, histograms and outliers. Writes prediction_results/formatted_predictions/ and report/report.json.",
  defaults,
  flags: {
    out: { description: "Folder of the artifacts (collect's and train's outputs)", value: "PATH" },
    alpha: { description: "Significance level of the hypothesis tests" },
    seed: { description: "Seed of the bootstrap resampling" },
    bootstrap: { description: "Bootstrap resamples for the RMSE-difference interval" },
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

/** Run the analyze stage with `config` (merged over {@link defaults}). */
export async function run(config: Partial<AnalyzeConfig> = {}): Promise<AnalyzeResult> {
  const started = performance.now();
  const c = { ...defaults, ...config };
  const collected = await loadCollectArtifacts(c.out);
  const members = await loadPredictions(c.out);
  let trainSummary: TrainSummary | null = null;
  if (await exists(join(c.out, PATHS.trainSummary))) trainSummary = await loadTrainSummary(c.out);
  else {console.error(
      `analyze: ${join(c.out, PATHS.trainSummary)} is missing; the model card will lack train details`,
    );}

  const training = [...new Set(collected.bags.flatMap((b) => [...b.train, ...b.validation]))].sort((a, b) =>
    a - b
  );
  const imports = denoJson.imports as Record<string, string>;
  const pinned = (alias: string) => imports[alias]?.replace(/^npm:.*@/, "") ?? "unknown";
  const report = buildReport({
    manifest: collected.manifest,
    inputs: collected.inputs,
    targets: collected.targets,
    rows: collected.rows,
    test: collected.test.test,
    training,
    members,
    trainSummary,
    versions: {
      deno: Deno.version.deno,
      jstat: pinned("jstat"),
      "@stdlib/stats-kstest": pinned("@stdlib/stats-kstest"),
    },
    createdAt: new Date().toISOString(),
  }, {
    alpha: c.alpha,
    seed: c.seed,
    bootstrap: c.bootstrap,
    ridgeLambda: c.ridgeLambda,
    top: c.top,
    bins: c.bins,
  });

  const formattedPaths: string[] = [];
  for (const [m, member] of members.entries()) {
    const path = join(c.out, PATHS.formatted(m + 1));
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
  const avg = report.predictors[0].metrics;
  const base = report.predictors.find((p) => p.id === "baseline-mean")!.metrics;
  console.log(
    `analyze: ${members.length} members, ${report.counts.test} test rows; RMSE ${avg.rmse.toFixed(3)} ` +
      `(training-mean baseline ${base.rmse.toFixed(3)}); ${report.outliers.rows.length} outliers; ` +
      `wrote ${reportPath} in ${seconds.toFixed(2)} s`,
  );
  return { report, reportPath, formattedPaths, seconds };
}

if (import.meta.main) await cli(spec, run);
