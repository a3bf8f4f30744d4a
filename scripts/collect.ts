/**
 * `deno task collect`: read a movie table (CSV or JSON; the embedded vega-datasets movies by default), clean
 * it, split it and encode it into the model-ready artifacts of `core/artifacts.ts`, all written atomically.
 *
 * @module
 */
import denoJson from "../deno.json" with { type: "json" };
import { type CollectManifest, DEFAULT_OUT, PATHS } from "../core/artifacts.ts";
import { CLEAN_DEFAULTS, mergeDrops, MISSING_POLICIES } from "../core/collect/clean_movies.ts";
import { collectDataset, type CollectOptions, type Dataset } from "../core/collect/collect_dataset.ts";
import { PROFILES } from "../core/collect/profiles.ts";
import { MIN_TEST_ROWS, SPLIT_DEFAULTS } from "../core/collect/split_rows.ts";
import { BUILD_FEATURES_DEFAULTS } from "../core/features/build_features.ts";
import { FEATURE_PRESETS, FIT_ENCODER_DEFAULTS, PRESET_WORD_VECTORS } from "../core/features/fit_encoders.ts";
import { encodeNpy, encodeNpyParts } from "../core/npy.ts";
import { formatWord2Vec } from "../core/features/word2vec_text.ts";
import { cli, type CliSpec } from "./_cli.ts";
import { exists, fsw, join, replaceDirAtomic, replaceFilesAtomic } from "./_fs.ts";
import { withOutLock } from "./_out_lock.ts";
import { AUTO_PROFILE, readSource, SOURCE_FLAGS } from "./_read_source.ts";
import { prereleaseMap } from "../core/collect/column_map.ts";
import { IMDB_JOIN_DEFAULTS } from "../core/imdb/imdb_join.ts";

/** Collect's configuration (flags are the kebab-case keys). */
export type CollectConfig = {
  /** CSV or JSON file; `null` uses the embedded vega-datasets movies. */
  data: string | null;
  profile: string;
  /** A column map JSON file (see core/collect/column_map.schema.json); overrides `profile`. */
  map: string | null;
  /** The joined file of a profile with a join (TMDB credits); default: its file name beside `data`. */
  credits: string | null;
  /** `null`: the profile's (TMDB 10, others none). */
  minVotes: number | null;
  /** An IMDb dump folder: the titleType values kept, comma-separated. */
  titleTypes: string;
  missing: string;
  dedupe: boolean;
  features: string;
  out: string;
  seed: number;
  k: number;
  testFraction: number;
  bagFraction: number;
  /** `null`: the preset's (default 32, seed 300). */
  w2vDim: number | null;
  /** `null`: the preset's (default 10, seed 5). */
  w2vEpochs: number | null;
  w2vMinCount: number | null;
  minCount: number;
  peopleMinCount: number;
  maxVocab: number;
  targetFolds: number;
  smoothing: number;
  /** Text encoding of the source files: utf-8 (strict) or latin1. */
  encoding: string;
  /** Collect even when the test set would have fewer than `MIN_TEST_ROWS` rows. */
  allowSmall: boolean;
};

/** The defaults of every collect option: the core defaults of cleaning, splitting and encoding. */
export const defaults = {
  data: null,
  profile: AUTO_PROFILE,
  map: null,
  credits: null,
  minVotes: CLEAN_DEFAULTS.minVotes,
  titleTypes: IMDB_JOIN_DEFAULTS.titleTypes.join(","),
  missing: CLEAN_DEFAULTS.missing,
  dedupe: CLEAN_DEFAULTS.dedupe,
  features: FIT_ENCODER_DEFAULTS.preset,
  out: DEFAULT_OUT,
  seed: SPLIT_DEFAULTS.seed,
  k: SPLIT_DEFAULTS.k,
  testFraction: SPLIT_DEFAULTS.testFraction,
  bagFraction: SPLIT_DEFAULTS.bagFraction,
  w2vDim: null,
  w2vEpochs: null,
  w2vMinCount: null,
  minCount: FIT_ENCODER_DEFAULTS.minCount,
  peopleMinCount: FIT_ENCODER_DEFAULTS.peopleMinCount,
  maxVocab: FIT_ENCODER_DEFAULTS.maxVocab,
  targetFolds: BUILD_FEATURES_DEFAULTS.targetFolds,
  smoothing: FIT_ENCODER_DEFAULTS.smoothing,
  encoding: "utf-8",
  allowSmall: false,
} satisfies CollectConfig;

