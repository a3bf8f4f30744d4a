/**
 * The headline figures of a set of predictions against the actual scores.
 *
 * @module
 */
import { mean, standardDeviation } from "./moments.ts";
import { percentError } from "./percent_error.ts";

/** Figures of one predictor on one set of rows. Scores are on the IMDb scale (0–10); percent errors in %. */
export interface RegressionMetrics {
  n: number;
  meanActual: number;
  sdActual: number;
  meanPredicted: number;
  sdPredicted: number;
  /** Root mean squared error, score points. */
  rmse: number;
  /** Mean absolute error, score points. */
  mae: number;
  /** Coefficient of determination: 1 − SS_res / SS_tot (about the actual mean of these rows). */
  r2: number;
  /** Pearson correlation of predicted with actual; NaN when either is constant (a baseline that predicts one value). */
  pearson: number;
  meanPercentError: number;
  sdPercentError: number;
}

/**
 * Compute {@link RegressionMetrics} of `predicted` against `actual` (same length, n ≥ 2). Standard deviations
 * are sample ones (n − 1).
 */
export function regressionMetrics(
  actual: ArrayLike<number>,
  predicted: ArrayLike<number>,
): RegressionMetrics {
  const n = actual.length;
  if (n !== predicted.length) {
    throw new TypeError(`Cannot score predictions: ${n} actual values but ${predicted.length} predictions`);
  }
  if (n < 2) throw new RangeError(`Cannot score predictions: need at least 2 rows, got ${n}`);
  const ma = mean(actual);
  const mp = mean(predicted);
  let sse = 0, sae = 0, sst = 0, sxy = 0, sxx = 0, syy = 0;
  let constantPrediction = true, constantActual = true;
  for (let i = 0; i < n; i++) {
    const e = predicted[i] - actual[i];
    if (predicted[i] !== predicted[0]) constantPrediction = false;
    if (actual[i] !== actual[0]) constantActual = false;
    sse += e * e;
    sae += Math.abs(e);
    const da = actual[i] - ma;
    const dp = predicted[i] - mp;
    sst += da * da;
    sxy += da * dp;
    sxx += da * da;
    syy += dp * dp;
  }
  const pe = percentError(actual, predicted);
  return {
    n,
    meanActual: ma,
    sdActual: standardDeviation(actual),
    meanPredicted: mp,
    sdPredicted: standardDeviation(predicted),
    rmse: Math.sqrt(sse / n),
    mae: sae / n,
    r2: 1 - sse / sst,
    pearson: constantActual || constantPrediction ? NaN : sxy / Math.sqrt(sxx * syy),
    meanPercentError: mean(pe),
    sdPercentError: standardDeviation(pe),
  };
}
