/**
 * Train one model (the auto-encoder or an ensemble member) with checkpoints: continue from its newest intact
 * checkpoint when the resume policy allows it (else start over and say why in one line), then after every
 * epoch write `best/` first when the epoch improved, then `epoch-N/`, then prune. A kill or a failed write at
 * any instant leaves a checkpoint from which the rerun ends exactly where an uninterrupted run would.
 *
 * @module
 */
import type * as tf from "../core/tfjs.ts";
import type { CheckpointState, ModelState } from "../core/train/checkpoint_state.ts";
import { type FitData, fitModel, type FitOptions, type TrainingState } from "../core/train/fit_model.ts";
import type { Fingerprint } from "../core/train/fingerprint.ts";
import { createOptimizer, restoreOptimizer, snapshotOptimizer } from "../core/train/optimizer_state.ts";
import { planResume } from "../core/train/resume_policy.ts";
import { createWeightAverage, type WeightAverage } from "../core/train/weight_average.ts";
import {
  bestDir,
  type Checkpoint,
  epochDir,
  latestIntactCheckpoint,
  pruneCheckpoints,
  saveCheckpoint,
} from "./_checkpoint.ts";
import { exists, fsw } from "./_fs.ts";
import { startProgress } from "./_progress.ts";

/** One model to train. */
export interface ModelJob<S extends ModelState> {
  /** Shown in messages: "autoencoder", "train2". */
  name: string;
  /** Shown on the progress bar or log line, before ", epoch e/E" (default: `name`): "member 2 of 3". */
  label?: string;
  /** Its checkpoint folder. */
  dir: string;
  /** Delete its checkpoints first. */
  fresh: boolean;
  /** What it learns from and how (compared with the checkpoint's). */
  fingerprint: Fingerprint;
  optimizer: { name: string; learningRate: number };
  /** Decay of the moving average of the weights; 0: none. */
  averageDecay: number;
  /** Epoch checkpoints kept (0: all). */
  keepCheckpoints: number;
  /** Write `best/` when an epoch improves the validation loss. */
  keepBest: boolean;
  /** A new, untrained model. */
  build(): tf.LayersModel;
  /** A fresh state for it. */
  initial(): S;
  /** The state to continue from a resumed one (e.g. the current configuration recorded). */
  resumed(state: S): S;
  /** Its training data, given its state (a member's targets are scaled by the scaling in its state). */
  data(state: S): FitData;
  fit: Omit<FitOptions, "average">;
  /** Fields of the progress line: "loss", "val". */
  progress: ("loss" | "val")[];
}

const fmt = (v: number | null | undefined) => (v === null || v === undefined ? "-" : v.toPrecision(4));

function restoreAverage(model: tf.LayersModel, decay: number, ck: Checkpoint<ModelState>): WeightAverage {
  // The checkpoint's model holds the average; its live weights (live.bin) go back into the model.
  const average = createWeightAverage(model, decay, { steps: ck.state.averageSteps ?? 0 });
  if (ck.liveWeights.length > 0) model.weights.forEach((w, i) => w.write(ck.liveWeights[i]));
  return average;
}

/**
 * Train `job` to its epoch count (or early stop), resuming what may be resumed; `log` gets one line per
 * decision (a start-over and why, a corrupt checkpoint skipped). Returns its final state.
 */
export async function trainModel<S extends ModelState>(
  job: ModelJob<S>,
  log: (line: string) => void,
  quiet: boolean,
): Promise<S> {
  if (job.fresh && (await exists(job.dir))) await fsw.remove(job.dir, { recursive: true });
  const optimizer = createOptimizer(job.optimizer.name, job.optimizer.learningRate);
  const ck = await latestIntactCheckpoint<S>(job.dir, (line) => log(`train: ${job.name}: ${line}`));
  const plan = planResume(ck?.state ?? null, job.fingerprint, job.fit.epochs);
  let model: tf.LayersModel;
  let state: S;
  let average: WeightAverage | null = null;
  if (ck && plan.resume) {
    model = ck.model;
    if (ck.state.optimizer) await restoreOptimizer(optimizer, ck.optimizerWeights, ck.state.optimizer);
    if (job.averageDecay > 0) average = restoreAverage(model, job.averageDecay, ck as Checkpoint<ModelState>);
    state = job.resumed(withoutFileFields(ck.state));
    // A kill may have cut the last pruning short (or left a corrupt newer epoch).
    await pruneCheckpoints(job.dir, job.keepCheckpoints);
  } else {
    if (ck) ck.model.dispose();
    if (!plan.resume && plan.reason) log(`train: ${job.name}: starting over: ${plan.reason}`);
    // Old epochs and best/ would outlive the new ones in pruning and prediction: they go first.
    if (await exists(job.dir)) await fsw.remove(job.dir, { recursive: true });
    model = job.build();
    state = job.initial();
    if (job.averageDecay > 0) average = createWeightAverage(model, job.averageDecay);
  }
  if (ck) disposeRestored(ck);
  const progress = quiet
    ? null
    : startProgress(`${job.label ?? job.name}, epoch`, job.fit.epochs, job.progress);
  const show = (s: TrainingState) =>
    progress?.update(s.epoch, { loss: fmt(s.losses.at(-1)), val: fmt(s.valLosses.at(-1)) });
  if (state.epoch > 0) show(state);
  try {
    const final = await fitModel(
      model,
      optimizer,
      job.data(state),
      { ...job.fit, average, name: job.name },
      state,
      async (s, improved) => {
        // With an average, the model holds it now (what best/ predicts with) and average.held() the live weights.
        const epochState = { ...state, ...s } as S;
        if (job.keepBest && improved) await saveCheckpoint(bestDir(job.dir), model, epochState, null);
        const snapshot = await snapshotOptimizer(optimizer, job.optimizer.name);
        try {
          await saveCheckpoint(
            epochDir(job.dir, s.epoch),
            model,
            epochState,
            snapshot,
            average?.held() ?? null,
          );
        } finally {
          snapshot.release();
        }
        await pruneCheckpoints(job.dir, job.keepCheckpoints);
        show(s);
      },
    );
    return { ...state, ...final } as S;
  } finally {
    progress?.stop();
    average?.dispose();
    model.dispose();
    optimizer.dispose();
  }
}

function disposeRestored(ck: Checkpoint<ModelState>): void {
  for (const w of ck.optimizerWeights) w.tensor.dispose();
  for (const t of ck.liveWeights) t.dispose();
}

/** A checkpoint's state without what the checkpoint writer adds (optimizer layout, live layout, checksums). */
export function withoutFileFields<S extends ModelState>(state: CheckpointState<S>): S {
  const { optimizer: _o, liveWeights: _l, files: _f, ...rest } = state;
  return rest as unknown as S;
}
