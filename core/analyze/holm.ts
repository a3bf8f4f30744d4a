/**
 * Holm's step-down adjustment of p-values for multiple comparisons.
 *
 * @module
 */

/**
 * Holm-adjusted p-values, in the input order (as `statsmodels.stats.multitest.multipletests(p, method="holm")`):
 * sorted ascending, the i-th (1-based) of m becomes max over j ≤ i of min(1, (m − j + 1)·p₍ⱼ₎). Rejecting where
 * the adjusted p-value is below α keeps the family-wise error rate at α.
 */
export function holmAdjust(pValues: readonly number[]): number[] {
  const m = pValues.length;
  const order = pValues.map((_, i) => i).sort((a, b) => pValues[a] - pValues[b] || a - b);
  const out = new Array<number>(m);
  let running = 0;
  order.forEach((i, rank) => {
    running = Math.max(running, Math.min(1, (m - rank) * pValues[i]));
    out[i] = running;
  });
  return out;
}
