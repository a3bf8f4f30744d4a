/**
 * The training loop: seeded shuffles and dropout, one optimiser step per batch, a validation loss per epoch,
 * early stopping and a hook after every epoch (where the caller writes its checkpoint). Resuming from a saved
 * {@link TrainingState} (and the optimiser state beside it) continues the very same run.
 *
 * @module
 */
import * as tf from "../tfjs.ts";
import { createRandom, deriveSeed } from "../random.ts";
import { lossFunction } from "./loss_function.ts";
import { setLearningRate } from "./optimizer_state.ts";
import type { WeightAverage } from "./weight_average.ts";

/** Where a model is in its training; saved as part of every checkpoint's `state.json`. */
export interface TrainingState {
  /** Completed epochs. */
  epoch: number;
  /** Mean training loss per completed epoch (with the L2 penalty). */
  losses: number[];
  /** Validation loss per completed epoch; `null` when there are no validation rows. */
  valLosses: (number | null)[];
  /** Lowest validation loss so far (or the last training loss without validation rows). */
  bestValLoss: number | null;
  /** The epoch (1-based) that gave {@link bestValLoss}; 0 before the first. */
  bestEpoch: number;
  /** Early stopping fired: do not continue. */
  stopped: boolean;
  /** The seed the run started from. */
  seed: number;
  /** The shuffle and dropout generator's state after the last completed epoch. */
  rngState: number;
  /** Seconds spent training, over all runs. */
  seconds: number;
  /** Optimiser steps folded into the weight average ({@link FitOptions.average}); absent without one. */
  averageSteps?: number;
}

/** A row-major float32 matrix in host memory. */
export interface HostMatrix {
  data: Float32Array;
  /** [rows, columns] */
  shape: [number, number];
}

/**
 * The training data, in host memory (batches are assembled in JavaScript and uploaded: much faster than
 * `tf.gather` on wasm), and which rows train and validate.
 */
export interface FitData {
  /** Shape: [rows, inputs]. */
  x: HostMatrix;
  /** Shape: [rows, outputs]. */
  y: HostMatrix;
  /** Training row indices. */
  train: readonly number[];
  /** Validation row indices (may be empty). */
  validation: readonly number[];
}

/** Options of {@link fitModel}. */
export interface FitOptions {
  /** Train until this many epochs are complete. */
  epochs: number;
  batchSize: number;
  learningRate: number;
  /** lr(epoch) = learningRate × lrDecay^epoch. @default 1 */
  lrDecay?: number;
  /** "mse", "mae" or "huber". */
  loss: string;
  /** L2 penalty on kernels. @default 0 */
  weightDecay?: number;
  /** Epochs without improvement before stopping; 0 never stops. @default 0 */
  patience?: number;
  /** Seed of the shuffles and dropout masks (ignored when resuming). */
  seed: number;
  /** Batches per epoch at most (0 = all). @default 0 */
  maxBatches?: number;
  /**
   * A moving average of the model's weights, updated after every step. When given, the validation loss and
   * the epoch hook see the averaged weights (the model holds them during `onEpoch`, and `average.held()`
   * the live ones, which a checkpoint must keep to resume); training continues from the live weights.
   * @default null
   */
  average?: WeightAverage | null;
  /** What to call the model in error messages. @default "the model" */
  name?: string;
}

/** Rows `rows` of `m` as a new tensor. Shape: [rows.length, columns]. */
export function takeRows(m: HostMatrix, rows: readonly number[]): tf.Tensor2D {
  const width = m.shape[1];
  const out = new Float32Array(rows.length * width);
  rows.forEach((r, i) => out.set(m.data.subarray(r * width, (r + 1) * width), i * width));
  return tf.tensor2d(out, [rows.length, width]);
}

/** What {@link endEpoch} needs of an epoch that has just run. */
export interface EpochEnd {
  /** Mean training loss of the epoch. */
  trainLoss: number;
  /** Validation loss (of the averaged weights with an average); `null` without validation rows. */
  valLoss: number | null;
  /** The generator's state after the epoch. */
  rngState: number;
  /** When the epoch started (`now()` units, ms). */
  started: number;
  /** The model's name in messages. */
  name: string;
  /** Epochs without improvement before stopping (0: never). */
  patience: number;
  /** The weight average, held by the model until `onEpoch` returns; `null` without one. */
  average: WeightAverage | null;
}

/**
 * Close an epoch: stop on a non-finite loss, record the losses and the best epoch, fire early stopping, then
 * call `onEpoch` (with the average in the model, swapped back after) and return the new state. Shared by the
 * training loops so that they keep the same state and checkpoints.
 *
 * @throws {RangeError} when the training or validation loss is not finite (it diverged).
 */
