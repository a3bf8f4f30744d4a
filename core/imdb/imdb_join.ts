/**
 * The join of an IMDb dump's tables into one movie table, fed one row at a time so that files far larger than
 * memory stream through it: ratings and basics decide which movies are kept (type, not adult, rated, enough
 * votes), and crew, principals and names then keep only those movies' rows and the names they use.
 *
 * The result is a {@link SourceTable} read through the `imdb-datasets` profile like any other table, one row per
 * kept movie, its line the movie's line in title.basics. Movies left out here are counted by reason, as
 * cleaning counts the rows it drops.
 *
 * @module
 */
import type { DropCount } from "../artifacts.ts";
import { CLEAN_DEFAULTS, countDrop, DROP_REASONS } from "../collect/clean_movies.ts";
import { imdbDatasets } from "../collect/profiles.ts";
import type { SourceTable } from "../collect/source_table.ts";
import { IMDB_NULL, IMDB_TABLES, type ImdbTable } from "./imdb_tables.ts";

/** Options of {@link createImdbJoin}; {@link IMDB_JOIN_DEFAULTS} holds their defaults. */
export interface ImdbJoinOptions {
  /** The titleType values kept. @default ["movie"] */
  titleTypes?: readonly string[];
  /** Movies with fewer votes are left out (counted as "too few votes"). @default 100 (the profile's) */
  minVotes?: number;
  /** First lines kept per drop reason. @default 5 */
  keepLines?: number;
}

/** The defaults of {@link ImdbJoinOptions}. */
export const IMDB_JOIN_DEFAULTS = {
  titleTypes: ["movie"],
  minVotes: imdbDatasets.minVotes!.default,
  keepLines: CLEAN_DEFAULTS.keepLines,
} as const satisfies Required<ImdbJoinOptions>;

/** Why a title.basics row is not a movie of the table (beside cleaning's own reasons). */
export const IMDB_DROP_REASONS = {
  type: "other title type",
  adult: "adult title",
  unrated: "no rating",
  votes: DROP_REASONS.votes,
  duplicate: DROP_REASONS.duplicate,
  malformed: DROP_REASONS.malformed,
} as const;

/** A cell that cannot be read: the row is skipped, not the run. */
class MalformedRow extends SyntaxError {}

/** The columns of the joined table, in order: the profile `imdb-datasets` reads them. */
export const IMDB_JOINED_COLUMNS = [
  "tconst",
  "titleType",
  "primaryTitle",
  "startYear",
  "runtimeMinutes",
  "genres",
  "averageRating",
  "numVotes",
  "director",
  "writer",
  "actor1",
  "actor2",
  "actor3",
  "directorCount",
  "writerCount",
  "directorEarlierFilms",
] as const;

/** Actors (category actor or actress) kept per movie, lowest `ordering` first. */
export const IMDB_ACTORS = 3;

/** The id number of a `tt…`/`nm…` identifier, or NaN when it is not one. */
export function imdbId(text: string): number {
  if (text.length < 3 || text.charCodeAt(0) < 97 || text.charCodeAt(1) < 97) return NaN;
  let n = 0;
  for (let i = 2; i < text.length; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return NaN;
    n = n * 10 + d;
  }
  return n;
}

/** The id of a row's first cell (the text before the first tab), without splitting the row. */
export function rowId(row: string): number {
  const tab = row.indexOf("\t");
  return imdbId(tab < 0 ? row : row.slice(0, tab));
}

interface KeptMovie {
  line: number;
  id: string;
  type: string;
  title: string;
  year: number | null;
  runtime: string | null;
  genres: string | null;
  rating: string;
  votes: number;
  directors: number[];
  writers: number[];
  /** [ordering, nconst] of actors and actresses. */
  cast: [number, number][];
}

