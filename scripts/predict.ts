/**
 * `deno task predict`: score new movies with the trained ensemble: one canonical movie (`--movie movie.json`)
 * or a table of any profile (`--data new.csv`). Movies are encoded with collect's saved encoders by the same
 * code collect used, predicted by every member's best checkpoint, and combined; the output says which inputs
 * the model did not know.
 *
 * @module
 */
import * as tf from "../core/tfjs.ts";
import { DEFAULT_OUT } from "../core/artifacts.ts";
import { disposeModel } from "../core/models/tabm_files.ts";
import type { ColumnMap } from "../core/collect/column_map.ts";
import { TEXT_ENCODINGS } from "../core/decode_text.ts";
import type { MovieRecord } from "../core/collect/movie_record.ts";
import { readMovies } from "../core/collect/read_movies.ts";
import { movieFromInput } from "../core/predict/movie_input.ts";
import { describeClamp, describeOutOfRange } from "../core/predict/out_of_range.ts";
import { type MoviePrediction, predictMovies } from "../core/predict/predict_movies.ts";
import { BACKENDS } from "../core/train/train_config.ts";
import { initBackend } from "./_backend.ts";
import { cli, type CliSpec } from "./_cli.ts";
import { loadEnsemble } from "./_ensemble.ts";
import { readJsonFile } from "./_fs.ts";
import { AUTO_PROFILE, readSource, SOURCE_FLAGS } from "./_read_source.ts";
import { extent } from "../core/extent.ts";

/** Predict's configuration (flags are the kebab-case keys). */
export type PredictConfig = {
  /** Artifacts folder holding collect's encoders and train's checkpoints. */
  out: string;
  /** A JSON file with one movie (or a list of movies), canonical fields (see core/predict/movie_input.ts). */
  movie: string | null;
  /** A CSV or JSON movie table of any profile. */
  data: string | null;
  /** Column map of `data`: auto (the training profile if its columns are there, else detected) or a name. */
  profile: string;
  /** A column map JSON file for `data`; overrides `profile`. */
  map: string | null;
  /** The joined file of a profile with a join (TMDB credits); default: its file name beside `data`. */
  credits: string | null;
  /** Print JSON instead of a table. */
  json: boolean;
  backend: string;
  /** Text encoding of `data`: utf-8 (strict) or latin1. */
  encoding: string;
};

/** The defaults of every predict option. */
export const defaults = {
  out: DEFAULT_OUT,
  movie: null,
  data: null,
  profile: AUTO_PROFILE,
  map: null,
  credits: null,
  json: false,
  backend: "wasm",
  encoding: "utf-8",
} satisfies PredictConfig;

/** The command line of predict. */
export const spec: CliSpec<PredictConfig> = {
  name: "predict",
  summary: "Predict the IMDb score of new movies with the trained ensemble: the score with its 80% and 95% " +
    "prediction intervals, each member's score and their spread, and which inputs the model did not know.",
  defaults,
  flags: {
    out: { description: "Folder with collect's encoders and train's checkpoints", value: "DIR" },
    movie: { description: "One movie as JSON, canonical fields (or a list of them)", value: "FILE" },
    ...SOURCE_FLAGS,
    data: { description: "A movie table, CSV or JSON, of any profile", value: "FILE" },
    profile: {
      ...SOURCE_FLAGS.profile,
      description: "Column map of --data; auto: the training profile if its columns are there, else detected",
    },
    json: { description: "Print JSON instead of a table" },
    backend: { description: "tfjs backend", choices: BACKENDS },
    encoding: { description: "Text encoding of --data", choices: TEXT_ENCODINGS },
  },
  epilog: [
    "Examples:",
    "  deno task predict --movie tests/testdata/predict/movie.json",
    "  deno task predict --data ../shared/data/movie_metadata.csv --json > predictions.json",
    "",
    'A movie JSON: {"title": "Heat", "year": 1995, "director": "Michael Mann", "actors": ["Al Pacino"],',
    '  "genres": ["Crime"], "keywords": ["heist"], "numbers": {"budget": 60000000}, "categories": {"country": "USA"}}',
    'Absent fields are missing: numbers take the training median, categories the value "unknown".',
  ].join("\n"),
};

