/**
 * The t confidence interval of a mean.
 *
 * @module
 */
import { studentTQuantile } from "./_distributions.ts";
import { mean, standardDeviation } from "./moments.ts";

/** A mean with its t interval, in the values' units; `low`/`high` are `null` with fewer than 2 values. */
export interface MeanInterval {
  n: number;
  mean: number;
  /** Standard error: sd / √n. */
  se: number | null;
  low: number | null;
  high: number | null;
  level: number;
}

/**
 * The mean of `values` and its two-sided t interval at `level` (as `scipy.stats.t.interval(level, n − 1,
 * loc=mean, scale=sem)`).
 *
 * @param level @default 0.95
 */
export function meanInterval(values: ArrayLike<number>, level = 0.95): MeanInterval {
  const n = values.length;
  const m = mean(values);
  if (n < 2) return { n, mean: m, se: null, low: null, high: null, level };
  const se = standardDeviation(values) / Math.sqrt(n);
  const half = studentTQuantile((1 + level) / 2, n - 1) * se;
  return { n, mean: m, se, low: m - half, high: m + half, level };
}
