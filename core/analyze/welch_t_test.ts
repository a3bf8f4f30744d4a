/**
 * Welch's unequal-variance t-test of two means.
 *
 * @module
 */
import { studentTCdf } from "./_distributions.ts";
import { mean, variance } from "./moments.ts";
import type { TestResult } from "./test_result.ts";

/**
 * Welch's two-sample t-test of H0: mean(a) = mean(b), two-sided, with Welch–Satterthwaite degrees of freedom
 * (as `scipy.stats.ttest_ind(a, b, equal_var=False)`). The statistic is (mean(a) − mean(b)) / SE.
 */
export function welchTTest(a: ArrayLike<number>, b: ArrayLike<number>): TestResult {
  if (a.length < 2 || b.length < 2) {
    throw new RangeError(
      `Cannot run Welch's t-test: need 2 or more values per sample, got ${a.length} and ${b.length}`,
    );
  }
  const va = variance(a) / a.length;
  const vb = variance(b) / b.length;
  const t = (mean(a) - mean(b)) / Math.sqrt(va + vb);
  const df = (va + vb) ** 2 / (va * va / (a.length - 1) + vb * vb / (b.length - 1));
  return { statistic: t, df, pValue: Math.min(1, 2 * studentTCdf(-Math.abs(t), df)) };
}
