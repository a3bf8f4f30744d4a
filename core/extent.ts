/**
 * The smallest and largest of many numbers without spreading them onto the call stack: `Math.max(...values)`
 * overflows the stack above about 100k values (a 300k-movie table).
 *
 * @module
 */

/** The smallest and largest of `values`; `{ min: fallback, max: fallback }` when there are none. */
export function extent(values: Iterable<number>, fallback = 0): { min: number; max: number } {
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return min === Infinity ? { min: fallback, max: fallback } : { min, max };
}
