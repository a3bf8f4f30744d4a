/**
 * `deno task collect`: read a movie table (CSV or JSON; the embedded vega-datasets movies by default), clean
 * it, split it and encode it into the model-ready artifacts of `core/artifacts.ts`, all written atomically.
 *
 * @module
 */
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { parse as parseCsvStream } from "csv-parse/stream";
import denoJson from "../deno.json" with { type: "json" };
import { type CollectManifest, PATHS } from "../core/artifacts.ts";
import { collectDataset, type CollectOptions, type Dataset } from "../core/collect/collect_dataset.ts";
import { type ColumnMap, withoutColumns } from "../core/collect/column_map.ts";
import { createJoinCollector, joinColumns, type JoinedColumns } from "../core/collect/join_tables.ts";
import { validateColumnMap } from "../core/collect/validate_column_map.ts";
import { parseCsv } from "../core/collect/parse_csv.ts";
import { parseJsonTable } from "../core/collect/parse_json_table.ts";
import { detectProfile, PROFILES } from "../core/collect/profiles.ts";
import { MIN_TEST_ROWS } from "../core/collect/split_rows.ts";
import type { SourceTable } from "../core/collect/source_table.ts";
import { decodeText, TEXT_ENCODINGS } from "../core/decode_text.ts";
import { encodeNpy } from "../core/npy.ts";
import { formatWord2Vec } from "../core/features/word2vec_text.ts";
import { cli, type CliSpec } from "./_cli.ts";
import {
  exists,
  fsw,
  join,
  readFileNamed,
  readJsonFile,
  replaceDirAtomic,
  replaceFilesAtomic,
} from "./_fs.ts";
import { withOutLock } from "./_out_lock.ts";

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
  targetFolds: number;
  smoothing: number;
  /** Text encoding of the source files: utf-8 (strict) or latin1. */
  encoding: string;
  /** Collect even when the test set would have fewer than `MIN_TEST_ROWS` rows. */
  allowSmall: boolean;
};

/** The defaults of every collect option. */
export const defaults = {
  data: null,
  profile: "auto",
  map: null,
  credits: null,
  minVotes: null,
  missing: "impute",
  dedupe: true,
  features: "default",
  out: "artifacts",
  seed: 42,
  k: 3,
  testFraction: 0.15,
  bagFraction: 0.9,
  w2vDim: null,
  w2vEpochs: null,
  w2vMinCount: null,
  minCount: 5,
  peopleMinCount: 8,
  targetFolds: 5,
  smoothing: 10,
  encoding: "utf-8",
  allowSmall: false,
} satisfies CollectConfig;

/** The command line of collect. */
export const spec: CliSpec<CollectConfig> = {
  name: "collect",
  summary:
    "Read a movie table, clean it, split it (test set and K bags) and encode model-ready features into OUT/training_data/.",
  defaults,
  flags: {
    data: {
      description: "Movie table, CSV or JSON (default: the embedded vega-datasets movies)",
      value: "PATH",
    },
    profile: { description: "Column map of the source", choices: ["auto", ...Object.keys(PROFILES)] },
    map: {
      description: "Your own column map (JSON, see core/collect/column_map.schema.json); replaces --profile",
      value: "FILE",
    },
    credits: {
      description: "TMDB credits CSV (default: tmdb_5000_credits.csv beside --data, used when present)",
      value: "PATH",
    },
    minVotes: {
      description: "Drop movies with fewer votes (default: the profile's; TMDB 10, others none)",
      value: "N",
    },
    missing: {
      description: "Rows with a missing value: impute (median + flag, 'unknown') or drop (the seed)",
      choices: ["impute", "drop"],
    },
    dedupe: { description: "Keep repeated movies (by default they are dropped, the first kept)" },
    features: {
      description: "Feature preset: default (best) or seed (the seed's 15 fields)",
      choices: ["default", "seed"],
    },
    out: { description: "Output folder", value: "DIR" },
    seed: { description: "Seed of the split, bags, folds and Word2Vec" },
    k: { description: "Number of bags (ensemble members)" },
    testFraction: { description: "Share of rows held out for testing (rounded up)" },
    bagFraction: { description: "Share of non-test rows in each bag; the rest validates it" },
    w2vDim: { description: "Word2Vec dimension (default: 32, or 300 with --features seed)", value: "N" },
    w2vEpochs: {
      description: "Word2Vec passes over the keyword lists (default: 10, or 5 with --features seed)",
      value: "N",
    },
    w2vMinCount: {
      description: "Keywords seen fewer times get no vector (default: 2, or 1 with --features seed)",
      value: "N",
    },
    minCount: { description: "Categories and genres seen fewer times fold into 'other'" },
    peopleMinCount: { description: "Directors and actors seen fewer times get no one-hot column" },
    targetFolds: { description: "Folds of the out-of-fold target encoding" },
    smoothing: { description: "Target-encoding smoothing weight (pseudo-count)" },
    encoding: { description: "Text encoding of the source files", choices: TEXT_ENCODINGS },
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
  ].join("\n"),
};

