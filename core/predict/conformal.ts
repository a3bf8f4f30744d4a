/**
 * Split conformal prediction intervals for the ensemble's score, calibrated on out-of-bag residuals: every
 * non-test row that at least one member left out of its bag (its validation rows) is predicted by the members
 * that never trained on it, and the absolute errors of those predictions set the half-width of the interval
 * that new movies get.
 *
 * Two things make the out-of-bag residuals differ from the deployed ensemble's errors, in opposite directions:
 * a row is usually out of bag for one member only, and one member errs more than the average of all of them
 * (intervals too wide); and each member chose its best epoch by its loss on those same rows (early stopping),
 * which makes them look a little better than unseen rows (intervals too narrow). The report measures the
 * resulting coverage on the test movies, which no part of training saw.
 *
 * @module
 */

/** The interval levels every prediction carries. */
export const INTERVAL_LEVELS = [0.8, 0.95] as const;

/** One calibrated level: the half-width of `score ± halfWidth`, in score points. */
export interface ConformalLevel {
  /** Nominal coverage, e.g. 0.8. */
  level: number;
  /**
   * The ⌈(n + 1)·level⌉-th smallest absolute out-of-bag residual; `null` when there are too few calibration rows
   * for this level (⌈(n + 1)·level⌉ > n), and the interval is then the whole observed score range.
   */
  halfWidth: number | null;
}

/** `prediction_results/conformal.json`, written by train from the members' out-of-bag predictions. */
export interface ConformalCalibration {
  schema: 1;
  method: string;
  /** Calibration rows: non-test rows out of bag for at least one member. */
  n: number;
  /** How many members predicted each calibration row, as `{ members: rows }`. */
  membersPerRow: Record<string, number>;
  levels: ConformalLevel[];
  /** The lowest and highest training score: interval ends are clipped to it. */
  range: [number, number];
}

/** One prediction interval. */
export interface PredictionInterval {
  level: number;
  low: number;
  high: number;
}

/** Out-of-bag predictions of one member: the rows it left out and its predictions of them (score points). */
export interface OutOfBagMember {
  rows: readonly number[];
  predictions: readonly number[];
}

/** The out-of-bag ensemble prediction of each calibration row. Shape: all arrays [calibration rows]. */
export interface OutOfBagPredictions {
  rows: number[];
  /** Mean of the predictions of the members that left the row out. */
  predicted: number[];
  actual: number[];
  /** How many members left the row out. */
  members: number[];
}

/**
 * Average, row by row, the predictions of the members that left each row out of their bag.
 *
 * @throws {TypeError} when a member's rows and predictions differ in length, or a prediction is not finite.
 */
export function outOfBagPredictions(
  members: readonly OutOfBagMember[],
  targets: ArrayLike<number>,
): OutOfBagPredictions {
  const sum = new Map<number, { total: number; count: number }>();
  members.forEach((m, j) => {
    if (m.rows.length !== m.predictions.length) {
      throw new TypeError(
        `Cannot pool out-of-bag predictions of member ${
          j + 1
        }: ${m.rows.length} rows, ${m.predictions.length} predictions`,
      );
    }
    m.rows.forEach((row, i) => {
      const p = m.predictions[i];
      if (!Number.isFinite(p)) {
        throw new TypeError(`Cannot pool out-of-bag predictions of member ${j + 1}: row ${row} has ${p}`);
      }
      const s = sum.get(row) ?? { total: 0, count: 0 };
      s.total += p;
      s.count++;
      sum.set(row, s);
    });
  });
  const rows = [...sum.keys()].sort((a, b) => a - b);
  return {
    rows,
    predicted: rows.map((r) => sum.get(r)!.total / sum.get(r)!.count),
    actual: rows.map((r) => targets[r]),
    members: rows.map((r) => sum.get(r)!.count),
  };
}

/**
 * The split-conformal half-width at `level` from absolute residuals: the ⌈(n + 1)·level⌉-th smallest of the n
 * values. With exchangeable data an interval `prediction ± halfWidth` then covers a new score with probability
 * at least `level` (and, for continuous residuals, less than `level + 1/(n + 1)`). `null` when
 * ⌈(n + 1)·level⌉ > n.
 */
export function conformalHalfWidth(absoluteResiduals: ArrayLike<number>, level: number): number | null {
  if (!(level > 0 && level < 1)) {
    throw new RangeError(`Cannot calibrate an interval: level must be in (0, 1), got ${level}`);
  }
  const n = absoluteResiduals.length;
  const rank = Math.ceil((n + 1) * level - 1e-9);
  if (rank > n || n === 0) return null;
  const sorted = Float64Array.from(absoluteResiduals).sort();
  return sorted[rank - 1];
}

/**
 * Calibrate the intervals at `levels` from out-of-bag predictions; `range` is the training scores' range.
 *
 * @param options.levels @default INTERVAL_LEVELS
 */
export function calibrateConformal(
  oob: OutOfBagPredictions,
  range: [number, number],
  { levels = INTERVAL_LEVELS }: { levels?: readonly number[] } = {},
): ConformalCalibration {
  const residuals = oob.predicted.map((p, i) => Math.abs(p - oob.actual[i]));
  const membersPerRow: Record<string, number> = {};
  for (const m of oob.members) membersPerRow[m] = (membersPerRow[m] ?? 0) + 1;
  return {
    schema: 1,
    method:
      "split conformal on absolute out-of-bag residuals (each row predicted by the members that left it " +
      "out of their bag); half-width = the ⌈(n + 1)·level⌉-th smallest residual",
    n: residuals.length,
    membersPerRow,
    levels: levels.map((level) => ({ level, halfWidth: conformalHalfWidth(residuals, level) })),
    range,
  };
}

/**
 * The intervals of a predicted `score` (score points), ends clipped to the calibration's score range, and
 * always holding the score itself (a score clamped to the target's valid range may lie beyond that range).
 */
export function predictionIntervals(score: number, calibration: ConformalCalibration): PredictionInterval[] {
  const [lo, hi] = calibration.range;
  return calibration.levels.map(({ level, halfWidth }) => {
    const low = halfWidth === null ? lo : Math.min(hi, Math.max(lo, score - halfWidth));
    const high = halfWidth === null ? hi : Math.max(lo, Math.min(hi, score + halfWidth));
    return { level, low: Math.min(low, score), high: Math.max(high, score) };
  });
}