/** "32, or 300 with --features seed": a keyword-vector default of each preset, for help. */
const byPreset = (key: "wordDim" | "wordEpochs" | "wordMinCount") =>
  `${PRESET_WORD_VECTORS.default[key]}, or ${PRESET_WORD_VECTORS.seed[key]} with --features seed`;

/** The command line of collect. */
export const spec: CliSpec<CollectConfig> = {
  name: "collect",
  summary:
    "Read a movie table, clean it, split it (test set and K bags) and encode model-ready features into OUT/training_data/.",
  defaults,
  flags: {
    ...SOURCE_FLAGS,
    minVotes: {
      description: "Drop movies with fewer votes",
      value: "N",
      defaultText: `the profile's (${
        Object.values(PROFILES).filter((p) => p.minVotes?.default).map((p) =>
          `${p.name} ${p.minVotes!.default}`
        )
          .join(", ")
      }; none for the others)`,
    },
    titleTypes: {
      description:
        "IMDb dump folder: the titleType values kept, comma-separated (movie, tvMovie, video, short, …)",
    },
    missing: {
      description: "Rows with a missing value: impute (median + flag, 'unknown') or drop (the seed)",
      choices: MISSING_POLICIES,
    },
    dedupe: { description: "Drop repeated movies, keeping the first" },
    features: {
      description:
        "Feature preset: default (best), seed (the seed's 15 fields, encoded as the seed did) or prerelease " +
        "(default without the profile's post-release fields: votes, review counts, grosses…)",
      choices: FEATURE_PRESETS,
    },
    out: { description: "Output folder", value: "DIR" },
    seed: { description: "Seed of the split, bags, folds and Word2Vec" },
    k: { description: "Number of bags (ensemble members)" },
    testFraction: { description: "Share of rows held out for testing (rounded up)" },
    bagFraction: { description: "Share of non-test rows in each bag; the rest validates it" },
    w2vDim: { description: "Word2Vec dimension", value: "N", defaultText: byPreset("wordDim") },
    w2vEpochs: {
      description: "Word2Vec passes over the keyword lists",
      value: "N",
      defaultText: byPreset("wordEpochs"),
    },
    w2vMinCount: {
      description: "Keywords seen fewer times get no vector",
      value: "N",
      defaultText: byPreset("wordMinCount"),
    },
    minCount: { description: "Categories and genres seen fewer times fold into 'other'" },
    peopleMinCount: { description: "Directors and actors seen fewer times get no one-hot column" },
    maxVocab: {
      description:
        "One-hot columns per field at most: the most frequent values (the rest: 'other' and target encodings)",
    },
    targetFolds: { description: "Folds of the out-of-fold target encoding" },
    smoothing: { description: "Target-encoding smoothing weight (pseudo-count)" },
    allowSmall: {
      description:
        `Collect even when the test set has fewer than ${MIN_TEST_ROWS} rows (its statistics mean little)`,
    },
  },
  epilog: [
    "Examples:",
    "  deno task collect",
    "  deno task collect --data ../shared/data/movie_metadata.csv",
    "  deno task collect --data ../shared/data/movie_metadata.csv --missing drop --no-dedupe --features seed",
    "  deno task collect --data ../shared/data/movie_metadata.csv --features prerelease",
    "  deno task collect --data data/imdb            # a folder of IMDb's title.*.tsv.gz and name.basics.tsv.gz",
  ].join("\n"),
};

/** What {@link run} did. */
export interface CollectResult {
  out: string;
  manifest: CollectManifest;
  dataset: Dataset;
}

