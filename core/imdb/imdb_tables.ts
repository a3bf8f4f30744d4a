/**
 * The tables of IMDb's non-commercial datasets (https://developer.imdb.com/non-commercial-datasets/): their
 * file names, the columns each must have, the order collect reads them in, and how a folder's listing is
 * recognised as such a dump.
 *
 * The files are gzipped TSV: UTF-8, a header line, tab-separated, `\N` for a missing value and no quoting at all
 * (a `"` is a literal character), lists comma-separated inside a cell.
 *
 * @module
 */

/**
 * The tables of a dump, by the short names used in code: the file name (without `.tsv.gz`), the header as IMDb
 * publishes it, and the columns collect reads (which must be there; others may come and go).
 */
export const IMDB_TABLES = {
  ratings: {
    file: "title.ratings",
    header: ["tconst", "averageRating", "numVotes"],
    columns: ["tconst", "averageRating", "numVotes"],
  },
  basics: {
    file: "title.basics",
    header: [
      "tconst",
      "titleType",
      "primaryTitle",
      "originalTitle",
      "isAdult",
      "startYear",
      "endYear",
      "runtimeMinutes",
      "genres",
    ],
    columns: ["tconst", "titleType", "primaryTitle", "isAdult", "startYear", "runtimeMinutes", "genres"],
  },
  crew: {
    file: "title.crew",
    header: ["tconst", "directors", "writers"],
    columns: ["tconst", "directors", "writers"],
  },
  principals: {
    file: "title.principals",
    header: ["tconst", "ordering", "nconst", "category", "job", "characters"],
    columns: ["tconst", "ordering", "nconst", "category"],
  },
  names: {
    file: "name.basics",
    header: ["nconst", "primaryName", "birthYear", "deathYear", "primaryProfession", "knownForTitles"],
    columns: ["nconst", "primaryName"],
  },
} as const satisfies Record<string, { file: string; header: readonly string[]; columns: readonly string[] }>;

/** A table's short name. */
export type ImdbTable = keyof typeof IMDB_TABLES;

/**
 * The order collect reads them in: ratings and basics decide which movies are kept, then crew, principals and
 * names keep only those movies' rows (and the names they use).
 */
export const IMDB_READ_ORDER: readonly ImdbTable[] = ["ratings", "basics", "crew", "principals", "names"];

/** Without these two there is nothing to learn from; the other three add people. */
export const IMDB_REQUIRED: readonly ImdbTable[] = ["ratings", "basics"];

/** The missing-value marker of every cell. */
export const IMDB_NULL = "\\N";

/**
 * The file of each table in a folder listing (`title.basics.tsv.gz`, or `title.basics.tsv` uncompressed; the
 * gzipped one when both are there), `null` for a table that is absent.
 */
export function imdbDumpFiles(listing: readonly string[]): Record<ImdbTable, string | null> {
  const names = new Set(listing);
  const pick = (table: ImdbTable) => {
    const base = IMDB_TABLES[table].file;
    return [`${base}.tsv.gz`, `${base}.tsv`].find((n) => names.has(n)) ?? null;
  };
  return Object.fromEntries(IMDB_READ_ORDER.map((t) => [t, pick(t)])) as Record<ImdbTable, string | null>;
}

/** Whether a folder with these file names is an IMDb dump: it holds title.basics and title.ratings. */
export function isImdbDump(listing: readonly string[]): boolean {
  const files = imdbDumpFiles(listing);
  return IMDB_REQUIRED.every((t) => files[t] !== null);
}
