/**
 * Train's out-of-bag step: each member's best checkpoint predicts the rows its bag left out (its validation
 * rows) into `prediction_results/oob_prediction_{k}.csv`, and the pooled out-of-bag errors calibrate the
 * conformal prediction intervals in `prediction_results/conformal.json` (see `core/predict/conformal.ts`).
 *
 * @module
 */
import { PATHS, type TrainIndex } from "../core/artifacts.ts";
import {
  calibrateConformal,
  type ConformalCalibration,
  type OutOfBagMember,
  outOfBagPredictions,
} from "../core/predict/conformal.ts";
import type { HostMatrix } from "../core/train/fit_model.ts";
import type { TargetScaling } from "../core/train/target_scaling.ts";
import type { CollectArtifacts } from "./_artifacts.ts";
import { loadCheckpoint, type LoadedModel } from "./_checkpoint.ts";
import { disposeModel } from "../core/models/tabm_files.ts";
import { join, writeJsonAtomic } from "./_fs.ts";
import { predictRows, writePredictionCsv } from "./_train_outputs.ts";

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
  const { model, state } = await loadCheckpoint<{ target: TargetScaling }, LoadedModel>(best, false);
  const rows = bag.validation;
  const predictions = await predictRows(model, x, rows, state.target);
  disposeModel(model);
  await writePredictionCsv(join(out, PATHS.outOfBag(bag.k)), artifacts, rows, predictions);
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