/** What {@link run} did. */
export interface CollectResult {
  out: string;
  manifest: CollectManifest;
  dataset: Dataset;
}

/** The embedded default dataset: vega-datasets' `data/movies.json` (resolved through the package). */
export function embeddedDataPath(): string {
  try {
    return fileURLToPath(new URL("../data/movies.json", import.meta.resolve("vega-datasets")));
  } catch {
    return fileURLToPath(new URL("../node_modules/vega-datasets/data/movies.json", import.meta.url));
  }
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
 * Parse the source file by extension (`.json` → JSON table, anything else → CSV), decoded strictly as
 * `encoding` (see `core/decode_text.ts`).
 */
export function parseSource(bytes: Uint8Array, path: string, encoding = "utf-8"): SourceTable {
  const text = decodeText(bytes, path, encoding);
  if (text.trim() === "") throw new SyntaxError(`Cannot read ${JSON.stringify(path)}: the file is empty`);
  return /\.json$/i.test(path) ? parseJsonTable(text, path) : parseCsv(text, path);
}

/** Bytes in `encoding` to UTF-8 bytes, strictly: a byte sequence that is not UTF-8 errors the stream. */
function asUtf8(encoding: string): TransformStream<Uint8Array, Uint8Array> {
  const decoder = new TextDecoder(encoding === "latin1" ? "latin1" : "utf-8", { fatal: true });
  const encoder = new TextEncoder();
  return new TransformStream({
    transform: (chunk, out) => out.enqueue(encoder.encode(decoder.decode(chunk, { stream: true }))),
    flush: (out) => out.enqueue(encoder.encode(decoder.decode())),
  });
}

/**
 * Stream the joined file of `map.join` (TMDB credits, 40 MB) record by record, keeping of each only what the
 * map reads.
 */
export async function readJoinedFile(
  path: string,
  map: ColumnMap,
  encoding = "utf-8",
): Promise<JoinedColumns> {
  const file = await Deno.open(path).catch((error) => {
    if (error instanceof Deno.errors.NotFound) {
      throw new Deno.errors.NotFound(
        `Cannot read ${map.join!.name} file ${JSON.stringify(path)}: no such file`,
      );
    }
    throw error;
  });
  const records = file.readable
    .pipeThrough(asUtf8(encoding))
    .pipeThrough(parseCsvStream({ bom: true, skip_empty_lines: true, record_delimiter: ["\r\n", "\n"] }));
  let collector: ReturnType<typeof createJoinCollector> | null = null;
  try {
    for await (const record of records as AsyncIterable<string[]>) {
      if (collector) collector.add(record);
      else collector = createJoinCollector(map, record.map((h) => h.trim()), path);
    }
  } catch (error) {
    if (error instanceof TypeError && error.message.startsWith("Cannot")) throw error;
    // Not text in that encoding: read it whole to name the line and column of the first bad byte.
    if (error instanceof TypeError) decodeText(await Deno.readFile(path), path, encoding);
    const e = error as Error & { lines?: number };
    throw new SyntaxError(
      `Cannot parse CSV ${JSON.stringify(path)}${e.lines ? `, line ${e.lines}` : ""}: ${e.message}`,
    );
  }
  if (!collector) {
    throw new SyntaxError(`Cannot read ${map.join!.name} file ${JSON.stringify(path)}: the file is empty`);
  }
  return collector.result();
}

/** Resolve `--profile` against the header. */
export function resolveProfile(name: string, table: SourceTable): ColumnMap {
  if (name === "auto") return detectProfile(table.header, JSON.stringify(table.name));
  const map = PROFILES[name];
  if (!map) {
    throw new RangeError(
      `Cannot use --profile ${JSON.stringify(name)}: expected auto or ${Object.keys(PROFILES).join(", ")}`,
    );
  }
  return map;
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
  const seedPreset = config.features === "seed";
  const path = config.data ?? embeddedDataPath();
  const k = positiveInt(config.k, "k");
  const options: CollectOptions = {
    missing: config.missing as "impute" | "drop",
    dedupe: config.dedupe,
    seed: positiveInt(config.seed, "seed", 0),
    k,
    testFraction: config.testFraction,
    bagFraction: config.bagFraction,
    preset: seedPreset ? "seed" : "default",
    wordDim: optionalNumber(config.w2vDim, "w2v-dim", seedPreset ? 300 : 32),
    wordEpochs: positiveInt(
      optionalNumber(config.w2vEpochs, "w2v-epochs", seedPreset ? 5 : 10),
      "w2v-epochs",
    ),
    wordMinCount: optionalNumber(config.w2vMinCount, "w2v-min-count", seedPreset ? 1 : 2),
    minCount: positiveInt(config.minCount, "min-count"),
    peopleMinCount: positiveInt(config.peopleMinCount, "people-min-count"),
    targetFolds: positiveInt(config.targetFolds, "target-folds", 2),
    smoothing: config.smoothing,
    minVotes: config.minVotes === null ? null : optionalNumber(config.minVotes, "min-votes", 0),
    minTest: config.allowSmall ? 1 : MIN_TEST_ROWS,
  };
  if (!(config.smoothing >= 0)) {
    throw new RangeError(`Cannot use --smoothing ${config.smoothing}: expected >= 0`);
  }

  const bytes = await readFileNamed(path, "movie table");
  const sha256 = Array.from(
    new Uint8Array(await crypto.subtle.digest("SHA-256", bytes as Uint8Array<ArrayBuffer>)),
    (b) => b.toString(16).padStart(2, "0"),
  ).join("");
  const tParse = performance.now();
  let table = parseSource(bytes, path, config.encoding);
  let map = config.map
    ? validateColumnMap(await readJsonFile(config.map, "column map"), config.map)
    : resolveProfile(config.profile, table);
  let creditsPath: string | null = null;
  if (map.join) {
    const candidate = config.credits ?? join(dirname(path), map.join.file);
    if (config.credits !== null || (await exists(candidate))) {
      const joined = await readJoinedFile(candidate, map, config.encoding);
      table = joinColumns(table, joined);
      creditsPath = candidate;
    } else {
      console.error(
        `collect: no ${map.join.name} file ${
          JSON.stringify(candidate)
        } (or --credits PATH): running without the ${
          map.join.columns.join(" and ")
        } columns (no director or cast features)`,
      );
      map = withoutColumns(map, map.join.columns);
    }
  }
  const parseSeconds = (performance.now() - tParse) / 1000;
  const dataset = collectDataset(table, map, options);
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
    input: { path, sha256, bytes: bytes.length, records: dataset.records },
    rows: {
      kept: rows,
      test: split.test.test.length,
      train: split.bags.map((b) => b.train.length),
      validation: split.bags.map((b) => b.validation.length),
    },
    dropped: dataset.dropped,
    features: { count: features.width, groups },
    config: { ...config, data: path, credits: creditsPath },
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
    const write = (p: string, data: Uint8Array | string) =>
      fsw.writeFile(join(tmp, p.slice(PATHS.trainingData.length + 1)), data);
    await write(PATHS.inputVectors, encodeNpy({ data: features.matrix, shape: [rows, features.width] }));
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
