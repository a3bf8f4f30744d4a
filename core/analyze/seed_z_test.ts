/**
 * The seed's z test, reproduced as it was written.
 *
 * @module
 */
import { normalCdf } from "./_distributions.ts";
import { mean, standardDeviation } from "./moments.ts";
import type { TestResult } from "./test_result.ts";

/**
 * The seed's test: `z = (mean_pred − mean_actual) / sqrt(sd_a² + sd_p²)` with a two-sided p-value from the
 * standard normal. Reproduced for comparison only: the denominator is the spread of single scores, not the
 * standard error of a mean (there is no division by n), so the statistic is far too small to test the means.
 */
export function seedZTest(actual: ArrayLike<number>, predicted: ArrayLike<number>): TestResult {
  const sa = standardDeviation(actual);
  const sp = standardDeviation(predicted);
  const z = (mean(predicted) - mean(actual)) / Math.sqrt(sa * sa + sp * sp);
  return { statistic: z, df: null, pValue: Math.min(1, 2 * normalCdf(-Math.abs(z))) };
}
