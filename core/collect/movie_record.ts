/**
 * The canonical movie record every profile maps to, whatever the source's columns are called.
 *
 * @module
 */

/** One movie, canonical. Absent values are `null` (or empty lists). */
export interface MovieRecord {
  /** 1-based source line where the record starts (JSON: record number). */
  line: number;
  /** The movie's id or link; the title when the source has none. */
  id: string;
  title: string;
  year: number | null;
  /** The score to predict; `null` when missing or outside the profile's range. */
  target: number | null;
  director: string | null;
  /** Cast by billing position; `null` where a position is empty. */
  actors: (string | null)[];
  genres: string[];
  keywords: string[];
  /** Numeric fields by canonical name. */
  numbers: Record<string, number | null>;
  /** Categorical fields by canonical name. */
  categories: Record<string, string | null>;
  /** Source columns whose cell was empty (for `--missing drop`). */
  missing: string[];
  /** The vote count the profile's `minVotes` names, or `null`. */
  votes: number | null;
  /** Row-level problems (a malformed JSON cell), "line N, column "c": …"; such a row is dropped. */
  problems: string[];
}