/** Feeds an {@link ImdbJoin}: the header of each table, then its rows, tables in `IMDB_READ_ORDER`. */
export interface ImdbJoin {
  /** Take `table`'s header (its cells); `file` names the file in errors. @throws {TypeError} for a missing column. */
  header(table: ImdbTable, cells: readonly string[], file: string): void;
  /** Whether a row of `table` whose first cell has id `id` (see {@link rowId}) matters: skip it unread if not. */
  wants(table: ImdbTable, id: number): boolean;
  /**
   * One row of `table`, split on tabs, at 1-based `line`. A malformed cell (an id that is not one, a number
   * that is not one) skips the row, counted and kept among the `problems` of the result.
   */
  add(table: ImdbTable, cells: readonly string[], line: number): void;
  /** Rows kept so far (for progress). */
  readonly kept: number;
  /** The joined table and the rows left out by reason. */
  result(name: string): ImdbJoinResult;
}

/** What {@link ImdbJoin.result} returns. */
export interface ImdbJoinResult {
  table: SourceTable;
  /** title.basics rows left out, by reason (first lines kept). */
  dropped: Record<string, DropCount>;
  /** title.basics rows read. */
  records: number;
  /** Malformed rows skipped per table (title.basics ones are also in `dropped`, as "malformed cell"). */
  skipped: Partial<Record<ImdbTable, number>>;
  /** The first few malformed rows: "Cannot read FILE, line N, column C: …". */
  problems: string[];
}

const cell = (value: string | undefined): string | null =>
  value === undefined || value === IMDB_NULL || value === "" ? null : value;

/**
 * A copy of `text` that does not hold on to the string it was cut from: V8 keeps a whole chunk of the file
 * alive behind every substring kept from it (a title, a name), which for 300k movies is most of the file.
 */
const own = (text: string): string => (" " + text).slice(1);

/** {@link cell}, then {@link own}. */
const ownCell = (value: string | undefined): string | null => {
  const c = cell(value);
  return c === null ? null : own(c);
};

