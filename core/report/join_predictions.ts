/**
 * The members' prediction files joined to the test index.
 *
 * @module
 */
import type { PredictionRow } from "../artifacts.ts";
import { mean } from "../analyze/moments.ts";

/** Test-row predictions in test-index order. Shape: every array [test rows]. */
export interface JoinedPredictions {
  actual: Float64Array;
  /** One array per member. */
  members: Float64Array[];
  /** The members' mean, movie by movie. */
  averaged: Float64Array;
}

/**
 * Place each member's predictions at their test-index positions and check them against collect's targets.
 *
 * @throws {TypeError} when a member does not predict exactly the test rows once each, or its actual score
 *   disagrees with collect's target.
 */
export function joinPredictions(
  members: readonly PredictionRow[][],
  test: readonly number[],
  targets: ArrayLike<number>,
): JoinedPredictions {
  if (members.length === 0) throw new TypeError("Cannot analyze: there are no prediction files");
  const position = new Map(test.map((r, i) => [r, i]));
  const preds = members.map((member, m) => {
    if (member.length !== test.length) {
      throw new TypeError(
        `Cannot analyze member ${
          m + 1
        }: it predicts ${member.length} rows, the test index has ${test.length}`,
      );
    }
    const out = new Float64Array(test.length).fill(NaN);
    for (const p of member) {
      const i = position.get(p.row);
      if (i === undefined || !Number.isNaN(out[i])) {
        throw new TypeError(
          `Cannot analyze member ${m + 1}: row ${p.row} is not a test row, or appears twice`,
        );
      }
      if (Math.abs(p.Real_Score - targets[p.row]) > 1e-3) {
        throw new TypeError(
          `Cannot analyze member ${m + 1}: row ${p.row} has Real_Score ${p.Real_Score}, collect's target is ${
            targets[p.row]
          }`,
        );
      }
      out[i] = p.Predicted_Score;
    }
    return out;
  });
  const actual = Float64Array.from(test, (r) => targets[r]);
  const averaged = actual.map((_, i) => mean(preds.map((p) => p[i])));
  return { actual, members: preds, averaged };
}
