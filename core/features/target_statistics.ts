/**
 * Per-value target statistics for target encoding (director, actors, keywords), and their out-of-fold version.
 *
 * @module
 */
import type { MovieRecord } from "../collect/movie_record.ts";
import type { TargetStats, ValueSource } from "./encoders.ts";
import { movieValues, UNKNOWN } from "./movie_values.ts";

/** The sources target encoding keeps statistics for, by key. */
export const TARGET_SOURCES: Record<string, ValueSource> = {
  director: { role: "director" },
  actors: { role: "actors" },
  keywords: { role: "keywords" },
};

/**
 * For each key of `sources`, value → [count, sum of targets] over `movies` (those with a target). A value is
 * counted once per movie.
 */
export function targetStatistics(
  movies: readonly MovieRecord[],
  sources: Record<string, ValueSource> = TARGET_SOURCES,
): TargetStats {
  const stats: TargetStats = {};
  for (const [key, source] of Object.entries(sources)) {
    const table: Record<string, [number, number]> = {};
    for (const movie of movies) {
      if (movie.target === null) continue;
      for (const v of new Set(movieValues(movie, source))) {
        if (v === UNKNOWN) continue;
        const s = (table[v] ??= [0, 0]);
        s[0]++;
        s[1] += movie.target;
      }
    }
    // Sorted keys: the saved encoders are byte-stable.
    stats[key] = Object.fromEntries(Object.keys(table).sort().map((k) => [k, table[k]]));
  }
  return stats;
}
