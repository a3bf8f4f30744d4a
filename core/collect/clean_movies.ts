/**
 * Row-level cleaning by an explicit policy: invalid targets, missing values (`drop` only) and duplicates, each
 * counted with the first few source lines.
 *
 * @module
 */
import type { DropCount } from "../artifacts.ts";
import type { ColumnMap } from "./column_map.ts";
import type { MovieRecord } from "./movie_record.ts";

/** What `missing` accepts: keep a row with a gap and impute it, or drop it (the seed's policy). */
export const MISSING_POLICIES = ["impute", "drop"] as const;

/** Options of {@link cleanMovies}; {@link CLEAN_DEFAULTS} holds their defaults. */
export interface CleanOptions {
  /** `drop`: drop any row with a missing value in any column the profile reads (the seed); `impute`: keep. @default "impute" */
  missing?: typeof MISSING_POLICIES[number];
  /** Drop repeated movies (same {@link ColumnMap.dedupeBy} values), keeping the first. @default true */
  dedupe?: boolean;
  /** Rows whose vote count (the profile's `minVotes` column) is below this are dropped. @default the profile's, or 0 */
  minVotes?: number | null;
  /** Source lines kept per drop reason. @default 5 */
  keepLines?: number;
}

/** The defaults of {@link CleanOptions} (`minVotes: null`: the profile's). */
export const CLEAN_DEFAULTS = {
  missing: "impute",
  dedupe: true,
  minVotes: null,
  keepLines: 5,
} as const satisfies Required<CleanOptions>;

/** Count one row dropped for `reason` at source `line` in `dropped`, keeping the first `keepLines` lines. */
export function countDrop(
  dropped: Record<string, DropCount>,
  reason: string,
  line: number,
  keepLines: number = CLEAN_DEFAULTS.keepLines,
): void {
  const d = (dropped[reason] ??= { count: 0, lines: [] });
  d.count++;
  if (d.lines.length < keepLines) d.lines.push(line);
}

/**
 * The drops of `a` and `b` together (rows a source left out while reading, then cleaning's): counts of the same
 * reason added, and of both their lines the first `keepLines` in line order.
 */
export function mergeDrops(
  a: Record<string, DropCount>,
  b: Record<string, DropCount>,
  keepLines: number = CLEAN_DEFAULTS.keepLines,
): Record<string, DropCount> {
  const out = { ...a };
  for (const [reason, d] of Object.entries(b)) {
    const other = a[reason];
    out[reason] = other
      ? {
        count: other.count + d.count,
        lines: [...other.lines, ...d.lines].sort((x, y) => x - y).slice(0, keepLines),
      }
      : d;
  }
  return out;
}

/** The kept movies, in source order, and the drops by reason. */
export interface CleanResult {
  kept: MovieRecord[];
  dropped: Record<string, DropCount>;
  /** The first few row-level problems, "line N, column "c": …". */
  problems: string[];
}

/** Drop-reason names, in the order the checks run. */
export const DROP_REASONS = {
  malformed: "malformed cell",
  target: "invalid target",
  votes: "too few votes",
  missing: "missing value",
  duplicate: "duplicate",
} as const;

/**
 * Apply the cleaning policy to `movies`: malformed cells, invalid target, too few votes, then (drop mode) missing
 * values, then duplicates. Each row is counted under the first reason that applies.
 */
export function cleanMovies(movies: MovieRecord[], map: ColumnMap, options: CleanOptions = {}): CleanResult {
  const {
    missing = CLEAN_DEFAULTS.missing,
    dedupe = CLEAN_DEFAULTS.dedupe,
    keepLines = CLEAN_DEFAULTS.keepLines,
  } = options;
  const minVotes = options.minVotes ?? map.minVotes?.default ?? 0;
  const problems: string[] = [];
  const dropped: Record<string, DropCount> = {};
  const drop = (reason: string, movie: MovieRecord) => countDrop(dropped, reason, movie.line, keepLines);
  const keys = map.dedupeBy ?? ["id"];
  const seen = new Set<string>();
  const kept: MovieRecord[] = [];
  for (const movie of movies) {
    if (movie.problems.length > 0) {
      drop(DROP_REASONS.malformed, movie);
      if (problems.length < keepLines) problems.push(...movie.problems.slice(0, keepLines - problems.length));
      continue;
    }
    if (movie.target === null) {
      drop(DROP_REASONS.target, movie);
      continue;
    }
    if (map.minVotes && minVotes > 0 && (movie.votes ?? 0) < minVotes) {
      drop(DROP_REASONS.votes, movie);
      continue;
    }
    if (missing === "drop" && movie.missing.length > 0) {
      drop(DROP_REASONS.missing, movie);
      continue;
    }
    if (dedupe) {
      const key = JSON.stringify(keys.map((k) => movie[k]));
      if (seen.has(key)) {
        drop(DROP_REASONS.duplicate, movie);
        continue;
      }
      seen.add(key);
    }
    kept.push(movie);
  }
  return { kept, dropped, problems };
}
