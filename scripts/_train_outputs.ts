/**
 * What train writes besides checkpoints: the auto-encoder's codes of every row (`transformed_data.npy`), and
 * each member's prediction of the test rows (`movie_prediction_{k}.csv`) from its checked `best/` checkpoint.
 *
 * @module
 */
import * as tf from "../core/tfjs.ts";
import { stringify } from "csv-stringify/sync";
import { type MemberSummary, PATHS, PREDICTION_COLUMNS } from "../core/artifacts.ts";
import { encodeNpy } from "../core/npy.ts";
import { encoderOf } from "../core/models/build_autoencoder.ts";
import type { AutoencoderState, MemberState } from "../core/train/checkpoint_state.ts";
import { type HostMatrix, takeRows } from "../core/train/fit_model.ts";
import { type Fingerprint, fingerprintChanges } from "../core/train/fingerprint.ts";
import { memberRecord } from "../core/train/member_record.ts";
import { type TargetScaling, unscaleTarget } from "../core/train/target_scaling.ts";
import { type CollectArtifacts, loadNpy } from "./_artifacts.ts";
import { bestDir, latestIntactState, loadCheckpoint, type LoadedModel } from "./_checkpoint.ts";
import { stageCommand } from "./_cli.ts";
import { tabmPredictRows } from "../core/models/tabm.ts";
import { disposeModel, isTabmModel } from "../core/models/tabm_files.ts";
import { exists, fsw, join, readJsonFile, writeFileAtomic, writeJsonAtomic } from "./_fs.ts";

/**
 * Write the codes of every row of `x` by the newest intact auto-encoder checkpoint under `out`, which must
 * have learned from `fingerprint`.
 *
 * @throws {Deno.errors.NotFound} without a checkpoint; {@link Error} when it learned from something else.
 */
export async function writeCodes(out: string, x: HostMatrix, fingerprint: Fingerprint): Promise<void> {
  const dir = join(out, PATHS.autoencoderCheckpoints);
  const state = await latestIntactState<AutoencoderState>(dir);
  if (!state) {
    throw new Deno.errors.NotFound(
      `Cannot encode: no auto-encoder checkpoint in ${dir} (run ${
        stageCommand("train", out, "--autoencoder --stages autoencoder")
      } first)`,
    );
  }
  const changes = fingerprintChanges(state.fingerprint, fingerprint);
  if (changes.length > 0) {
    throw new Error(
      `Cannot encode with the auto-encoder in ${dir}: it learned from other inputs or options (${
        changes.join("; ")
      }): run ${stageCommand("train", out, "--autoencoder --stages autoencoder")}`,
    );
  }
  const { model } = await loadCheckpoint<AutoencoderState>(join(dir, `epoch-${state.epoch}`), false);
  const encoder = encoderOf(model);
  const rows = x.shape[0];
  const dims = (encoder.outputs[0].shape as number[])[1];
  const codes = new Float32Array(rows * dims);
  const chunk = 2048;
  for (let start = 0; start < rows; start += chunk) {
    const part = Array.from({ length: Math.min(chunk, rows - start) }, (_, i) => start + i);
    const batch = tf.tidy(() => encoder.predict(takeRows(x, part)) as tf.Tensor);
    codes.set(await batch.data(), start * dims);
    batch.dispose();
  }
  model.dispose();
  // The codes first, then what made them: a kill in between leaves codes that loadCodes() refuses.
  await fsw.remove(join(out, PATHS.transformedInfo)).catch(() => {});
  await writeFileAtomic(join(out, PATHS.transformed), encodeNpy({ data: codes, shape: [rows, dims] }));
  const info: CodesInfo = { epoch: state.epoch, fingerprint };
  await writeJsonAtomic(join(out, PATHS.transformedInfo), info);
}

/** `transformed_data.json`: which auto-encoder checkpoint made the codes beside it. */
interface CodesInfo {
  epoch: number;
  fingerprint: Fingerprint;
}

/**
 * Load the codes under `out`, checking they were made by the newest intact auto-encoder checkpoint, which
 * learned from `fingerprint`. Shape: [rows, aeDims].
 *
 * @throws {Error} saying to run the encode stage when they were made by another one (or by nothing known).
 */
export async function loadCodes(out: string, rows: number, fingerprint: Fingerprint): Promise<HostMatrix> {
  const path = join(out, PATHS.transformed);
  const infoPath = join(out, PATHS.transformedInfo);
  const info = (await exists(infoPath)) ? await readJsonFile<CodesInfo>(infoPath, "codes info") : null;
  const state = await latestIntactState<AutoencoderState>(join(out, PATHS.autoencoderCheckpoints));
  if (
    !info || !state || info.epoch !== state.epoch ||
    fingerprintChanges(info.fingerprint, fingerprint).length > 0 ||
    !(await exists(path))
  ) {
    throw new Error(
      `Cannot use ${path}: it was not made by the current auto-encoder from the current vectors: run ${
        stageCommand("train", out, "--autoencoder --stages encode")
      }`,
    );
  }
  const npy = await loadNpy(path);
  if (npy.shape[0] !== rows) {
    throw new TypeError(`Cannot use ${path}: ${npy.shape[0]} rows, collect has ${rows}`);
  }
  return { data: npy.data, shape: npy.shape as [number, number] };
}

