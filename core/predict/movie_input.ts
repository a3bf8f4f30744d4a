/**
 * A new movie given as canonical JSON (`deno task predict --movie movie.json`, the Try page's form), checked
 * field by field and turned into the {@link MovieRecord} that collect's encoders read.
 *
 * @module
 */
import type { MovieRecord } from "../collect/movie_record.ts";

/**
 * A new movie, canonical field names. Every field is optional; absent and `null` values are missing and get the
 * encoders' imputation (numbers: the training median; categories: "unknown"). When `numbers.year` is absent, it
 * is taken from `year` (and the other way round).
 *
 * @example
 * { "title": "Heat", "year": 1995, "director": "Michael Mann", "actors": ["Al Pacino", "Robert De Niro"],
 *   "genres": ["Crime", "Drama"], "keywords": ["heist"], "numbers": { "budget": 60000000, "duration": 170 },
 *   "categories": { "country": "USA" } }
 */
export interface MovieInput {
  id?: string | null;
  title?: string | null;
  year?: number | null;
  director?: string | null;
  /** By billing position; `null` for an empty position. */
  actors?: (string | null)[];
  genres?: string[];
  keywords?: string[];
  /** Numeric fields by canonical name (`budget`, `duration`, `votes`, …). */
  numbers?: Record<string, number | null>;
  /** Categorical fields by canonical name (`country`, `content_rating`, …). */
  categories?: Record<string, string | null>;
}

/** The keys a {@link MovieInput} may have. */
export const MOVIE_INPUT_KEYS = [
  "id",
  "title",
  "year",
  "director",
  "actors",
  "genres",
  "keywords",
  "numbers",
  "categories",
] as const;

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * Check `value` (parsed JSON) against {@link MovieInput} and build the movie record. Strings are trimmed; an
 * empty string is missing.
 *
 * @param name Where the value came from (a file name, "form"), for error messages.
 * @throws {TypeError} naming the field for an unknown key or a value of the wrong type (a number given as text,
 *   a list that is not a list of strings, a non-finite number).
 */
export function movieFromInput(value: unknown, name = "<movie>"): MovieRecord {
  const fail = (field: string, why: string): never => {
    throw new TypeError(`Cannot read movie ${name}: ${field} ${why}`);
  };
  if (!isObject(value)) fail("the value", `must be a JSON object, got ${JSON.stringify(value)}`);
  const input = value as Record<string, unknown>;
  for (const key of Object.keys(input)) {
    if (!(MOVIE_INPUT_KEYS as readonly string[]).includes(key)) {
      fail(JSON.stringify(key), `is not a movie field (known: ${MOVIE_INPUT_KEYS.join(", ")})`);
    }
  }
  const text = (v: unknown, field: string): string | null => {
    if (v === null || v === undefined) return null;
    if (typeof v !== "string") return fail(field, `must be text or null, got ${JSON.stringify(v)}`);
    const t = v.trim();
    return t === "" ? null : t;
  };
  const number = (v: unknown, field: string): number | null => {
    if (v === null || v === undefined) return null;
    if (typeof v !== "number" || !Number.isFinite(v)) {
      return fail(field, `must be a finite number or null, got ${JSON.stringify(v)}`);
    }
    return v;
  };
  const list = (v: unknown, field: string, nulls: boolean): (string | null)[] => {
    if (v === null || v === undefined) return [];
    if (!Array.isArray(v)) return fail(field, `must be a list of text, got ${JSON.stringify(v)}`);
    const out = v.map((x, i) => text(x, `${field}[${i}]`));
    return nulls ? out : out.filter((x): x is string => x !== null);
  };
  const record = <T>(v: unknown, field: string, read: (x: unknown, f: string) => T): Record<string, T> => {
    if (v === null || v === undefined) return {};
    if (!isObject(v)) return fail(field, `must be an object of named values, got ${JSON.stringify(v)}`);
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, read(x, `${field}.${k}`)]));
  };
  const year = number(input.year, "year");
  if (year !== null && !Number.isInteger(year)) fail("year", `must be a whole number, got ${year}`);
  const numbers = record(input.numbers, "numbers", number);
  if (numbers.year === undefined && year !== null) numbers.year = year;
  const title = text(input.title, "title") ?? "";
  const actors = list(input.actors, "actors", true);
  while (actors.length > 0 && actors[actors.length - 1] === null) actors.pop();
  return {
    line: 1,
    id: text(input.id, "id") ?? title,
    title,
    year: year ?? (Number.isInteger(numbers.year) ? numbers.year : null),
    target: null,
    director: text(input.director, "director"),
    actors,
    genres: list(input.genres, "genres", false) as string[],
    keywords: list(input.keywords, "keywords", false) as string[],
    numbers,
    categories: record(input.categories, "categories", text),
    missing: [],
    votes: null,
    problems: [],
  };
}
