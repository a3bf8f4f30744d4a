/**
 * The ids of the predictors the report scores, named once: analyze, the site and the benchmark use these.
 *
 * @module
 */

/** The ensemble: the members' mean prediction. */
export const ENSEMBLE_ID = "averaged";
/** The baseline that predicts the training rows' mean score for every movie. */
export const MEAN_BASELINE_ID = "baseline-mean";
/** The ridge regression baseline on the same input vectors. */
export const RIDGE_BASELINE_ID = "baseline-ridge";

/** The id of ensemble member k (1-based). */
export function memberId(k: number): string {
  return `member-${k}`;
}
