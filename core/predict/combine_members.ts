/**
 * Combine the ensemble members' scores of one movie into the averaged score and how much the members disagree.
 *
 * @module
 */

/** The ensemble's verdict on one movie, in score units (IMDb points). */
export interface CombinedScore {
  /** Mean of the members' scores: the ensemble's prediction. */
  score: number;
  /**
   * Sample standard deviation (divisor n − 1) of the members' scores, 0 for one member: how much the members
   * disagree. It is not the uncertainty of the score (members trained on overlapping data err alike); the
   * prediction intervals are.
   */
  spread: number;
  /** Lowest member score. */
  min: number;
  /** Highest member score. */
  max: number;
}

/**
 * Average `scores` (one per member, score units) and measure their spread.
 *
 * @throws {RangeError} when `scores` is empty.
 * @throws {TypeError} when a score is not a finite number (a prediction must never be a silent NaN).
 */
export function combineMembers(scores: readonly number[]): CombinedScore {
  if (scores.length === 0) throw new RangeError("Cannot combine member scores: there are no members");
  scores.forEach((s, i) => {
    if (!Number.isFinite(s)) {
      throw new TypeError(`Cannot combine member scores: member ${i + 1} gave ${s}, not a finite number`);
    }
  });
  const score = scores.reduce((a, b) => a + b, 0) / scores.length;
  const n = scores.length;
  const spread = n > 1 ? Math.sqrt(scores.reduce((a, s) => a + (s - score) ** 2, 0) / (n - 1)) : 0;
  return { score, spread, min: Math.min(...scores), max: Math.max(...scores) };
}
