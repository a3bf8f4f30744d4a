/**
 * The paired evidence about the ensemble's errors: its bias with an interval, the shrinkage of its
 * predictions toward the mean (and why that is expected), its calibration, and its errors by band of score.
 *
 * @module
 */
import type { Random } from "../random.ts";
import { calibrationBins } from "../analyze/calibration_bins.ts";
import { errorBands } from "../analyze/error_bands.ts";
import { linearFit } from "../analyze/linear_fit.ts";
import { meanInterval } from "../analyze/mean_interval.ts";
import { standardDeviation } from "../analyze/moments.ts";
import type { Report, ReportBand } from "./report_schema.ts";
import { fmt } from "./_format.ts";

/** Bias, shrinkage, calibration and bands of `predicted` against `actual` (test movies, score points). */
export function pairedEvidence(
  actual: ArrayLike<number>,
  predicted: ArrayLike<number>,
  pearson: number | null,
  rng: Random,
  { resamples, level }: { resamples: number; level: number },
): Pick<Report, "bias" | "shrinkage" | "calibration" | "bands"> {
  const n = actual.length;
  const errors = Float64Array.from(actual, (a, i) => predicted[i] - a);
  const pctLevel = `${level * 100}%`;

  const b = meanInterval(errors, level);
  const biasReading = b.low === null || b.high === null
    ? `The mean error is ${fmt(b.mean)} points; with ${n} movies it has no interval.`
    : b.low > 0 || b.high < 0
    ? `On average the ensemble ${b.mean > 0 ? "over" : "under"}-predicts by ${
      fmt(Math.abs(b.mean))
    } points (${pctLevel} CI ${fmt(b.low)} to ${fmt(b.high)}): a bias these movies establish.`
    : `The mean error is ${fmt(b.mean)} points (${pctLevel} CI ${fmt(b.low)} to ${
      fmt(b.high)
    }): any average bias is smaller than about ${
      fmt(Math.max(Math.abs(b.low), Math.abs(b.high)), 2)
    } points.`;

  const sdA = standardDeviation(actual), sdP = standardDeviation(predicted);
  const ratio = sdA > 0 ? sdP / sdA : null;
  const shrinkageReading =
    `The predictions spread ${ratio !== null && ratio > 1 ? "more" : "less"} than the scores (SD ${
      fmt(sdP)
    } against ${fmt(sdA)}${
      ratio === null ? "" : `, ratio ${fmt(ratio, 2)}`
    }). Any predictor that is not perfect does this: the best prediction of a score from imperfect information lies ` +
    `between the average and the extreme, so its spread is about r × the scores' spread${
      pearson === null ? "" : ` (r = ${fmt(pearson, 2)} here)`
    }. The smaller spread is not a defect, and the distributions of predicted and actual scores are not expected to match.`;

  let calibration: Report["calibration"] = null;
  try {
    const fit = linearFit(predicted, actual, level);
    const residual = linearFit(predicted, errors, level);
    const inside = (lo: number | null, hi: number | null, v: number) =>
      lo !== null && hi !== null && lo <= v && v <= hi;
    const reading = fit.slopeLow === null
      ? `Regressing the actual score on the prediction gives slope ${
        fmt(fit.slope)
      }; with ${n} movies it has no interval.`
      : `Regressing the actual score on the prediction gives slope ${fmt(fit.slope)} (${pctLevel} CI ${
        fmt(fit.slopeLow)
      } to ${fmt(fit.slopeHigh!)}) and intercept ${fmt(fit.intercept)}. ${
        inside(fit.slopeLow, fit.slopeHigh, 1)
          ? "A slope of 1 is inside the CI: on the whole, given its prediction a movie's score is not systematically higher or lower (the bands below show where that fails)."
          : fit.slope < 1
          ? "The slope is below 1: high predictions are too high and low ones too low (over-confident)."
          : "The slope is above 1: the predictions are too timid; scores move more than the predictions do."
      } Against the prediction the errors have slope ${
        fmt(residual.slope)
      }. Against the actual score they slope down, but that is regression to the mean, which any imperfect predictor shows.`;
    calibration = { fit, residual, bins: calibrationBins(predicted, actual, { level }), reading };
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
  }

  const byActual = errorBands(actual, errors, rng, { resamples, level });
  const byPredicted = errorBands(predicted, errors, rng, { resamples, level });
  const worst =
    [...byActual].filter((x) => x.n >= 10 && x.rmse !== null).sort((x, y) => y.rmse! - x.rmse!)[0];
  const describe = (x: ReportBand) =>
    `movies rated ${x.label} (n = ${x.n}) have RMSE ${fmt(x.rmse!)} and are ${
      x.bias! > 0 ? "over" : "under"
    }-predicted by ${fmt(Math.abs(x.bias!))} points on average`;
  // By prediction, what a user holds: the bands whose bias interval excludes 0.
  const biased = byPredicted.filter((x) =>
    x.n >= 10 && x.biasLow !== null && x.biasHigh !== null && (x.biasLow > 0 || x.biasHigh < 0)
  );
  const byPrediction = biased.length === 0
    ? "Grouped by prediction, which is what a user holds, no band's bias CI excludes 0."
    : `Grouped by prediction, which is what a user holds, ${
      biased.map((x) =>
        `movies predicted ${x.label} (n = ${x.n}) score ${fmt(Math.abs(x.bias!))} points ${
          x.bias! > 0 ? "lower" : "higher"
        } than predicted on average (${pctLevel} CI ${fmt(x.biasLow!)} to ${fmt(x.biasHigh!)})`
      ).join("; ")
    }: there the model is not calibrated.`;
  const bandsReading = worst
    ? `By actual score, ${
      describe(worst)
    }. Grouped by actual score the bias mostly follows regression to the ` +
      `mean (low scores over-predicted, high ones under-predicted), which any imperfect predictor shows. ${byPrediction}`
    : "Too few movies in any band to compare bands.";
  return {
    bias: { n, mean: b.mean, low: b.low, high: b.high, level, reading: biasReading },
    shrinkage: { sdActual: sdA, sdPredicted: sdP, ratio, pearson, reading: shrinkageReading },
    calibration,
    bands: { actual: byActual, predicted: byPredicted, level, reading: bandsReading },
  };
}
