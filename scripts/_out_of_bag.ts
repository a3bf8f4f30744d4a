/**
 * Train's out-of-bag step: each member's best checkpoint predicts the rows its bag left out (its validation
 * rows) into `prediction_results/oob_prediction_{k}.csv`, and the pooled out-of-bag errors calibrate the
 * conformal prediction intervals in `prediction_results/conformal.json` (see `core/predict/conformal.ts`).
 *
 * @module
 */
import * as tf from "@tensorflow/tfjs";
import { stringify } from "csv-stringify/sync";
import { PATHS, PREDICTION_COLUMNS, type TrainIndex } from "../core/artifacts.ts";
import {
  calibrateConformal,
  type ConformalCalibration,
  type OutOfBagMember,
  outOfBagPredictions,
} from "../core/predict/conformal.ts";
import { type HostMatrix, takeRows } from "../core/train/fit_model.ts";
import type { CollectArtifacts } from "./_artifacts.ts";
import { loadCheckpoint } from "./_checkpoint.ts";
import { join, writeFileAtomic, writeJsonAtomic } from "./_fs.ts";

/**
 * Predict bag `bag.k`'s validation rows with its best checkpoint (reading `x`, the inputs it was trained on)
 * and write them, in score points, as `oob_prediction_{k}.csv` (the columns of the test predictions).
 */
export async function writeOutOfBag(
  out: string,
  artifacts: CollectArtifacts,
  bag: TrainIndex,
  x: HostMatrix,
): Promise<OutOfBagMember> {
  const best = join(out, PATHS.regressorCheckpoints(bag.k), "best");
  const { model, state } = await loadCheckpoint<{ target: { mean: number; sd: number } }>(best, false);
  const rows = bag.validation;
  let raw: Float32Array = new Float32Array(0);
  if (rows.length > 0) {
    const y = tf.tidy(() => model.predict(takeRows(x, rows)) as tf.Tensor);
    raw = (await y.data()) as Float32Array;
    y.dispose();
  }
  model.dispose();
  const predictions = Array.from(
    raw,
    (v) => Number((v * state.target.sd + state.target.mean).toPrecision(7)),
  );
  const records = rows.map((r, j) => [
    r,
    artifacts.rows[r].line,
    artifacts.rows[r].title,
    Number(artifacts.targets[r].toPrecision(7)),
    predictions[j],
  ]);
  await writeFileAtomic(
    join(out, PATHS.outOfBag(bag.k)),
    stringify(records, { header: true, columns: [...PREDICTION_COLUMNS] }),
  );
  return { rows, predictions };
}

/**
 * Pool the members' out-of-bag predictions, calibrate the intervals and write `conformal.json`. The score range
 * that clips interval ends is that of the non-test rows.
 */
export async function writeConformal(
  out: string,
  artifacts: CollectArtifacts,
  members: readonly OutOfBagMember[],
): Promise<ConformalCalibration> {
  const test = new Set(artifacts.test.test);
  let lo = Infinity, hi = -Infinity;
  artifacts.targets.forEach((t, i) => {
    if (test.has(i)) return;
    lo = Math.min(lo, t);
    hi = Math.max(hi, t);
  });
  const calibration = calibrateConformal(
    outOfBagPredictions(members, artifacts.targets),
    [Number(lo.toPrecision(7)), Number(hi.toPrecision(7))],
  );
  await writeJsonAtomic(join(out, PATHS.conformal), calibration);
  return calibration;
}