/** Start joining a dump's tables with `options`. */
export function createImdbJoin(options: ImdbJoinOptions = {}): ImdbJoin {
  const {
    titleTypes = IMDB_JOIN_DEFAULTS.titleTypes,
    minVotes = IMDB_JOIN_DEFAULTS.minVotes,
    keepLines = IMDB_JOIN_DEFAULTS.keepLines,
  } = options;
  const types = new Set(titleTypes);
  const index: Partial<Record<ImdbTable, Map<string, number>>> = {};
  const files: Partial<Record<ImdbTable, string>> = {};
  const widths: Partial<Record<ImdbTable, number>> = {};
  const rows: Partial<Record<ImdbTable, number>> = {};
  /** tconst → averageRating × 10 + 1000 × numVotes (one number per rated title). */
  const ratings = new Map<number, number>();
  /** tconst → startYear of every title of a kept type, rated or not (the filmographies). */
  const years = new Map<number, number>();
  /** tconst of every title of a kept type read so far (repeats are dropped). */
  const seen = new Set<number>();
  const kept = new Map<number, KeptMovie>();
  /** Director nconst → the start years of the films they directed. */
  const filmography = new Map<number, number[]>();
  const names = new Map<number, string>();
  const needed = new Set<number>();
  const dropped: Record<string, DropCount> = {};
  const crewSeen = new Set<number>();
  const problems: string[] = [];
  const skipped: Partial<Record<ImdbTable, number>> = {};

  const drop = (reason: string, line: number) => countDrop(dropped, reason, line, keepLines);
  const columnOf = (table: ImdbTable, name: string) => index[table]!.get(name)!;
  const fail = (table: ImdbTable, line: number, column: string, raw: string, why: string): never => {
    throw new MalformedRow(
      `Cannot read ${JSON.stringify(files[table])}, line ${line}, column ${JSON.stringify(column)}: ${
        JSON.stringify(raw)
      } ${why}`,
    );
  };
  const idOf = (table: ImdbTable, cells: readonly string[], line: number, column: string): number => {
    const raw = cells[columnOf(table, column)] ?? "";
    const id = imdbId(raw);
    if (Number.isNaN(id)) fail(table, line, column, raw, "is not an IMDb identifier (tt… or nm… and digits)");
    return id;
  };
  /** A number cell (`\N`: null); `whole` ones (votes, years, minutes, orderings) must be integers ≥ 0. */
  const numberOf = (
    table: ImdbTable,
    cells: readonly string[],
    line: number,
    column: string,
    whole = true,
  ): number | null => {
    const raw = cell(cells[columnOf(table, column)]);
    if (raw === null) return null;
    const n = Number(raw);
    if (!Number.isFinite(n) || raw.trim() === "") fail(table, line, column, raw, "is not a number");
    if (whole && !(Number.isInteger(n) && n >= 0)) fail(table, line, column, raw, "is not a whole number");
    return n;
  };
  const ids = (raw: string | null): number[] => {
    if (raw === null) return [];
    const out: number[] = [];
    for (const part of raw.split(",")) {
      const id = imdbId(part.trim());
      if (!Number.isNaN(id) && !out.includes(id)) out.push(id);
    }
    return out;
  };

  const add: Record<ImdbTable, (cells: readonly string[], line: number) => void> = {
    ratings(cells, line) {
      const id = idOf("ratings", cells, line, "tconst");
      if (ratings.has(id)) return;
      const rating = numberOf("ratings", cells, line, "averageRating", false);
      const votes = numberOf("ratings", cells, line, "numVotes") ?? 0;
      if (rating === null) return;
      if (rating < 0 || rating > 10) {
        fail("ratings", line, "averageRating", String(rating), "is outside 0–10");
      }
      ratings.set(id, Math.round(rating * 10) + 1000 * votes);
    },
    basics(cells, line) {
      const id = idOf("basics", cells, line, "tconst");
      const type = cells[columnOf("basics", "titleType")] ?? "";
      if (!types.has(type)) return drop(IMDB_DROP_REASONS.type, line);
      if (cells[columnOf("basics", "isAdult")] === "1") return drop(IMDB_DROP_REASONS.adult, line);
      // Only titles of the kept types are remembered: 11M ids of every type would not stay small.
      if (seen.has(id)) return drop(IMDB_DROP_REASONS.duplicate, line);
      seen.add(id);
      const year = numberOf("basics", cells, line, "startYear");
      if (year !== null) years.set(id, year);
      const rated = ratings.get(id);
      if (rated === undefined) return drop(IMDB_DROP_REASONS.unrated, line);
      const votes = Math.floor(rated / 1000);
      if (votes < minVotes) return drop(IMDB_DROP_REASONS.votes, line);
      numberOf("basics", cells, line, "runtimeMinutes");
      const raw = cells[columnOf("basics", "tconst")];
      kept.set(id, {
        line,
        id: own(raw),
        type: own(type),
        title: ownCell(cells[columnOf("basics", "primaryTitle")]) ?? own(raw),
        year,
        runtime: ownCell(cells[columnOf("basics", "runtimeMinutes")]),
        genres: ownCell(cells[columnOf("basics", "genres")]),
        rating: ((rated % 1000) / 10).toFixed(1),
        votes,
        directors: [],
        writers: [],
        cast: [],
      });
    },
    crew(cells, line) {
      const id = idOf("crew", cells, line, "tconst");
      if (crewSeen.has(id)) return;
      crewSeen.add(id);
      const directors = ids(cell(cells[columnOf("crew", "directors")]));
      const year = years.get(id);
      if (year !== undefined) {
        for (const d of directors) {
          const films = filmography.get(d);
          if (films) films.push(year);
          else filmography.set(d, [year]);
        }
      }
      const movie = kept.get(id);
      if (!movie) return;
      movie.directors = directors;
      movie.writers = ids(cell(cells[columnOf("crew", "writers")]));
      for (const p of [...movie.directors, ...movie.writers]) needed.add(p);
    },
    principals(cells, line) {
      const movie = kept.get(idOf("principals", cells, line, "tconst"));
      const category = cells[columnOf("principals", "category")];
      if (!movie || (category !== "actor" && category !== "actress")) return;
      const ordering = numberOf("principals", cells, line, "ordering") ?? Infinity;
      const person = idOf("principals", cells, line, "nconst");
      if (movie.cast.some(([o, p]) => o === ordering || p === person)) return;
      movie.cast.push([ordering, person]);
      if (movie.cast.length > IMDB_ACTORS) {
        movie.cast.sort((a, b) => a[0] - b[0]);
        movie.cast.length = IMDB_ACTORS;
      }
    },
    names(cells, line) {
      const id = idOf("names", cells, line, "nconst");
      const name = ownCell(cells[columnOf("names", "primaryName")]);
      if (name !== null && !names.has(id)) names.set(id, name);
    },
  };

  return {
    header(table, cells, file) {
      files[table] = file;
      const at = new Map(cells.map((c, j) => [c.trim(), j]));
      const missing = IMDB_TABLES[table].columns.filter((c) => !at.has(c));
      if (missing.length > 0) {
        throw new TypeError(
          `Cannot read ${JSON.stringify(file)}, line 1: no column ${
            missing.map((c) => JSON.stringify(c)).join(", ")
          } (its header: ${cells.map((c) => JSON.stringify(c)).join(", ")}); is it IMDb's ${
            IMDB_TABLES[table].file
          }?`,
        );
      }
      index[table] = at;
      widths[table] = cells.length;
      rows[table] = 0;
      // What a table needs no more is let go of before the next one streams in.
      if (table === "crew") {
        ratings.clear();
        seen.clear();
      }
      if (table === "principals") years.clear();
      if (table === "names") {
        for (const movie of kept.values()) for (const [, p] of movie.cast) needed.add(p);
      }
    },
    wants(table, id) {
      switch (table) {
        case "ratings":
        case "basics":
          return true;
        case "crew":
          return years.has(id) || kept.has(id);
        case "principals":
          return kept.has(id);
        case "names":
          return needed.has(id);
      }
    },
    add(table, cells, line) {
      rows[table]!++;
      try {
        if (cells.length !== widths[table]) {
          // A stray tab or a cut-off last line would shift or drop cells without a word.
          throw new MalformedRow(
            `Cannot read ${
              JSON.stringify(files[table])
            }, line ${line}: ${cells.length} tab-separated fields, ` +
              `its header has ${widths[table]}`,
          );
        }
        add[table](cells, line);
      } catch (error) {
        if (!(error instanceof MalformedRow)) throw error;
        // One bad row in 90 million does not stop the run: it is counted, named and skipped.
        if (table === "basics") drop(IMDB_DROP_REASONS.malformed, line);
        skipped[table] = (skipped[table] ?? 0) + 1;
        if (problems.length < keepLines) problems.push(error.message);
      }
    },
    get kept() {
      return kept.size;
    },
    result(name) {
      // Names are not unique: two people sharing one are told apart by their ids, so that neither inherits
      // the other's one-hot column or target encoding.
      const used = new Map<string, number>();
      for (const p of needed) {
        const n = names.get(p);
        if (n !== undefined) used.set(n, (used.get(n) ?? 0) + 1);
      }
      const nameOf = (p: number | undefined) => {
        if (p === undefined) return null;
        const id = `nm${String(p).padStart(7, "0")}`;
        const n = names.get(p);
        return n === undefined ? id : (used.get(n) ?? 0) > 1 ? `${n} (${id})` : n;
      };
      const out: SourceTable["records"] = [];
      for (const m of kept.values()) {
        m.cast.sort((a, b) => a[0] - b[0]);
        const films = m.directors.length > 0 ? filmography.get(m.directors[0]) : undefined;
        const earlier = m.year === null
          ? null
          : films === undefined
          ? m.directors.length > 0 ? 0 : null
          : films.filter((y) => y < m.year!).length;
        const cells: (string | null)[] = [
          m.id,
          m.type,
          m.title,
          m.year === null ? null : String(m.year),
          m.runtime,
          m.genres,
          m.rating,
          String(m.votes),
          nameOf(m.directors[0]),
          nameOf(m.writers[0]),
          ...Array.from({ length: IMDB_ACTORS }, (_, i) => nameOf(m.cast[i]?.[1])),
          rows.crew === undefined ? null : String(m.directors.length),
          rows.crew === undefined ? null : String(m.writers.length),
          rows.crew === undefined || earlier === null ? null : String(earlier),
        ];
        out.push({ line: m.line, cells });
      }
      out.sort((a, b) => a.line - b.line);
      return {
        table: { name, header: [...IMDB_JOINED_COLUMNS], records: out },
        dropped,
        records: rows.basics ?? 0,
        skipped,
        problems,
      };
    },
  };
}