export async function endEpoch(
  state: TrainingState,
  end: EpochEnd,
  onEpoch: EpochHook,
  now: () => number,
): Promise<TrainingState> {
  const { trainLoss, valLoss, name, patience, average } = end;
  const epoch = state.epoch + 1;
  if (!Number.isFinite(trainLoss) || (valLoss !== null && !Number.isFinite(valLoss))) {
    average?.swap();
    throw new RangeError(
      `Cannot train ${name}: the ${Number.isFinite(trainLoss) ? "validation" : "training"} loss is ${
        Number.isFinite(trainLoss) ? valLoss : trainLoss
      } in epoch ${epoch} (it diverged: try a lower learning rate or a larger batch size)`,
    );
  }
  const score = valLoss ?? trainLoss;
  const improved = state.bestValLoss === null || score < state.bestValLoss;
  const current: TrainingState = {
    ...state,
    epoch,
    losses: [...state.losses, trainLoss],
    valLosses: [...state.valLosses, valLoss],
    bestValLoss: improved ? score : state.bestValLoss,
    bestEpoch: improved ? epoch : state.bestEpoch,
    rngState: end.rngState,
    seconds: state.seconds + (now() - end.started) / 1000,
    ...(average ? { averageSteps: average.steps } : {}),
  };
  if (patience > 0 && valLoss !== null && epoch - current.bestEpoch >= patience) current.stopped = true;
  try {
    await onEpoch(current, improved);
  } finally {
    average?.swap();
  }
  return current;
}

/** What {@link fitModel} calls after each epoch; it is awaited before the next epoch starts. */
export type EpochHook = (state: TrainingState, improved: boolean) => Promise<void> | void;

/** A fresh state for a run seeded with `seed`. */
export function initialState(seed: number): TrainingState {
  return {
    epoch: 0,
    losses: [],
    valLosses: [],
    bestValLoss: null,
    bestEpoch: 0,
    stopped: false,
    seed,
    rngState: seed >>> 0,
    seconds: 0,
  };
}

/** Whether a run in `state` has nothing left to do for `epochs`. */
export function isFinished(state: TrainingState, epochs: number): boolean {
  return state.stopped || state.epoch >= epochs;
}

function makeDenseOp(inputGradient: boolean) {
  return tf.customGrad((...args: unknown[]) => {
    const [x, w, b, save] = args as [tf.Tensor2D, tf.Tensor2D, tf.Tensor1D, (t: tf.Tensor[]) => void];
    save([x, w]);
    return {
      value: tf.add(tf.matMul(x, w), b),
      gradFunc: (dy: tf.Tensor | tf.Tensor[], saved: tf.Tensor[]) => {
        const g = dy as tf.Tensor2D;
        const [sx, sw] = saved as [tf.Tensor2D, tf.Tensor2D];
        const dx = inputGradient ? tf.matMul(g, tf.transpose(sw)) : tf.zerosLike(sx);
        return [dx, tf.matMul(tf.transpose(sx), g), tf.sum(g, 0)];
      },
    };
  });
}

/**
 * `x·w + b` with a gradient built from explicit transposes: the wasm backend's matMul is fast only without its
 * transpose flags, which tfjs's own matMul gradient uses (about 10× slower on wasm).
 * Shapes: x [batch, in], w [in, out], b [out] → [batch, out].
 */
const denseOp = makeDenseOp(true);
/** {@link denseOp} for the first layer, whose input (the data) needs no gradient: skips that product. */
const firstDenseOp = makeDenseOp(false);

/** Multiply by a dropout mask drawn from `seed` (inverted dropout: kept units scaled by 1/(1 − rate)). */
function dropout(h: tf.Tensor, rate: number, seed: number): tf.Tensor {
  const rng = createRandom(seed);
  const mask = new Float32Array(h.size);
  const keep = 1 / (1 - rate);
  for (let i = 0; i < mask.length; i++) mask[i] = rng.next() < rate ? 0 : keep;
  return tf.mul(h, tf.tensor(mask, h.shape));
}

type DenseInternals = { activation: { apply(x: tf.Tensor): tf.Tensor }; useBias: boolean };

/**
 * The forward pass in training mode: dense layers through {@link denseOp}, dropout layers with a mask drawn
 * from `seed` by the project's generator (tfjs's own dropout is not seeded), other layers as tfjs applies
 * them. Shape: [batch, inputs] → [batch, outputs].
 */
