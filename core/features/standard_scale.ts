/**
 * The mean and standard deviation that standardise a column, with a unit scale for a constant column (whose
 * computed deviation would be rounding noise, ~1e-14, turning any other value into ~1e12).
 *
 * @module
 */

/** `(x − mean) / sd` standardises; `sd` is always > 0. */
export interface StandardScale {
  mean: number;
  sd: number;
}

/**
 * The mean and population standard deviation of `values`. A constant column (every value equal, or no
 * values) gets `sd` 1 and its value as the mean, so it standardises to 0 and any other value to its
 * difference from that constant.
 */
export function standardScale(values: ArrayLike<number>): StandardScale {
  const n = values.length;
  if (n === 0) return { mean: 0, sd: 1 };
  let min = Infinity;
  let max = -Infinity;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    sum += v;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (min === max) return { mean: min, sd: 1 };
  const mean = sum / n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (values[i] - mean) ** 2;
  const sd = Math.sqrt(ss / n);
  return { mean, sd: sd > 0 ? sd : 1 };
}