/** One movie's result: the prediction, and the actual score when the table had one. */
export type PredictedMovie = MoviePrediction & { actual: number | null };

/** What {@link run} returns. */
export interface PredictResult {
  backend: string;
  predictions: PredictedMovie[];
  /** Rows of `data` that could not be read, with why. */
  skipped: string[];
  /** Warnings about the input as a whole (a profile other than the training data's), printed once. */
  warnings: string[];
  /** Seconds to load the ensemble and to predict. */
  seconds: { load: number; predict: number };
}

/** Options of {@link run} that are not configuration. */
export interface RunOptions {
  /** Print nothing. @default false */
  quiet?: boolean;
}

async function readMovieFile(path: string): Promise<MovieRecord[]> {
  const value = await readJsonFile<unknown>(path, "movie");
  const list = Array.isArray(value) ? value : [value];
  if (list.length === 0) throw new TypeError(`Cannot read movie ${JSON.stringify(path)}: the list is empty`);
  return list.map((v, i) => ({
    ...movieFromInput(v, list.length > 1 ? `${JSON.stringify(path)}[${i}]` : JSON.stringify(path)),
    line: i + 1,
  }));
}

/** The movies of `config.data`, the column map they were read with, and what to tell the user about it. */
async function readMovieTable(
  config: PredictConfig,
  trained: ColumnMap,
): Promise<{ movies: MovieRecord[]; map: ColumnMap; notes: string[] }> {
  const source = await readSource({ ...config, prefer: trained });
  return { movies: readMovies(source.table, source.map), map: source.map, notes: source.notes };
}

/**
 * The warning for a table read with another column map than the training data's, or `null`: its columns
 * mean other things, and the fields the two profiles do not share are missing for every movie.
 */
export function profileWarning(path: string, read: ColumnMap, trained: ColumnMap): string | null {
  if (read.name === trained.name) return null;
  return `${JSON.stringify(path)} is read with profile ${
    JSON.stringify(read.name)
  }, but the model was trained on ` +
    `${JSON.stringify(trained.name)} data: values are matched by meaning, and fields only ${
      JSON.stringify(trained.name)
    } has are missing for every movie (listed as unknown)`;
}

const fmt = (v: number) => v.toFixed(3);

function printTable(predictions: PredictedMovie[]): void {
  const ks = predictions[0]?.members.map((m) => m.k) ?? [];
  const hasActual = predictions.some((p) => p.actual !== null);
  const levels = predictions[0]?.intervals.map((i) => `${Math.round(i.level * 100)}% interval`) ?? [];
  const header = [
    "line",
    "title",
    "score",
    ...levels,
    "member sd",
    ...ks.map((k) => `m${k}`),
    ...(hasActual ? ["actual"] : []),
    "unknown",
    "outside",
  ];
  const rows = predictions.map((p) => [
    String(p.line),
    p.title.length > 40 ? `${p.title.slice(0, 39)}…` : p.title,
    `${fmt(p.score)}${p.clamped ? "*" : ""}`,
    ...p.intervals.map((i) => `${i.low.toFixed(2)}–${i.high.toFixed(2)}`),
    fmt(p.spread),
    ...p.members.map((m) => fmt(m.score)),
    ...(hasActual ? [p.actual === null ? "-" : String(p.actual)] : []),
    String(p.unknown.length),
    String(p.outOfRange.length),
  ]);
  const widths = header.map((h, j) => Math.max(h.length, extent(rows.map((r) => r[j].length)).max));
  const line = (cells: string[]) =>
    cells.map((c, j) => (j === 1 ? c.padEnd(widths[j]) : c.padStart(widths[j]))).join("  ");
  const out = [line(header), ...rows.map(line)];
  if (levels.length === 0) {
    out.push(
      "",
      "No prediction intervals: this ensemble has no conformal.json (run `deno task train` again).",
    );
  }
  const clamped = predictions.filter((p) => p.clamped);
  if (clamped.length > 0) {
    const { min, max } = clamped[0].clamped!;
    out.push(`* clamped to the score's valid range ${min}–${max} (the members extrapolated beyond it)`);
  }
  if (predictions.length <= 10) {
    for (const p of predictions) {
      const where = `${JSON.stringify(p.title)} (line ${p.line})`;
      if (p.outOfRange.length > 0 || p.clamped) out.push("", `Extrapolated in ${where}:`);
      for (const o of p.outOfRange) out.push(`  ${describeOutOfRange(o)}`);
      if (p.clamped) out.push(`  score: ${describeClamp(p.clamped)}`);
      if (p.unknown.length === 0) continue;
      out.push("", `Unknown to the model in ${where}:`);
      for (const u of p.unknown) {
        out.push(`  ${u.field} ${u.value === null ? "(missing)" : JSON.stringify(u.value)}: ${u.handling}`);
      }
    }
  } else {
    const tally = (title: string, lists: string[][]) => {
      const counts = new Map<string, number>();
      for (const list of lists) {
        for (const what of new Set(list)) counts.set(what, (counts.get(what) ?? 0) + 1);
      }
      if (counts.size > 0) out.push("", `${title} (movies affected):`);
      for (const [what, n] of [...counts].sort((a, b) => b[1] - a[1])) {
        out.push(`  ${String(n).padStart(6)}  ${what}`);
      }
    };
    tally("Unknown inputs", predictions.map((p) => p.unknown.map((u) => `${u.field}: ${u.handling}`)));
    tally(
      "Inputs outside the training range",
      predictions.map((p) => p.outOfRange.map((o) => `${o.field}: outside ${o.min}–${o.max}`)),
    );
    if (clamped.length > 0) out.push("", `${clamped.length} scores clamped to the valid range`);
  }
  console.log(out.join("\n"));
}

