/**
 * The seed's outlier rule and the largest errors.
 *
 * @module
 */
import { mean, standardDeviation } from "./moments.ts";

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
