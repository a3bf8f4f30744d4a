/**
 * Sample moments: the mean and the sample (n − 1) standard deviation, as NumPy's `mean` and `std(ddof=1)`.
 *
 * @module
 */

/** The arithmetic mean of `values`; NaN for an empty array. */
export function mean(values: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i];
  return values.length === 0 ? NaN : sum / values.length;
}

/** The sample variance (divisor n − 1) of `values`; NaN for fewer than two values. */
export function variance(values: ArrayLike<number>): number {
  const n = values.length;
  if (n < 2) return NaN;
  const m = mean(values);
  let sum = 0;
  for (let i = 0; i < n; i++) sum += (values[i] - m) ** 2;
  return sum / (n - 1);
}

/** The sample standard deviation (divisor n − 1) of `values`. */
export function standardDeviation(values: ArrayLike<number>): number {
  return Math.sqrt(variance(values));
}
