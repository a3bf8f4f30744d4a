/**
 * Standardised mean differences between two groups of rows, column by column: the balance check of a split.
 *
 * @module
 */

/**
 * For each column of `x` (row-major, `features` columns), (mean_b − mean_a) / √((var_a + var_b) / 2) with
 * sample (n − 1) variances; `null` where both groups are constant in that column. Under a random split each
 * value has a standard error of about √(1/n_a + 1/n_b). Shape: x [rows, features]; result [features].
 */
export function standardizedDifferences(
  x: ArrayLike<number>,
  features: number,
  a: readonly number[],
  b: readonly number[],
): (number | null)[] {
  const moments = (rows: readonly number[]) => {
    const n = rows.length;
    const mean = new Float64Array(features), variance = new Float64Array(features);
    for (const r of rows) for (let j = 0; j < features; j++) mean[j] += x[r * features + j];
    for (let j = 0; j < features; j++) mean[j] /= n;
    for (const r of rows) {
      for (let j = 0; j < features; j++) variance[j] += (x[r * features + j] - mean[j]) ** 2;
    }
    for (let j = 0; j < features; j++) variance[j] /= n - 1;
    return { mean, variance };
  };
  if (a.length < 2 || b.length < 2) return new Array(features).fill(null);
  const ma = moments(a), mb = moments(b);
  return Array.from({ length: features }, (_, j) => {
    const pooled = Math.sqrt((ma.variance[j] + mb.variance[j]) / 2);
    return pooled > 1e-12 ? (mb.mean[j] - ma.mean[j]) / pooled : null;
  });
}
