/**
 * The Wilson score interval of a proportion.
 *
 * @module
 */
import { normalQuantile } from "./_distributions.ts";

/** A proportion with its interval. */
export interface ProportionInterval {
  count: number;
  n: number;
  /** count / n. */
  rate: number;
  low: number;
  high: number;
  level: number;
}

/**
 * `count` successes in `n` trials, with the Wilson score interval at `level` (as
 * `statsmodels.stats.proportion.proportion_confint(count, n, alpha, method="wilson")`).
 *
 * @param level @default 0.95
 * @throws {RangeError} when n < 1 or count is outside [0, n].
 */
export function wilsonInterval(count: number, n: number, level = 0.95): ProportionInterval {
  if (!(n >= 1) || !(count >= 0 && count <= n)) {
    throw new RangeError(`Cannot bound a proportion: ${count} of ${n}`);
  }
  const z = normalQuantile((1 + level) / 2);
  const p = count / n;
  const z2 = z * z;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / (1 + z2 / n);
  return { count, n, rate: p, low: Math.max(0, centre - half), high: Math.min(1, centre + half), level };
}
