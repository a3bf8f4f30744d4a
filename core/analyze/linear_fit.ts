/**
 * Ordinary least squares of one variable on another, with t intervals of the slope and intercept.
 *
 * @module
 */
import { studentTQuantile } from "./_distributions.ts";
import { mean } from "./moments.ts";

/** A fitted line y ≈ intercept + slope·x with standard errors and t intervals (n − 2 degrees of freedom). */
export interface LinearFit {
  n: number;
  slope: number;
  intercept: number;
  /** Standard errors; `null` with fewer than 3 points. */
  slopeSe: number | null;
  interceptSe: number | null;
  slopeLow: number | null;
  slopeHigh: number | null;
  interceptLow: number | null;
  interceptHigh: number | null;
  level: number;
}

/**
 * Fit y on x by least squares (as `scipy.stats.linregress(x, y)`, whose `stderr` and `intercept_stderr` are the
 * standard errors here), with two-sided t intervals at `level`.
 *
 * @param level @default 0.95
 * @throws {RangeError} when x is constant or there are fewer than 2 points.
 */
export function linearFit(x: ArrayLike<number>, y: ArrayLike<number>, level = 0.95): LinearFit {
  const n = x.length;
  if (y.length !== n) throw new TypeError(`Cannot fit a line: ${n} x values and ${y.length} y values`);
  if (n < 2) throw new RangeError(`Cannot fit a line: need 2 or more points, got ${n}`);
  const mx = mean(x), my = mean(y);
  let sxx = 0, sxy = 0, syy = 0;
  for (let i = 0; i < n; i++) {
    sxx += (x[i] - mx) ** 2;
    sxy += (x[i] - mx) * (y[i] - my);
    syy += (y[i] - my) ** 2;
  }
  if (!(sxx > 0)) throw new RangeError("Cannot fit a line: x is constant");
  const slope = sxy / sxx;
  const intercept = my - slope * mx;
  if (n < 3) {
    return {
      n,
      slope,
      intercept,
      slopeSe: null,
      interceptSe: null,
      slopeLow: null,
      slopeHigh: null,
      interceptLow: null,
      interceptHigh: null,
      level,
    };
  }
  const df = n - 2;
  const residualVariance = Math.max(0, syy - slope * sxy) / df;
  const slopeSe = Math.sqrt(residualVariance / sxx);
  let sumX2 = 0;
  for (let i = 0; i < n; i++) sumX2 += x[i] * x[i];
  const interceptSe = slopeSe * Math.sqrt(sumX2 / n);
  const t = studentTQuantile((1 + level) / 2, df);
  return {
    n,
    slope,
    intercept,
    slopeSe,
    interceptSe,
    slopeLow: slope - t * slopeSe,
    slopeHigh: slope + t * slopeSe,
    interceptLow: intercept - t * interceptSe,
    interceptHigh: intercept + t * interceptSe,
    level,
  };
}
