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
    // A Map: values are names ("constructor", "__proto__" are names too), never object keys.
    const table = new Map<string, [number, number]>();
    for (const movie of movies) {
      if (movie.target === null) continue;
      for (const v of new Set(movieValues(movie, source))) {
        if (v === UNKNOWN) continue;
        const s = table.get(v) ?? [0, 0];
        s[0]++;
        s[1] += movie.target;
        table.set(v, s);
      }
    }
    // Sorted keys: the saved encoders are byte-stable. fromEntries defines own properties, even "__proto__".
    stats[key] = Object.fromEntries([...table].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)));
  }
  return stats;
}

/**
 * The statistic of `value` in `table` (one source's statistics), or `undefined` when it has none. Only own
 * entries count: a name such as "constructor" or "toString" is not the object's inherited member.
 */
export function targetStat(
  table: Record<string, [number, number]> | undefined,
  value: string,
): [number, number] | undefined {
  return table !== undefined && Object.hasOwn(table, value) ? table[value] : undefined;
}
