/**
 * How often the prediction intervals cover the actual score of movies no part of training saw.
 *
 * @module
 */
import { type ConformalCalibration, predictionIntervals } from "../predict/conformal.ts";
import { bandLabels, bandOf, SCORE_BAND_EDGES } from "./error_bands.ts";
import { type ProportionInterval, wilsonInterval } from "./wilson_interval.ts";

/** Coverage of one interval level: the share of movies whose actual score lies in [low, high], with its interval. */
export interface Coverage extends ProportionInterval {
  /** The nominal level, e.g. 0.8. */
  nominal: number;
  halfWidth: number | null;
  /** Mean width high − low of the (clipped) intervals, in points. */
  meanWidth: number;
}

/** Coverage per level in one band of predicted score. */
export interface BandCoverage {
  label: string;
  n: number;
  /** Share covered per level, in the calibration's level order; `null` for an empty band. */
  rates: (number | null)[];
}

/**
 * Measure the coverage of the intervals of `calibration` around `predicted` on the movies' `actual` scores
 * (Wilson intervals at `level`), overall and by band of predicted score.
 *
 * @param options.level @default 0.95
 * @param options.edges @default SCORE_BAND_EDGES
 */
export function intervalCoverage(
  actual: ArrayLike<number>,
  predicted: ArrayLike<number>,
  calibration: ConformalCalibration,
  { level = 0.95, edges = SCORE_BAND_EDGES }: { level?: number; edges?: readonly number[] } = {},
): { overall: Coverage[]; byBand: BandCoverage[] } {
  const n = actual.length;
  const levels = calibration.levels;
  const covered = levels.map(() => 0);
  const width = levels.map(() => 0);
  const labels = bandLabels(edges);
  const bandN = labels.map(() => 0);
  const bandCovered = labels.map(() => levels.map(() => 0));
  for (let i = 0; i < n; i++) {
    const b = bandOf(predicted[i], edges);
    bandN[b]++;
    predictionIntervals(predicted[i], calibration).forEach((iv, l) => {
      width[l] += iv.high - iv.low;
      if (actual[i] >= iv.low && actual[i] <= iv.high) {
        covered[l]++;
        bandCovered[b][l]++;
      }
    });
  }
  return {
    overall: levels.map((l, j) => ({
      ...wilsonInterval(covered[j], n, level),
      nominal: l.level,
      halfWidth: l.halfWidth,
      meanWidth: width[j] / n,
    })),
    byBand: labels.map((label, b) => ({
      label,
      n: bandN[b],
      rates: levels.map((_, j) => (bandN[b] === 0 ? null : bandCovered[b][j] / bandN[b])),
    })),
  };
}