export function trainingForward(model: tf.LayersModel, x: tf.Tensor, seed: number): tf.Tensor {
  let h = x;
  let first = true;
  model.layers.forEach((layer, i) => {
    const name = layer.getClassName();
    if (name === "Dropout") {
      const rate = layer.getConfig().rate as number;
      if (rate > 0) h = dropout(h, rate, deriveSeed(seed, i));
    } else if (name === "Dense" && (layer as unknown as DenseInternals).useBias) {
      const [kernel, bias] = layer.trainableWeights.map((w) => w.read());
      const op = first ? firstDenseOp : denseOp;
      h = (layer as unknown as DenseInternals).activation.apply(op(h, kernel, bias));
      first = false;
    } else if (name !== "InputLayer") {
      h = layer.apply(h) as tf.Tensor;
      first = false;
    }
  });
  return h;
}

function l2Penalty(model: tf.LayersModel, weightDecay: number): tf.Scalar | null {
  if (weightDecay <= 0) return null;
  // The first weight of each dense layer is its kernel (names change when a model is loaded twice).
  const kernels = model.layers.filter((l) => l.getClassName() === "Dense" && l.trainableWeights.length > 0)
    .map((l) => l.trainableWeights[0].read());
  if (kernels.length === 0) return null;
  return tf.mul(tf.addN(kernels.map((k) => tf.sum(tf.square(k)))), weightDecay) as tf.Scalar;
}

/**
 * The loss of `model` (inference mode) on `rows` of `data`, in one batched prediction; `null` for no rows.
 */
export async function evaluateLoss(
  model: tf.LayersModel,
  data: Pick<FitData, "x" | "y">,
  rows: readonly number[],
  loss: string,
): Promise<number | null> {
  if (rows.length === 0) return null;
  const fn = lossFunction(loss);
  const value = tf.tidy(() => fn(takeRows(data.y, rows), model.predict(takeRows(data.x, rows)) as tf.Tensor));
  const out = (await value.data())[0];
  value.dispose();
  return out;
}

/**
 * Train `model` with `optimizer` from `state` (a fresh {@link initialState} or a checkpoint's) until
 * `options.epochs` are complete or early stopping fires. Each epoch: shuffle the training rows with the
 * seeded generator, take batches of `batchSize` (the last may be smaller), one `optimizer.minimize` per batch,
 * then the validation loss in one prediction (of the averaged weights with `options.average`); then
 * `onEpoch(state, improved)`. Returns the final state.
 *
 * @throws {RangeError} when a loss is not a finite number (the run diverged): that epoch is not passed on.
 * No tensors are left behind. Reads the device once per epoch.
 */
export async function fitModel(
  model: tf.LayersModel,
  optimizer: tf.Optimizer,
  data: FitData,
  options: FitOptions,
  state: TrainingState,
  onEpoch: EpochHook = () => {},
  now: () => number = () => performance.now(),
): Promise<TrainingState> {
  const {
    epochs,
    batchSize,
    learningRate,
    lrDecay = 1,
    loss,
    weightDecay = 0,
    patience = 0,
    maxBatches = 0,
    average = null,
    name = "the model",
  } = options;
  const fn = lossFunction(loss);
  const varList = model.trainableWeights.map((w) => w.read() as tf.Variable);
  let current: TrainingState = structuredClone(state);
  while (!isFinished(current, epochs)) {
    const started = now();
    const rng = createRandom(current.rngState);
    setLearningRate(optimizer, learningRate * lrDecay ** current.epoch);
    const shuffled = rng.shuffle(data.train);
    const order = maxBatches > 0 ? shuffled.slice(0, maxBatches * batchSize) : shuffled;
    let total = tf.scalar(0);
    for (let start = 0; start < order.length; start += batchSize) {
      const batch = order.slice(start, start + batchSize);
      const dropoutSeed = rng.int(2 ** 31);
      const next = tf.tidy(() => {
        const xb = takeRows(data.x, batch);
        const yb = takeRows(data.y, batch);
        const value = optimizer.minimize(
          () => {
            const base = fn(yb, trainingForward(model, xb, dropoutSeed));
            const penalty = l2Penalty(model, weightDecay);
            return penalty ? tf.add(base, penalty) as tf.Scalar : base;
          },
          true,
          varList,
        )!;
        return tf.add(total, tf.mul(value, batch.length));
      });
      total.dispose();
      total = next as tf.Scalar;
      average?.update();
    }
    const trainLoss = (await total.data())[0] / Math.max(1, order.length);
    total.dispose();
    average?.swap();
    const valLoss = await evaluateLoss(model, data, data.validation, loss);
    current = await endEpoch(
      current,
      { trainLoss, valLoss, rngState: rng.state(), started, name, patience, average },
      onEpoch,
      now,
    );
  }
  return current;
}