/** A member's test predictions (score units, `test_index.json` order) and its summary line. */
export interface MemberPredictions {
  predictions: number[];
  summary: MemberSummary;
}

/**
 * Predict the test rows with member `k`'s `best/` checkpoint and write `movie_prediction_{k}.csv`. The
 * member's newest intact checkpoint must have learned from `fingerprint`, and `best/` must hold the epoch it
 * names as best.
 *
 * @throws {Deno.errors.NotFound} without checkpoints; {@link Error} for a stale or inconsistent member.
 */
export async function predictMember(
  out: string,
  artifacts: CollectArtifacts,
  k: number,
  x: HostMatrix,
  fingerprint: Fingerprint,
): Promise<MemberPredictions> {
  const dir = join(out, PATHS.regressorCheckpoints(k));
  const cannot = `Cannot predict with member ${k}`;
  const latest = await latestIntactState<MemberState>(dir);
  if (!latest || !(await exists(join(bestDir(dir), "state.json")))) {
    throw new Deno.errors.NotFound(
      `${cannot}: ${dir} has no trained model (run ${stageCommand("train", out, "--stages regress")})`,
    );
  }
  const changes = fingerprintChanges(latest.fingerprint, fingerprint);
  if (changes.length > 0) {
    throw new Error(
      `${cannot}: it learned from other inputs or options (${changes.join("; ")}): run ${
        stageCommand("train", out, "--stages regress")
      }`,
    );
  }
  const { model, state: best } = await loadCheckpoint<MemberState, LoadedModel>(bestDir(dir), false);
  if (best.epoch !== latest.bestEpoch || fingerprintChanges(best.fingerprint, fingerprint).length > 0) {
    disposeModel(model);
    throw new Error(
      `${cannot}: ${
        bestDir(dir)
      } holds epoch ${best.epoch}, but epoch ${latest.epoch}'s state names epoch ${latest.bestEpoch} as the best: rerun ${
        stageCommand("train", out, "--stages regress")
      }`,
    );
  }
  const test = artifacts.test.test;
  const predictions = await predictRows(model, x, test, best.target);
  disposeModel(model);
  await writePredictionCsv(join(out, PATHS.prediction(k)), artifacts, test, predictions);
  const actual = test.map((i) => artifacts.targets[i]);
  return {
    predictions,
    summary: {
      ...memberRecord(best),
      epochs: latest.epoch,
      bestValLoss: latest.bestValLoss ?? NaN,
      seconds: Number(latest.seconds.toFixed(3)),
      testRmse: Number(rmse(predictions, actual).toFixed(6)),
    },
  };
}

/**
 * A member's predictions of `rows` of `x` (an MLP's or a tabular model's), in score units (7 significant digits,
 * as the CSVs keep them).
 */
export async function predictRows(
  model: LoadedModel,
  x: HostMatrix,
  rows: readonly number[],
  target: TargetScaling,
): Promise<number[]> {
  if (rows.length === 0) return [];
  let raw: Float32Array;
  if (isTabmModel(model)) raw = await tabmPredictRows(tf, model.spec, model.weights, x, rows);
  else {
    const output = tf.tidy(() => model.predict(takeRows(x, rows)) as tf.Tensor);
    raw = (await output.data()) as Float32Array;
    output.dispose();
  }
  return Array.from(raw, (v) => Number(unscaleTarget(v, target).toPrecision(7)));
}

/** Write `predictions` of `rows` as a CSV with the columns of {@link PREDICTION_COLUMNS}, atomically. */
export async function writePredictionCsv(
  path: string,
  artifacts: CollectArtifacts,
  rows: readonly number[],
  predictions: readonly number[],
): Promise<void> {
  const records = rows.map((i, j) => [
    i,
    artifacts.rows[i].line,
    artifacts.rows[i].title,
    Number(artifacts.targets[i].toPrecision(7)),
    predictions[j],
  ]);
  await writeFileAtomic(path, stringify(records, { header: true, columns: [...PREDICTION_COLUMNS] }));
}

/**
 * Remove the test predictions (`movie_prediction_{j}.csv`) and out-of-bag predictions (`oob_prediction_{j}.csv`)
 * under `out` of every j that is not a member in `ks`.
 */
export async function removeStalePredictions(out: string, ks: readonly number[]): Promise<void> {
  const folder = join(out, PATHS.predictionResults);
  if (!(await exists(folder))) return;
  const name = (path: string) => path.split("/").at(-1);
  const keep = new Set(ks.flatMap((k) => [name(PATHS.prediction(k)), name(PATHS.outOfBag(k))]));
  for await (const entry of Deno.readDir(folder)) {
    if (/^(movie|oob)_prediction_\d+\.csv$/.test(entry.name) && !keep.has(entry.name)) {
      await fsw.remove(join(folder, entry.name));
    }
  }
}

/** Root mean squared error of `predicted` against `actual` (0 for none). */
export function rmse(predicted: readonly number[], actual: readonly number[]): number {
  let ss = 0;
  for (let i = 0; i < actual.length; i++) ss += (predicted[i] - actual[i]) ** 2;
  return Math.sqrt(ss / Math.max(1, actual.length));
}
