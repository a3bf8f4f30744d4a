/**
 * `deno task bench`: runs collect → train → analyze → site with the defaults on IMDB 5000 for several split
 * seeds and protocols, each stage in its own process, and records wall time, peak memory and the test RMSE, MAE
 * and R² of the averaged ensemble, of each member and of the baselines; and, on the same splits, the gradient
 * boosting peers of `../shared/peers/peers.py` (XGBoost, LightGBM) when Python and the peers are there. Also
 * times the `seed` preset's network for a fixed number of batches. Writes `bench/results.json` and prints a
 * table (mean ± sd over seeds).
 *
 * @module
 */
import { PATHS } from "../core/artifacts.ts";
import {
  type BenchRun,
  formatBenchTable,
  formatPeerTable,
  summarizeBench,
} from "../core/bench/summarize_bench.ts";
import type { Report } from "../core/report/report_schema.ts";
import { BACKENDS } from "../core/train/train_config.ts";
import { cli, type CliSpec } from "./_cli.ts";
import { exists, join, readJsonFile, writeJsonAtomic } from "./_fs.ts";
import type { StageCost } from "./measure_stage.ts";

/** A benchmark protocol: how collect is asked to read the data, the peers' fields, reference test RMSEs. */
interface Protocol {
  label: string;
  collect: string[];
  /** `peers.py --fields`. */
  peerFields: "all" | "seed" | "prerelease";
  /** The data: IMDB 5000 (`--data`) or the TMDB 5000 movies file (`--tmdb`). */
  source?: "imdb" | "tmdb";
  references: Record<string, number>;
}

/** The reference figures of issue 5 (test = 15%, 5 seeds) and the seed notebook's own result. */
const PROTOCOLS: Record<string, Protocol> = {
  impute: {
    label: "impute + dedupe (4,919 rows), all fields",
    collect: [],
    peerFields: "all",
    references: {
      mean: 1.138,
      ridge: 0.801,
      "random forest": 0.747,
      "hist. gradient boosting": 0.700,
      XGBoost: 0.696,
      "sklearn MLP": 0.778,
    },
  },
  drop: {
    label: "drop missing (3,756 rows), all fields",
    collect: ["--missing", "drop", "--no-dedupe"],
    peerFields: "all",
    references: {
      mean: 1.069,
      ridge: 0.694,
      "random forest": 0.644,
      "hist. gradient boosting": 0.601,
      XGBoost: 0.582,
      "sklearn MLP": 0.670,
    },
  },
  seed: {
    label: "drop missing, the seed's 15 fields (--features seed)",
    collect: ["--missing", "drop", "--no-dedupe", "--features", "seed"],
    peerFields: "seed",
    references: {
      mean: 1.069,
      ridge: 0.751,
      "random forest": 0.717,
      "hist. gradient boosting": 0.676,
      XGBoost: 0.666,
      "sklearn MLP": 0.742,
      "the seed notebook (its own split)": 1.35,
    },
  },
  prerelease: {
    label: "impute + dedupe, fields known before release (--features prerelease)",
    collect: ["--features", "prerelease"],
    peerFields: "prerelease",
    references: {},
  },
  tmdb: {
    label: "TMDB 5000 movies file (--tmdb PATH), impute + dedupe",
    collect: [],
    peerFields: "all",
    source: "tmdb",
    references: {},
  },
};

/** The benchmark's options. */
export const defaults = {
  data: "../shared/data/movie_metadata.csv",
  /** The TMDB 5000 movies file for the `tmdb` protocol (skipped without it). */
  tmdb: null as string | null,
  seeds: 3,
  /** The first split seed (seeds firstSeed … firstSeed + seeds − 1). */
  firstSeed: 1,
  protocols: ["impute", "drop", "seed", "prerelease", "tmdb"],
  backend: "wasm",
  work: "bench/work",
  results: "bench/results.json",
  /** Also train `--preset mlp` (the previous default) on the same splits of the first protocol. */
  ablation: true,
  /** The peers' script (gradient boosting on the same splits); skipped with a message when it cannot run. */
  peers: "../shared/peers/peers.py",
  /** Python for the peers; default: `~/.peers-venv/bin/python` when it exists, else `python3`. */
  python: null as string | null,
  site: true,
  /** Batches of the `seed` preset's regressor to time (0 = skip). */
  seedPresetBatches: 2,
  /** Backends to time the seed preset on (each in its own process). */
  seedPresetBackends: ["wasm", "cpu"],
};

/** The benchmark's resolved configuration. */
export type BenchConfig = typeof defaults;

