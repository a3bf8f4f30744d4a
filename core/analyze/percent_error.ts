/**
 * The seed's percent error of a prediction.
 *
 * @module
 */

/**
 * Percent error of each prediction: `100 · (predicted − actual) / actual`, in percent of the actual score.
 * Positive means the model over-predicted. Shape: [n] in, [n] out.
 *
 * @throws {RangeError} when an actual value is 0 (the percent error is undefined there).
 */
export function percentError(actual: ArrayLike<number>, predicted: ArrayLike<number>): number[] {
  if (actual.length !== predicted.length) {
    throw new TypeError(
      `Cannot compute percent errors: ${actual.length} actual values but ${predicted.length} predictions`,
    );
  }
  return Array.from({ length: actual.length }, (_, i) => {
    if (actual[i] === 0) {
      throw new RangeError(`Cannot compute the percent error of row ${i}: the actual value is 0`);
    }
    return (100 * (predicted[i] - actual[i])) / actual[i];
  });
}
