/**
 * Outliers: the seed's rule on percent errors, a robust rule on errors in points, and the largest errors.
 *
 * @module
 */
import { mean, standardDeviation } from "./moments.ts";
import { median } from "./quantile.ts";

/** Where the seed's rule put its cut-offs, and which rows lie beyond them. */
export interface PercentErrorOutliers {
  /** Mean and sample sd of the percent errors, in %. */
  mean: number;
  sd: number;
  /** Cut-offs: mean − sd and mean + sd, in %. */
  low: number;
  high: number;
  /** Indices (into the input) of the rows with percent error < low or > high, in input order. */
  indices: number[];
}

/**
 * The seed's rule: a movie is an outlier when its percent error lies more than one standard deviation from the
 * mean percent error (strictly outside [mean − sd, mean + sd]).
 */
export function percentErrorOutliers(percentErrors: ArrayLike<number>): PercentErrorOutliers {
  const m = mean(percentErrors);
  const sd = standardDeviation(percentErrors);
  const low = m - sd;
  const high = m + sd;
  const indices: number[] = [];
  for (let i = 0; i < percentErrors.length; i++) {
    if (percentErrors[i] < low || percentErrors[i] > high) indices.push(i);
  }
  return { mean: m, sd, low, high, indices };
}

/**
 * Indices of the `count` largest absolute errors |predicted − actual|, largest first (ties: lower index first).
 *
 * @param count How many. @default 20
 */
export function largestAbsoluteErrors(
  actual: ArrayLike<number>,
  predicted: ArrayLike<number>,
  count = 20,
): number[] {
  const order = Array.from({ length: actual.length }, (_, i) => i);
  const err = order.map((i) => Math.abs(predicted[i] - actual[i]));
  order.sort((a, b) => err[b] - err[a] || a - b);
  return order.slice(0, Math.max(0, count));
}

/** The robust outlier rule's cut-offs and the rows beyond them. Errors in score points. */
export interface RobustOutliers {
  median: number;
  /** Median absolute deviation, scaled to estimate a normal SD (× 1.4826). */
  mad: number;
  /** How many scaled MADs from the median a row must lie to be an outlier. */
  k: number;
  low: number;
  high: number;
  /** Indices (into the input) beyond [low, high], in input order. */
  indices: number[];
}

/** 1 / Φ⁻¹(0.75): scales a MAD to the SD of a normal distribution (SciPy's `scale="normal"`). */
export const MAD_TO_SD = 1.482602218505602;

/**
 * Robust outliers of the errors in points (the Hampel identifier): a row is an outlier when its error lies more
 * than `k` scaled MADs from the median error (`scipy.stats.median_abs_deviation(e, scale="normal")`). Unlike the
 * seed's rule it divides by nothing that depends on the movie, and one extreme error cannot widen the cut-offs.
 *
 * @param k @default 3
 */
export function robustOutliers(errors: ArrayLike<number>, k = 3): RobustOutliers {
  const m = median(errors);
  const mad = median(Array.from(errors, (e) => Math.abs(e - m))) * MAD_TO_SD;
  const low = m - k * mad;
  const high = m + k * mad;
  const indices: number[] = [];
  for (let i = 0; i < errors.length; i++) if (errors[i] < low || errors[i] > high) indices.push(i);
  return { median: m, mad, k, low, high, indices };
}
