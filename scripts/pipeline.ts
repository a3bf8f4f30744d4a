/**
 * `deno task pipeline`: collect → train → analyze → site in one process, on the embedded default dataset
 * unless `--data` is given. Each stage keeps its own defaults; this command forwards the few options that
 * matter across stages.
 *
 * @module
 */
import { cli, type CliSpec } from "./_cli.ts";
import { join } from "./_fs.ts";
import * as analyze from "./analyze.ts";
import * as collect from "./collect.ts";
import * as site from "./site.ts";
import * as train from "./train.ts";

/** The pipeline's options (each forwarded to the stages that take it). */
export const defaults = {
  data: null as string | null,
  profile: "auto",
  map: null as string | null,
  credits: null as string | null,
  minVotes: null as number | null,
  missing: "impute",
  features: "default",
  out: "artifacts",
  siteOut: "_site",
  seed: 42,
  backend: "auto",
  preset: "default",
  fresh: false,
};

/** The pipeline's resolved configuration. */
export type PipelineConfig = typeof defaults;

/** The command line of `deno task pipeline`. */
export const spec: CliSpec<PipelineConfig> = {
  name: "pipeline",
  summary: "Run collect, train, analyze and site in order. Without --data, the embedded default dataset " +
    "(vega-datasets movies) is used. Run a stage's own task for its full set of options.",
  defaults,
  flags: {
    data: {
      description: "Movie table (CSV or JSON); default: the embedded vega-datasets movies",
      value: "PATH",
    },
    profile: { description: "Dataset profile (auto picks by header)" },
    map: { description: "Column map JSON for any movie table (overrides --profile)", value: "PATH" },
    credits: { description: "TMDB credits CSV (default: the one beside --data)", value: "PATH" },
    minVotes: { description: "Drop movies with fewer votes (default: the profile's)" },
    missing: { description: "Rows with missing values", choices: ["impute", "drop"] },
    features: { description: "Feature encoding", choices: ["default", "seed"] },
    out: { description: "Artifacts folder", value: "PATH" },
    siteOut: { description: "Site output folder", value: "PATH" },
    seed: { description: "Seed of splits, bagging and training" },
    backend: {
      description: "tfjs backend for training",
      choices: ["auto", "webgpu", "wasm", "cpu", "tensorflow"],
    },
    preset: { description: "Training preset", choices: ["default", "seed"] },
    fresh: { description: "Train every model anew instead of resuming its checkpoints" },
  },
  epilog: "Examples:\n  deno task pipeline\n  deno task pipeline --data ../shared/data/movie_metadata.csv",
};

/** Seconds each stage took. */
export interface PipelineResult {
  seconds: Record<string, number>;
  siteIndex: string;
}

/** Options of {@link run} that are not configuration. */
export interface PipelineOptions {
  /** Train settings over those the pipeline forwards (tests train tiny models). @default {} */
  train?: Partial<train.TrainConfig>;
}

/** Run the four stages with `config` merged over {@link defaults}. */
export async function run(
  config: Partial<PipelineConfig> = {},
  options: PipelineOptions = {},
): Promise<PipelineResult> {
  const c = { ...defaults, ...config };
  const seconds: Record<string, number> = {};
  const stage = async (name: string, fn: () => Promise<unknown>) => {
    console.error(`\n== ${name} ==`);
    const started = performance.now();
    await fn();
    seconds[name] = (performance.now() - started) / 1000;
  };
  await stage("collect", () =>
    collect.run({
      ...collect.defaults,
      data: c.data,
      profile: c.profile,
      map: c.map,
      credits: c.credits,
      minVotes: c.minVotes,
      missing: c.missing,
      features: c.features,
      out: c.out,
      seed: c.seed,
    }));
  await stage(
    "train",
    () =>
      train.run({
        out: c.out,
        seed: c.seed,
        backend: c.backend,
        preset: c.preset,
        fresh: c.fresh,
        ...options.train,
      }),
  );
  await stage("analyze", () => analyze.run({ out: c.out }));
  await stage("site", () => site.run({ out: c.out, siteOut: c.siteOut }));
  const siteIndex = join(c.siteOut, "index.html");
  const times = Object.entries(seconds).map(([k, v]) => `${k} ${v.toFixed(1)} s`).join(", ");
  console.log(`\nReport: ${siteIndex} (open it in a browser, or \`deno task serve\`)\nTimes: ${times}`);
  return { seconds, siteIndex };
}

if (import.meta.main) await cli(spec, (config) => run(config));
