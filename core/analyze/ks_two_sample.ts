/**
 * The two-sample Kolmogorov–Smirnov test.
 *
 * @module
 */
import { kolmogorovCdf } from "./_distributions.ts";
import type { TestResult } from "./test_result.ts";

/**
 * Two-sample Kolmogorov–Smirnov test of H0: a and b come from the same continuous distribution, two-sided.
 * The statistic D is the largest distance between the two empirical CDFs; the p-value is the asymptotic one of
 * `scipy.stats.ks_2samp(a, b, method="asymp")`: P(D_m ≥ D) under the Kolmogorov distribution of the one-sample
 * statistic with m = round(n_a·n_b / (n_a + n_b)), evaluated by stdlib (Marsaglia, Tsang & Wang 2003).
 */
export function ksTwoSample(a: ArrayLike<number>, b: ArrayLike<number>): TestResult {
  if (a.length === 0 || b.length === 0) {
    throw new RangeError(
      `Cannot run a Kolmogorov–Smirnov test: a sample is empty (${a.length}, ${b.length})`,
    );
  }
  const x = Float64Array.from(a).sort();
  const y = Float64Array.from(b).sort();
  let i = 0, j = 0, d = 0;
  while (i < x.length && j < y.length) {
    const v = Math.min(x[i], y[j]);
    while (i < x.length && x[i] === v) i++;
    while (j < y.length && y[j] === v) j++;
    d = Math.max(d, Math.abs(i / x.length - j / y.length));
  }
  const m = Math.round((x.length * y.length) / (x.length + y.length));
  const p = Math.min(1, Math.max(0, 1 - kolmogorovCdf(d, m)));
  return { statistic: d, df: null, pValue: p };
}