function packageVersion(name: string): string {
  const spec = (denoJson.imports as Record<string, string>)[name] ?? "";
  return spec.slice(spec.lastIndexOf("@") + 1);
}

function positiveInt(value: number, flag: string, min = 1): number {
  if (!Number.isInteger(value) || value < min) {
    throw new RangeError(`Cannot use --${flag} ${value}: expected an integer >= ${min}`);
  }
  return value;
}

function optionalNumber(value: number | string | null, flag: string, fallback: number): number {
  if (value === null) return fallback;
  const n = Number(value);
  if (typeof value === "string" && value.trim() === "" || !Number.isInteger(n) || n < 0) {
    throw new RangeError(`Cannot use --${flag} ${JSON.stringify(value)}: expected an integer >= 0`);
  }
  return n;
}

/**
 * Run collect with `config`: read, clean, split, encode, then write every artifact atomically (holding the
 * lock of `config.out`).
 */
export function run(config: CollectConfig): Promise<CollectResult> {
  return withOutLock(config.out, "collect", () => collect(config));
}

async function collect(config: CollectConfig): Promise<CollectResult> {
  const started = performance.now();
  for (const [flag, value] of Object.entries({ missing: config.missing, features: config.features })) {
    const choices = spec.flags[flag as "missing" | "features"]!.choices!;
    if (!choices.includes(value)) {
      throw new RangeError(
        `Cannot use --${flag} ${JSON.stringify(value)}: expected one of ${choices.join(", ")}`,
      );
    }
  }
  const preset = config.features as typeof FEATURE_PRESETS[number];
  const words = PRESET_WORD_VECTORS[preset];
  const k = positiveInt(config.k, "k");
  const options: CollectOptions = {
    missing: config.missing as typeof MISSING_POLICIES[number],
    dedupe: config.dedupe,
    seed: positiveInt(config.seed, "seed", 0),
    k,
    testFraction: config.testFraction,
    bagFraction: config.bagFraction,
    preset,
    wordDim: optionalNumber(config.w2vDim, "w2v-dim", words.wordDim),
    wordEpochs: positiveInt(optionalNumber(config.w2vEpochs, "w2v-epochs", words.wordEpochs), "w2v-epochs"),
    wordMinCount: optionalNumber(config.w2vMinCount, "w2v-min-count", words.wordMinCount),
    minCount: positiveInt(config.minCount, "min-count"),
    peopleMinCount: positiveInt(config.peopleMinCount, "people-min-count"),
    maxVocab: positiveInt(config.maxVocab, "max-vocab"),
    targetFolds: positiveInt(config.targetFolds, "target-folds", 2),
    smoothing: config.smoothing,
    minVotes: config.minVotes === null ? null : optionalNumber(config.minVotes, "min-votes", 0),
    minTest: config.allowSmall ? 1 : MIN_TEST_ROWS,
  };
  if (!(config.smoothing >= 0)) {
    throw new RangeError(`Cannot use --smoothing ${config.smoothing}: expected >= 0`);
  }

  const tParse = performance.now();
  const titleTypes = config.titleTypes.split(",").map((t) => t.trim()).filter((t) => t !== "");
  if (titleTypes.length === 0) {
    throw new RangeError(`Cannot use --title-types "": expected a list such as movie`);
  }
  const source = await readSource({ ...config, titleTypes, minVotes: options.minVotes });
  for (const note of source.notes) console.error(`collect: ${note}`);
  const { path, table } = source;
  const map = preset === "prerelease" ? prereleaseMap(source.map) : source.map;
  const parseSeconds = (performance.now() - tParse) / 1000;
  const dataset = collectDataset(table, map, options);
  // Rows a folder source left out while streaming (an IMDb dump's other title types, say) come first.
  dataset.dropped = mergeDrops(source.dropped, dataset.dropped);
  dataset.records = source.records;
  dataset.problems = [...source.problems, ...dataset.problems];
  const { features, split } = dataset;

  const tWrite = performance.now();
  const rows = dataset.rows.length;
  const groups: Record<string, number> = {};
  for (const name of features.names) {
    const group = name.slice(0, name.indexOf(":"));
    groups[group] = (groups[group] ?? 0) + 1;
  }
  const manifest: CollectManifest = {
    schema: 1,
    profile: map.name,
    input: { path, sha256: source.sha256, bytes: source.bytes, records: dataset.records },
    rows: {
      kept: rows,
      test: split.test.test.length,
      train: split.bags.map((b) => b.train.length),
      validation: split.bags.map((b) => b.validation.length),
    },
    dropped: dataset.dropped,
    features: { count: features.width, groups },
    config: { ...config, data: path, credits: source.joined },
    versions: {
      deno: Deno.version.deno,
      "csv-parse": packageVersion("csv-parse"),
      "vega-datasets": packageVersion("vega-datasets"),
    },
    timings: {},
    createdAt: "",
  };
  const json = (value: unknown) => JSON.stringify(value, null, 2) + "\n";
  // Copies of the index files for the prediction results, as in the seed (stale bags removed): they change
  // together with training_data/ or not at all.
  const results = join(config.out, PATHS.predictionResults);
  const copy = (p: string) => join(results, p.slice(PATHS.trainingData.length + 1));
  const copies = new Map<string, string | null>([[copy(PATHS.testIndex), json(split.test)]]);
  for (const bag of split.bags) copies.set(copy(PATHS.trainIndex(bag.k)), json(bag));
  for (let stale = k + 1; await exists(copy(PATHS.trainIndex(stale))); stale++) {
    copies.set(copy(PATHS.trainIndex(stale)), null);
  }
  await replaceDirAtomic(join(config.out, PATHS.trainingData), async (tmp) => {
    const write = (p: string, data: Uint8Array | string | Uint8Array[]) =>
      fsw.writeFile(join(tmp, p.slice(PATHS.trainingData.length + 1)), data);
    await write(PATHS.inputVectors, encodeNpyParts({ data: features.matrix, shape: [rows, features.width] }));
    await write(PATHS.outputData, encodeNpy({ data: features.targets, shape: [rows] }));
    await write(PATHS.featureNames, json(features.names));
    await write(PATHS.encoders, json(features.encoders));
    await write(PATHS.rows, json(dataset.rows));
    await write(
      PATHS.wordModel,
      formatWord2Vec(features.words ?? { dim: options.wordDim ?? 0, vectors: new Map() }),
    );
    await write(PATHS.testIndex, json(split.test));
    for (const bag of split.bags) await write(PATHS.trainIndex(bag.k), json(bag));
    manifest.timings = {
      parse: round(parseSeconds),
      ...dataset.timings,
      write: round((performance.now() - tWrite) / 1000),
      total: round((performance.now() - started) / 1000),
    };
    manifest.createdAt = new Date().toISOString();
    await write(PATHS.manifest, json(manifest));
  }, () => replaceFilesAtomic(copies));
  printSummary(manifest, config.out, dataset.problems);
  return { out: config.out, manifest, dataset };
}

const round = (s: number) => Math.round(s * 1000) / 1000;

function printSummary(m: CollectManifest, out: string, problems: string[]): void {
  const lines = [
    `collect: ${m.input.path} (profile ${m.profile}, ${m.input.records} records)`,
    `  kept ${m.rows.kept} rows: test ${m.rows.test}, bags ${m.rows.train.join("/")} train + ${
      m.rows.validation.join("/")
    } validation`,
  ];
  for (const [reason, d] of Object.entries(m.dropped)) {
    lines.push(`  dropped ${d.count} (${reason}), first at lines ${d.lines.join(", ")}`);
  }
  for (const problem of problems) lines.push(`    ${problem}`);
  lines.push(
    `  features ${m.features.count}: ${
      Object.entries(m.features.groups).map(([g, n]) => `${g} ${n}`).join(", ")
    }`,
  );
  lines.push(`  wrote ${join(out, PATHS.trainingData)}/ in ${m.timings.total.toFixed(2)} s`);
  console.log(lines.join("\n"));
}

if (import.meta.main) await cli(spec, run);