/** The command line of `deno task bench`. */
export const spec: CliSpec<BenchConfig> = {
  name: "bench",
  summary:
    "Benchmark the pipeline's defaults: stage times, peak memory, test RMSE/MAE/R² of the ensemble, its " +
    "members and the baselines, over several split seeds; and the seed preset's training throughput.",
  defaults,
  flags: {
    data: {
      description:
        'Movie table to benchmark on: IMDB 5000\'s movie_metadata.csv (Kaggle, "IMDB 5000 Movie Dataset")',
      value: "FILE",
    },
    tmdb: { description: "TMDB 5000 movies file for the tmdb protocol (skipped without it)", value: "FILE" },
    seeds: { description: "Number of split seeds" },
    firstSeed: { description: "First split seed (develop on other seeds than the report's 1..N)" },
    protocols: { description: "Protocols to run", choices: Object.keys(PROTOCOLS) },
    backend: { description: "tfjs backend for train", choices: BACKENDS },
    work: { description: "Scratch folder for the runs' artifacts (replaced)", value: "DIR" },
    results: { description: "Where to write the JSON of figures", value: "FILE" },
    ablation: {
      description: "On the first protocol, also train --preset mlp (the previous default) on its splits",
    },
    peers: {
      description: "peers.py (XGBoost, LightGBM on the same splits); skipped if it cannot run",
      value: "FILE",
    },
    python: {
      description: "Python for the peers; unset: ~/.peers-venv/bin/python where it exists, else python3",
      value: "FILE",
    },
    site: { description: "Build the site in each run too" },
    seedPresetBatches: { description: "Batches of the seed preset's regressor to time (0 skips)" },
    seedPresetBackends: {
      description: "Backends to time the seed preset on",
      choices: BACKENDS.filter((b) => b !== "auto"),
    },
  },
  epilog: "Example: deno task bench --seeds 3   (README shows the latest table)",
};

const SCRIPT_DIR = new URL(".", import.meta.url).pathname;

/** Run one stage in a fresh process through `measure_stage.ts` and return its cost. */
async function measure(stage: string, args: string[], costFile: string): Promise<StageCost> {
  const command = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", join(SCRIPT_DIR, "measure_stage.ts"), stage, costFile, ...args],
    stdout: "inherit",
    stderr: "piped",
  });
  const { code, stderr } = await command.output();
  const text = new TextDecoder().decode(stderr);
  if (code !== 0) throw new Error(`Cannot benchmark ${stage}: it exited ${code}\n${text.slice(-2000)}`);
  return await readJsonFile<StageCost>(costFile, "stage cost");
}

function metricsOf(report: Report, prefix = ""): BenchRun["metrics"] {
  const out: BenchRun["metrics"] = {};
  for (const p of report.predictors) {
    out[prefix + p.id] = { rmse: p.metrics.rmse, mae: p.metrics.mae, r2: p.metrics.r2 ?? NaN };
  }
  return out;
}

/** The peers' figures on the split collect wrote in `out`, or why they were skipped. */
async function runPeers(
  config: BenchConfig,
  out: string,
  data: string,
  fields: string,
): Promise<{ models: Record<string, { rmse: number; mae: number; seconds: number }> } | { skipped: string }> {
  const home = Deno.env.get("HOME") ?? "";
  const venv = join(home, ".peers-venv", "bin", "python");
  const python = config.python ?? (home && (await exists(venv)) ? venv : "python3");
  if (!(await exists(config.peers))) return { skipped: `${config.peers} is not there` };
  try {
    const { code, stdout, stderr } = await new Deno.Command(python, {
      args: [config.peers, "--out", out, "--data", data, "--fields", fields],
      stdout: "piped",
      stderr: "piped",
    }).output();
    if (code !== 0) {
      const why = new TextDecoder().decode(stderr).trim().split("\n").at(-1);
      return { skipped: `${python} ${config.peers} exited ${code}: ${why}` };
    }
    const result = JSON.parse(new TextDecoder().decode(stdout)) as {
      models: Record<string, { rmse?: number; mae?: number; seconds?: number; skipped?: string }>;
    };
    const models: Record<string, { rmse: number; mae: number; seconds: number }> = {};
    for (const [model, m] of Object.entries(result.models)) {
      if (m.rmse !== undefined) {
        models[model] = { rmse: m.rmse, mae: m.mae ?? NaN, seconds: m.seconds ?? NaN };
      }
    }
    return { models };
  } catch (error) {
    return { skipped: `cannot run ${python}: ${(error as Error).message}` };
  }
}

