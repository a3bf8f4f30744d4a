/**
 * A bootstrap confidence interval of the difference in RMSE between two predictors on the same rows.
 *
 * @module
 */
import type { Random } from "../random.ts";

/** A percentile bootstrap interval of RMSE(model) − RMSE(baseline), score points. */
export interface BootstrapInterval {
  /** RMSE(model) − RMSE(baseline) on the rows as they are. */
  estimate: number;
  low: number;
  high: number;
  /** Confidence level, e.g. 0.95. */
  level: number;
  resamples: number;
}

/** Quantile of sorted values by linear interpolation between order statistics (NumPy's default, "linear"). */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(sorted.length - 1, lo + 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

/**
 * Percentile bootstrap of RMSE(model) − RMSE(baseline): resample the n rows with replacement `resamples`
 * times (same rows for both predictors, so the pairing is kept), and take the (1 − level)/2 and (1 + level)/2
 * quantiles. Negative values mean the model's error is smaller. Shape: all inputs [n].
 *
 * @param options.resamples @default 2000
 * @param options.level @default 0.95
 */
export function bootstrapRmseDifference(
  actual: ArrayLike<number>,
  model: ArrayLike<number>,
  baseline: ArrayLike<number>,
  rng: Random,
  { resamples = 2000, level = 0.95 }: { resamples?: number; level?: number } = {},
): BootstrapInterval {
  const n = actual.length;
  if (model.length !== n || baseline.length !== n) {
    throw new TypeError(
      `Cannot bootstrap: ${n} actual values, ${model.length} and ${baseline.length} predictions`,
    );
  }
  if (!(resamples >= 1) || !Number.isInteger(resamples)) {
    throw new RangeError(`Cannot bootstrap: resamples must be a positive integer, got ${resamples}`);
  }
  if (!(level > 0 && level < 1)) {
    throw new RangeError(`Cannot bootstrap: level must be in (0, 1), got ${level}`);
  }
  const sm = new Float64Array(n);
  const sb = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    sm[i] = (model[i] - actual[i]) ** 2;
    sb[i] = (baseline[i] - actual[i]) ** 2;
  }
  const rmseDiff = (pick: (i: number) => number) => {
    let a = 0, b = 0;
    for (let i = 0; i < n; i++) {
      const j = pick(i);
      a += sm[j];
      b += sb[j];
    }
    return Math.sqrt(a / n) - Math.sqrt(b / n);
  };
  const diffs = new Float64Array(resamples);
  for (let r = 0; r < resamples; r++) diffs[r] = rmseDiff(() => rng.int(n));
  diffs.sort();
  return {
    estimate: rmseDiff((i) => i),
    low: quantileSorted(diffs, (1 - level) / 2),
    high: quantileSorted(diffs, (1 + level) / 2),
    level,
    resamples,
  };
}
