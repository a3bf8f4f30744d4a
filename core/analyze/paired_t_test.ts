/**
 * The paired t-test.
 *
 * @module
 */
import { studentTCdf } from "./_distributions.ts";
import { mean, standardDeviation } from "./moments.ts";
import type { TestResult } from "./test_result.ts";

/**
 * Paired t-test of H0: mean(a − b) = 0, two-sided, n − 1 degrees of freedom (as `scipy.stats.ttest_rel(a, b)`).
 * Shape: a and b [n], paired by index.
 */
export function pairedTTest(a: ArrayLike<number>, b: ArrayLike<number>): TestResult {
  if (a.length !== b.length) {
    throw new TypeError(`Cannot run a paired t-test: ${a.length} and ${b.length} values do not pair up`);
  }
  if (a.length < 2) throw new RangeError(`Cannot run a paired t-test: need 2 or more pairs, got ${a.length}`);
  const d = Array.from({ length: a.length }, (_, i) => a[i] - b[i]);
  const df = d.length - 1;
  const t = mean(d) / (standardDeviation(d) / Math.sqrt(d.length));
  return { statistic: t, df, pValue: Math.min(1, 2 * studentTCdf(-Math.abs(t), df)) };
}