/** One protocol on one split seed. */
async function benchRun(config: BenchConfig, name: string, seed: number): Promise<BenchRun> {
  const protocol = PROTOCOLS[name];
  const data = protocol.source === "tmdb" ? config.tmdb! : config.data;
  const out = join(config.work, `${name}-${seed}`);
  await Deno.remove(out, { recursive: true }).catch(() => {});
  await Deno.mkdir(out, { recursive: true });
  const cost = (stage: string) => join(out, `cost-${stage}.json`);
  const stages: BenchRun["stages"] = {};
  console.error(`bench: ${name}, seed ${seed}`);
  stages.collect = await measure(
    "collect",
    ["--data", data, "--out", out, "--seed", String(seed), ...protocol.collect],
    cost("collect"),
  );
  stages.train = await measure(
    "train",
    ["--out", out, "--seed", String(seed), "--backend", config.backend],
    cost("train"),
  );
  stages.analyze = await measure("analyze", ["--out", out, "--seed", String(seed)], cost("analyze"));
  if (config.site) {
    stages.site = await measure("site", ["--out", out, "--site-out", join(out, "_site")], cost("site"));
  }
  const report = await readJsonFile<Report>(join(out, PATHS.report), "report");
  const metrics = metricsOf(report);
  if (config.ablation && name === config.protocols[0]) {
    const other = join(config.work, `${name}-${seed}-ablation`);
    await Deno.remove(other, { recursive: true }).catch(() => {});
    await Deno.mkdir(other, { recursive: true });
    await new Deno.Command("cp", { args: ["-r", join(out, PATHS.trainingData), other] }).output();
    stages["train --preset mlp"] = await measure(
      "train",
      ["--out", other, "--seed", String(seed), "--backend", config.backend, "--preset", "mlp"],
      join(other, "cost-train.json"),
    );
    await measure("analyze", ["--out", other, "--seed", String(seed)], join(other, "cost-analyze.json"));
    const ablated = await readJsonFile<Report>(join(other, PATHS.report), "report");
    metrics["averaged --preset mlp"] = metricsOf(ablated).averaged;
  }
  const peers = await runPeers(config, out, data, protocol.peerFields);
  if ("skipped" in peers) console.error(`bench: peers skipped (${name}, seed ${seed}): ${peers.skipped}`);
  else {
    for (const [model, m] of Object.entries(peers.models)) {
      metrics[`peer: ${model}`] = { rmse: m.rmse, mae: m.mae, r2: NaN };
      stages[`peer: ${model}`] = { seconds: m.seconds, processSeconds: NaN, peakRssMiB: null };
    }
  }
  return {
    protocol: name,
    seed,
    rows: report.counts.test + report.counts.training,
    features: report.ridge.features,
    stages,
    metrics,
    ...("skipped" in peers ? { peersSkipped: peers.skipped } : {}),
  };
}

/** Time the `seed` preset's regressor on `backend` in a fresh process (a wasm heap overflow aborts it). */
async function seedPresetThroughput(backend: string, batches: number, work: string) {
  const file = join(work, `seed-preset-${backend}.json`);
  const { code, stderr } = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", join(SCRIPT_DIR, "seed_throughput.ts"), backend, String(batches), file],
    stderr: "piped",
  }).output();
  if (code !== 0) {
    const text = new TextDecoder().decode(stderr).trim().split("\n").slice(-3).join(" ");
    return { backend, error: `exited ${code}: ${text}` };
  }
  return await readJsonFile<Record<string, unknown>>(file, "throughput");
}

/** Run the benchmark with `config` merged over {@link defaults}. */
export async function run(config: Partial<BenchConfig> = {}) {
  const c = { ...defaults, ...config };
  const started = performance.now();
  const runs: BenchRun[] = [];
  const protocols = c.protocols.filter((name) => {
    if (PROTOCOLS[name].source !== "tmdb" || c.tmdb) return true;
    console.error("bench: tmdb protocol skipped: no --tmdb PATH (the TMDB 5000 movies file)");
    return false;
  });
  for (const name of protocols) {
    for (let seed = c.firstSeed; seed < c.firstSeed + c.seeds; seed++) {
      runs.push(await benchRun(c, name, seed));
    }
  }
  const seedPreset: Record<string, unknown>[] = [];
  for (const backend of c.seedPresetBatches > 0 ? c.seedPresetBackends : []) {
    console.error(`bench: seed preset throughput on ${backend}`);
    seedPreset.push(await seedPresetThroughput(backend, c.seedPresetBatches, c.work));
  }
  const summaries = summarizeBench(runs);
  const references = Object.fromEntries(protocols.map((p) => [p, PROTOCOLS[p].references]));
  const table = formatPeerTable(summaries) + "\n" + formatBenchTable(summaries, references);
  const results = {
    createdAt: new Date().toISOString(),
    machine: {
      os: Deno.build.os,
      arch: Deno.build.arch,
      cpus: navigator.hardwareConcurrency,
      deno: Deno.version.deno,
    },
    config: c,
    protocols: Object.fromEntries(protocols.map((p) => [p, PROTOCOLS[p]])),
    summaries,
    seedPreset,
    runs,
    seconds: (performance.now() - started) / 1000,
  };
  await writeJsonAtomic(c.results, results);
  console.log(table);
  for (const t of seedPreset) {
    console.log(
      "error" in t
        ? `seed preset regressor on ${t.backend}: ${t.error}`
        : `seed preset regressor (${t.params} parameters, batch 1) on ${t.backend}: ` +
          `${Number(t.samplesPerSecond).toFixed(3)} samples/s over ${t.batches} batches`,
    );
  }
  console.log(`\nwrote ${c.results} (${results.seconds.toFixed(0)} s)`);
  return results;
}

if (import.meta.main) await cli(spec, run);
