/**
 * `deno task pipeline`: collect → train → analyze → site in one process, on the embedded default dataset
 * unless `--data` is given. Each stage keeps its own defaults; this command forwards the few options that
 * matter across stages, and loads each stage only when it starts (so collect never waits for Eleventy).
 *
 * @module
 */
import { DEFAULT_OUT, DEFAULT_SITE } from "../core/artifacts.ts";
import { CLEAN_DEFAULTS, MISSING_POLICIES } from "../core/collect/clean_movies.ts";
import { FEATURE_PRESETS, FIT_ENCODER_DEFAULTS } from "../core/features/fit_encoders.ts";
import { DEFAULT_SEED } from "../core/random.ts";
import { BACKENDS, TRAIN_DEFAULTS, TRAIN_PRESETS, type TrainConfig } from "../core/train/train_config.ts";
import { cli, type CliSpec, serveCommand } from "./_cli.ts";
import { join } from "./_fs.ts";
import { AUTO_PROFILE, SOURCE_FLAGS } from "./_read_source.ts";
import { IMDB_JOIN_DEFAULTS } from "../core/imdb/imdb_join.ts";

/** The pipeline's options (each forwarded to the stages that take it), with the stages' defaults. */
export const defaults = {
  data: null as string | null,
  profile: AUTO_PROFILE,
  map: null as string | null,
  credits: null as string | null,
  minVotes: CLEAN_DEFAULTS.minVotes as number | null,
  titleTypes: IMDB_JOIN_DEFAULTS.titleTypes.join(","),
  missing: CLEAN_DEFAULTS.missing as string,
  features: FIT_ENCODER_DEFAULTS.preset as string,
  out: DEFAULT_OUT as string,
  siteOut: DEFAULT_SITE as string,
  seed: DEFAULT_SEED as number,
  backend: TRAIN_DEFAULTS.backend,
  preset: TRAIN_DEFAULTS.preset,
  fresh: false,
  encoding: "utf-8",
  allowSmall: false,
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
    ...SOURCE_FLAGS,
    minVotes: { description: "Drop movies with fewer votes", value: "N", defaultText: "the profile's" },
    titleTypes: { description: "IMDb dump folder: the titleType values kept, comma-separated" },
    missing: { description: "Rows with a missing value: impute or drop", choices: MISSING_POLICIES },
    features: { description: "Feature preset", choices: FEATURE_PRESETS },
    out: { description: "Artifacts folder", value: "DIR" },
    siteOut: { description: "Site output folder", value: "DIR" },
    seed: { description: "Seed of splits, bagging and training" },
    backend: { description: "tfjs backend for training", choices: BACKENDS },
    preset: { description: "Training preset", choices: Object.keys(TRAIN_PRESETS) },
    fresh: { description: "Train every model anew instead of resuming its checkpoints" },
    allowSmall: { description: "Run even when the test set is small (collect's --allow-small)" },
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
  train?: Partial<TrainConfig>;
  /** Where the progress lines go. @default console.error */
  log?: (line: string) => void;
}

const secs = (s: number) => `${s.toFixed(1)} s`;

/** Run the four stages with `config` merged over {@link defaults}; a line on stderr starts each one. */
export async function run(
  config: Partial<PipelineConfig> = {},
  options: PipelineOptions = {},
): Promise<PipelineResult> {
  const { log = (line: string) => console.error(line) } = options;
  const c = { ...defaults, ...config };
  const started = performance.now();
  const seconds: Record<string, number> = {};
  const stages: [string, () => Promise<unknown>][] = [
    ["collect", async () => {
      const collect = await import("./collect.ts");
      await collect.run({
        ...collect.defaults,
        data: c.data,
        profile: c.profile,
        map: c.map,
        credits: c.credits,
        encoding: c.encoding,
        minVotes: c.minVotes,
        titleTypes: c.titleTypes,
        missing: c.missing,
        features: c.features,
        out: c.out,
        seed: c.seed,
        allowSmall: c.allowSmall,
      });
    }],
    ["train", async () => {
      const train = await import("./train.ts");
      await train.run({
        out: c.out,
        seed: c.seed,
        backend: c.backend,
        preset: c.preset,
        fresh: c.fresh,
        ...options.train,
      });
    }],
    ["analyze", async () => (await import("./analyze.ts")).run({ out: c.out })],
    ["site", async () => (await import("./site.ts")).run({ out: c.out, siteOut: c.siteOut })],
  ];
  for (const [i, [name, stage]] of stages.entries()) {
    const t = performance.now();
    log(`\npipeline: stage ${i + 1} of ${stages.length}, ${name} (elapsed ${secs((t - started) / 1000)})`);
    await stage();
    seconds[name] = (performance.now() - t) / 1000;
  }
  const siteIndex = join(c.siteOut, "index.html");
  const times = Object.entries(seconds).map(([k, v]) => `${k} ${secs(v)}`).join(", ");
  console.log(
    `\nTimes: ${times}; ${secs((performance.now() - started) / 1000)} in all\n` +
      `Report: ${siteIndex} (open it in a browser; the Try page needs a server: ${serveCommand(c.siteOut)})`,
  );
  return { seconds, siteIndex };
}

if (import.meta.main) await cli(spec, (config) => run(config));
