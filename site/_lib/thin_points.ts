/**
 * Keeping pages light on large test sets (an IMDb dump's 45k test movies made a 9 MB page): charts draw at most
 * {@link MAX_DOTS} dots and tables list at most {@link MAX_TABLE_ROWS} movies; every movie stays in the CSV
 * downloads.
 *
 * @module
 */

/** Dots a per-movie chart draws at most. */
export const MAX_DOTS = 4000;

/** Movies a table lists at most. */
export const MAX_TABLE_ROWS = 500;

/**
 * At most `max` of `points`, evenly spaced in their order (every k-th: deterministic, and the test movies are
 * in random order already), with a phrase saying what was kept; all of them, and an empty phrase, when few.
 */
export function thinPoints<T>(points: readonly T[], max = MAX_DOTS): { shown: T[]; note: string } {
  if (points.length <= max) return { shown: [...points], note: "" };
  const step = points.length / max;
  const shown = Array.from({ length: max }, (_, i) => points[Math.floor(i * step)]);
  return {
    shown,
    note:
      ` Drawn: ${max} of the ${points.length} movies, evenly spaced in the test set's (random) order, so that the page stays light; predictions.csv has them all.`,
  };
}
