/**
 * A dataset profile as data: for each canonical role of a movie record, the source column(s) and how to read
 * them. The built-in profiles (`imdb5000`, `vega-movies`) are such maps, and so is a user's `--map FILE`, so there
 * is one mechanism for every source table.
 *
 * @module
 */

/** How one source cell is read. */
export type CellReader =
  /** A number; `zeroMeansMissing` turns 0 into a missing value (TMDB budget). */
  | { column: string; as: "number"; zeroMeansMissing?: boolean }
  /** Trimmed text. */
  | { column: string; as: "text" }
  /** Text split on `separator`, each part trimmed, empty parts dropped. */
  | { column: string; as: "list"; separator: string }
  /** A JSON array of objects in the cell: each object's `field` (see {@link JsonListReader}). */
  | JsonListReader
  /** A year: a number cell, or a date text whose four-digit year is taken. */
  | { column: string; as: "year" };

/**
 * A JSON array of objects in a cell (TMDB: `[{"id": 28, "name": "Action"}]`): the `field` of each object that
 * matches every `where` pair, ordered by `sortBy` (ascending) when given, at most `limit` of them.
 */
export interface JsonListReader {
  column: string;
  as: "json-list";
  field: string;
  where?: Record<string, string | number>;
  sortBy?: string;
  limit?: number;
}

/** A numeric field (a number cell, or a year from a date) and how it is scaled in the default features. */
export type NumberField =
  & ({ column: string; as: "number"; zeroMeansMissing?: boolean } | { column: string; as: "year" })
  & {
    /** `log`: log1p then standardised (heavy-tailed counts and money); `linear`: standardised. */
    scale: "log" | "linear";
  };

/** The canonical roles a profile maps. Only `title` and `target` are required. */
export interface ColumnMap {
  /** Profile name, e.g. "imdb5000". */
  name: string;
  /** One line for humans. */
  description?: string;
  /** Header columns that identify this source for `--profile auto` (all must be present). */
  detect: string[];
  /** The movie's id or link; the title when absent. */
  id?: CellReader;
  title: CellReader;
  /** The score to predict, with its valid range (inclusive); rows outside it are dropped. */
  target: { column: string; min: number; max: number };
  year?: CellReader;
  director?: CellReader;
  /** Ordered cast: one column per billing position, or one list cell. */
  actors?: CellReader[];
  genres?: CellReader;
  keywords?: CellReader;
  /** Numeric fields by canonical name (`budget`, `votes`, …). */
  numbers?: Record<string, NumberField>;
  /** Categorical fields by canonical name (`color`, `country`, …). */
  categories?: Record<string, CellReader>;
  /** Roles whose values together identify a duplicate movie (first kept). @default ["id"] */
  dedupeBy?: ("id" | "title" | "year" | "director")[];
  /** Rows whose `column` (a vote count) is below `default` (or `--min-votes`) are dropped: noisy averages. */
  minVotes?: { column: string; default: number };
  /** A second file joined to this one (TMDB credits); see {@link JoinSpec}. */
  join?: JoinSpec;
  /**
   * Numeric and categorical fields (canonical names) known only after a movie opens: votes, review counts,
   * grosses. `--features prerelease` leaves them out (see {@link prereleaseMap}).
   */
  postRelease?: string[];
}

/**
 * A second table joined on a key: its `columns` are appended to each row whose `key` equals the other table's
 * `foreignKey`. Without the file, roles that read those columns are left out (and the user is told once).
 */
export interface JoinSpec {
  /** What the file is, for messages ("credits"). */
  name: string;
  /** File name looked for beside the main file. */
  file: string;
  /** Column of the main table. */
  key: string;
  /** Column of the joined table. */
  foreignKey: string;
  /** Columns of the joined table to append. */
  columns: string[];
}

/** A copy of `map` without the roles that read any of `columns` (for a join file that is absent). */
export function withoutColumns(map: ColumnMap, columns: readonly string[]): ColumnMap {
  const drop = new Set(columns);
  const keep = (r?: CellReader) => (r && !drop.has(r.column) ? r : undefined);
  const actors = (map.actors ?? []).filter((r) => !drop.has(r.column));
  const entries = <T extends CellReader>(o: Record<string, T> = {}) =>
    Object.fromEntries(Object.entries(o).filter(([, r]) => !drop.has(r.column)));
  return {
    ...map,
    director: keep(map.director),
    actors: actors.length ? actors : undefined,
    genres: keep(map.genres),
    keywords: keep(map.keywords),
    year: keep(map.year),
    numbers: entries(map.numbers),
    categories: entries(map.categories),
    join: undefined,
  };
}

/**
 * A copy of `map` without its {@link ColumnMap.postRelease} fields: what is known before a movie opens
 * (director, cast, genres, keywords, budget, duration, year, …), for `--features prerelease`.
 */
export function prereleaseMap(map: ColumnMap): ColumnMap {
  const post = new Set(map.postRelease ?? []);
  const keep = <T>(o: Record<string, T> = {}) =>
    Object.fromEntries(Object.entries(o).filter(([k]) => !post.has(k)));
  return { ...map, numbers: keep(map.numbers), categories: keep(map.categories), postRelease: [] };
}

/** Every source column a map reads, in a stable order (for `--missing drop` and header checks). */
export function mapColumns(map: ColumnMap): string[] {
  const readers: CellReader[] = [
    ...(map.id ? [map.id] : []),
    map.title,
    ...(map.year ? [map.year] : []),
    ...(map.director ? [map.director] : []),
    ...(map.actors ?? []),
    ...(map.genres ? [map.genres] : []),
    ...(map.keywords ? [map.keywords] : []),
    ...Object.values(map.numbers ?? {}),
    ...Object.values(map.categories ?? {}),
  ];
  const columns = [
    ...readers.map((r) => r.column),
    map.target.column,
    ...(map.minVotes ? [map.minVotes.column] : []),
  ];
  return [...new Set(columns)];
}
