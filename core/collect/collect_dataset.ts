/**
 * The collect stage as one pure function: source table → canonical movies → cleaning → split → features.
 *
 * @module
 */
import type { DropCount, RowInfo } from "../artifacts.ts";
import { buildFeatures, type BuildFeaturesOptions, type Features } from "../features/build_features.ts";
import { cleanMovies, type CleanOptions, DROP_REASONS } from "./clean_movies.ts";
import type { ColumnMap } from "./column_map.ts";
import type { MovieRecord } from "./movie_record.ts";
import { readMovies } from "./read_movies.ts";
import type { SourceTable } from "./source_table.ts";
import { type Split, type SplitOptions, splitRows } from "./split_rows.ts";

/** Options of {@link collectDataset}. */
export type CollectOptions = CleanOptions & SplitOptions & BuildFeaturesOptions;

/** Everything collect writes, in memory. */
export interface Dataset {
  /** The kept movies, in source order: row i of the matrix. */
  movies: MovieRecord[];
  rows: RowInfo[];
  /** Source records read. */
  records: number;
  dropped: Record<string, DropCount>;
  /** The first few row-level problems behind "malformed cell" drops. */
  problems: string[];
  split: Split;
  features: Features;
  /** Seconds per step. */
  timings: Record<string, number>;
}

/** The {@link RowInfo} of a movie. */
export function rowInfo(movie: MovieRecord): RowInfo {
  return {
    line: movie.line,
    id: movie.id,
    title: movie.title,
    year: movie.year,
    director: movie.director,
    genres: movie.genres,
  };
}

/** Why no row is left of `table`: the drops by reason, and for invalid targets the column and its range. */
function noRowsMessage(table: SourceTable, map: ColumnMap, dropped: Record<string, DropCount>): string {
  const reasons = Object.entries(dropped).map(([reason, d]) => {
    const why = reason === DROP_REASONS.target
      ? ` (column ${
        JSON.stringify(map.target.column)
      } empty, not a number or outside ${map.target.min}–${map.target.max})`
      : "";
    return `${d.count} ${reason}${why}`;
  });
  return `Cannot split 0 rows of ${JSON.stringify(table.name)}: ${
    table.records.length === 0
      ? "it has no records"
      : `all ${table.records.length} records were dropped: ${reasons.join(", ")}`
  }`;
}

/**
 * Read, clean, split and encode `table` with `map`.
 *
 * @throws {TypeError} for a missing column; {@link SyntaxError} for a malformed cell; {@link RangeError} when too
 *   few rows remain to split.
 */
export function collectDataset(table: SourceTable, map: ColumnMap, options: CollectOptions = {}): Dataset {
  let t0 = performance.now();
  const timings: Record<string, number> = {};
  const lap = (name: string) => {
    const t = performance.now();
    timings[name] = Math.round(t - t0) / 1000;
    t0 = t;
  };
  const all = readMovies(table, map);
  lap("read");
  const { kept, dropped, problems } = cleanMovies(all, map, options);
  lap("clean");
  if (kept.length === 0) throw new RangeError(noRowsMessage(table, map, dropped));
  const split = splitRows(kept.length, options);
  const features = buildFeatures(kept, split.test.test, map, options);
  Object.assign(timings, features.timings);
  t0 = performance.now();
  return {
    movies: kept,
    rows: kept.map(rowInfo),
    records: table.records.length,
    dropped,
    problems,
    split,
    features,
    timings,
  };
}