/** Run predict with `config`. */
export async function run(
  config: Partial<PredictConfig> = {},
  options: RunOptions = {},
): Promise<PredictResult> {
  const c = { ...defaults, ...config } as PredictConfig;
  const { quiet = false } = options;
  if ((c.movie === null) === (c.data === null)) {
    throw new TypeError("Cannot predict: give exactly one of --movie FILE or --data PATH (see --help)");
  }
  // A movie file is checked before any model is loaded.
  const given = c.movie !== null ? await readMovieFile(c.movie) : null;
  const active = await initBackend(c.backend);
  if (!quiet) console.error(`predict: backend ${active.backend} (tfjs ${tf.version.tfjs})`);
  const t0 = performance.now();
  const ensemble = await loadEnsemble(c.out);
  const t1 = performance.now();
  const warnings: string[] = [];
  let read: MovieRecord[];
  if (given !== null) read = given;
  else {
    const table = await readMovieTable(c, ensemble.encoders.map);
    read = table.movies;
    warnings.push(...table.notes);
    const warning = profileWarning(c.data!, table.map, ensemble.encoders.map);
    if (warning) warnings.push(warning);
  }
  if (!quiet) { for (const w of warnings) console.error(`predict: warning: ${w}`); }
  const skipped: string[] = [];
  const movies = read.filter((m) => {
    if (m.problems.length === 0) return true;
    skipped.push(...m.problems);
    return false;
  });
  const predicted = await predictMovies(movies, ensemble, tf);
  const t2 = performance.now();
  ensemble.autoencoder?.dispose();
  for (const m of ensemble.members) disposeModel(m.model);
  const predictions = predicted.map((p, i) => ({ ...p, actual: movies[i].target }));
  if (!quiet) {
    if (c.json) console.log(JSON.stringify(predictions, null, 2));
    else printTable(predictions);
    if (skipped.length > 0) {
      console.error(`predict: skipped ${skipped.length} unreadable rows:\n  ${skipped.join("\n  ")}`);
    }
    console.error(
      `predict: ${predictions.length} movies with ${ensemble.members.length} members in ${
        ((t2 - t1) / 1000).toFixed(2)
      } s (loading ${((t1 - t0) / 1000).toFixed(2)} s)`,
    );
  }
  return {
    backend: active.backend,
    predictions,
    skipped,
    warnings,
    seconds: { load: (t1 - t0) / 1000, predict: (t2 - t1) / 1000 },
  };
}

if (import.meta.main) await cli(spec, (config) => run(config));
