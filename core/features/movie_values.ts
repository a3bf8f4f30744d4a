/**
 * Read a {@link ValueSource} off a movie: the strings a one-hot or target-encoding block sees.
 *
 * @module
 */
import type { MovieRecord } from "../collect/movie_record.ts";
import type { ValueSource } from "./encoders.ts";

/** The value standing for a missing category. */
export const UNKNOWN = "unknown";

/** Normalise a keyword phrase into a word2vec token: lower case, whitespace runs → "_". */
export function keywordToken(keyword: string): string {
  return keyword.trim().toLowerCase().replace(/\s+/g, "_");
}

/**
 * The values of `source` for `movie`. Single-valued sources give one value, `"unknown"` when missing; list
 * sources give their (possibly empty) list; keywords come as word2vec tokens.
 */
export function movieValues(movie: MovieRecord, source: ValueSource): string[] {
  switch (source.role) {
    case "director":
      return [movie.director ?? UNKNOWN];
    case "actors":
      if (source.position !== undefined) return [movie.actors[source.position] ?? UNKNOWN];
      return movie.actors.filter((a): a is string => a !== null);
    case "genres":
      return movie.genres;
    case "keywords":
      return movie.keywords.map(keywordToken);
    case "category":
      return [movie.categories[source.name] ?? UNKNOWN];
    case "number": {
      const v = movie.numbers[source.name];
      return [v === null || v === undefined ? UNKNOWN : String(v)];
    }
    case "year":
      return [movie.year === null ? UNKNOWN : String(movie.year)];
  }
}
