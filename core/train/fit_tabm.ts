/**
 * The tabular model's training loop: seeded shuffles and dropout masks, AdamW steps on the mean of the members'
 * squared errors, learning-rate, dropout and weight-decay schedules over the planned steps, the validation loss
 * of the members' mean after every epoch, and a hook after every epoch (where the caller writes its checkpoint).
 * Resuming from a saved {@link TrainingState}, the weights and the optimiser's state continues the very same run.
 *
 * @module
 */
import * as tf from "../tfjs.ts";
import { createRandom, deriveSeed } from "../random.ts";
import {
  batchTensors,
  batchTensorsOf,
  isTabmMatrix,
  tabmForward,
  type TabmInput,
  type TabmSpec,
  type TabmWeights,
} from "../models/tabm.ts";
import {
  binaryFlags,
  denseWidth,
  type Matrix,
  type PreparedRows,
  prepareRows,
  type SparseRows,
  takeRows,
} from "../models/tabm_inputs.ts";
import type { AdamW } from "./adamw.ts";
import { endEpoch, type EpochHook, isFinished, type TrainingState } from "./fit_model.ts";
import { dropoutMask } from "./dropout_mask.ts";
import { type ScheduleName, scheduleValue } from "./schedule.ts";
import { TRAINING_OPS } from "./tabm_ops.ts";
import type { WeightAverage } from "./weight_average.ts";

/** The data of one bag, in host memory. */
export interface TabmData {
  /** collect's feature vectors. Shape: [rows, width]. */
  x: Matrix;
  /** The standardised target of every row. Shape: [rows]. */
  y: Float32Array;
  /** The sparse entries of every row (`sparseRows(spec.inputs, x)`). */
  sparse: SparseRows;
  /** The training rows' out-of-fold target encodings (`outOfFoldTargets`), when the spec has them. */
  outOfFold?: Float32Array;
  train: readonly number[];
  validation: readonly number[];
}

/** Options of {@link fitTabm}. */
export interface TabmFitOptions {
  /** Train until this many epochs are complete (the schedules span them). */
  epochs: number;
  batchSize: number;
  /** Peak learning rate. */
  learningRate: number;
  /** @default "cosine" */
  schedule?: ScheduleName;
  /** Warm-up share of the `cosine` schedule. @default 0.05 */
  warmup?: number;
  /** Decoupled weight decay (per step, times the learning rate). @default 0 */
  weightDecay?: number;
  /** Dropout after each hidden layer. @default 0 */
  dropout?: number;
  /** Schedule of the dropout rate and of the weight decay. @default "constant" */
  regularizationSchedule?: ScheduleName;
  /** Epochs without a better validation loss before stopping; 0 never stops. @default 0 */
  patience?: number;
  /**
   * L2 penalty `l2 · Σ w²` on the weight matrices (embeddings, layers, heads): its gradient is added to theirs
   * (the reported training loss leaves the penalty out). @default 0
   */
  l2?: number;
  /**
   * Share of the training rows each member learns from (a fixed random subset per member, drawn from `seed`):
   * below 1, the members are bagged, which makes them differ more than their initialisation does. @default 1
   */
  memberSample?: number;
  /**
   * A moving average of the weights, updated after every step; validation and the epoch hook see the average
   * (the variables hold it during `onEpoch`, and `average.held()` the live weights). @default null
   */
  average?: WeightAverage | null;
  /** Training loss of each member: "mse", or "huber" (δ = 1, standardised units). @default "mse" */
  loss?: "mse" | "huber";
  /**
   * Read the flags as entries, adding their first-layer weights instead of multiplying zeros (see
   * `prepareBatch`), when every flag is 0 or 1 and the first layer has no adapters: the same function, in about
   * half the first layer's time on a CPU. @default false
   */
  sparseFlags?: boolean;
  /** Seed of the shuffles and dropout masks (ignored when resuming). */
  seed: number;
  /** The model's name in messages ("train2"). @default "the model" */
  name?: string;
}

/** The most floats the training and validation rows' encoded inputs may take to be prepared once (32M: 128 MB). */
const PREPARED_FLOATS = 2 ** 25;

/**
 * Mean over `rows` of the squared error of the members' mean (clamped), in standardised units; `prepared`, when
 * given, holds the rows' inputs (see `prepareRows`).
 */
export async function tabmLoss(
  spec: TabmSpec,
  weights: TabmWeights,
  data: Pick<TabmData, "x" | "y" | "sparse">,
  rows: readonly number[],
  chunk = 4096,
  prepared: PreparedRows | null = null,
): Promise<number | null> {
  if (rows.length === 0) return null;
  let total = 0;
  for (let start = 0; start < rows.length; start += chunk) {
    const part = rows.slice(start, start + chunk);
    const y = Float32Array.from(part, (r) => data.y[r]);
    const sum = tf.tidy(() => {
      const out = tabmForward(tf, spec, weights, batchFor(spec, data, part, prepared), { clamp: true });
      return tf.sum(tf.square(tf.sub(tf.mean(out, 1), tf.tensor1d(y))));
    });
    total += (await sum.data())[0];
    sum.dispose();
  }
  return total / rows.length;
}

/** The tensors of the batch of `rows`: copied from `prepared` when given, else encoded here. */
function batchFor(
  spec: TabmSpec,
  data: Pick<TabmData, "x" | "sparse">,
  rows: readonly number[],
  prepared: PreparedRows | null,
  outOfFold?: Float32Array,
  sparseFlags = false,
): TabmInput {
  return prepared
    ? batchTensorsOf(tf, spec, takeRows(spec.inputs, prepared, rows))
    : batchTensors(tf, spec, data.x, rows, data.sparse, outOfFold, sparseFlags);
}

/** Per row and member, 1 when the member learns from the row (a share `p` of rows per member). [rows × k]. */
function memberMask(rows: number, k: number, p: number, seed: number): Uint8Array {
  const rng = createRandom(deriveSeed(seed, "member-sample"));
  const mask = new Uint8Array(rows * k);
  for (let i = 0; i < mask.length; i++) mask[i] = rng.next() < p ? 1 : 0;
  return mask;
}

/** Loss weights of a batch's rows per member: the member mask scaled so that each member's weights average 1. */
function batchWeights(mask: Uint8Array, rows: readonly number[], k: number): Float32Array {
  const out = new Float32Array(rows.length * k);
  for (let j = 0; j < k; j++) {
    let n = 0;
    rows.forEach((r) => (n += mask[r * k + j]));
    const scale = n > 0 ? rows.length / n : 0;
    rows.forEach((r, i) => (out[i * k + j] = mask[r * k + j] * scale));
  }
  return out;
}

/** A dropout mask of `shape` (see `dropoutMask`), as a tensor. */
function dropoutTensor(shape: number[], rate: number, seed: number): tf.Tensor {
  return tf.tensor(dropoutMask(shape.reduce((a, b) => a * b, 1), rate, seed), shape);
}

/**
 * Train `weights` (variables) with `optimizer` from `state` until `options.epochs` are complete or early stopping
 * fires, then return the final state. Each epoch: shuffle the training rows with the seeded generator, take
 * batches of `batchSize` (the last may be smaller), one AdamW step per batch at the scheduled learning rate,
 * dropout and weight decay, then the validation loss; then `onEpoch(state, improved)`.
 * No tensors are left behind.
 */
export async function fitTabm(
  spec: TabmSpec,
  weights: Record<string, tf.Variable>,
  optimizer: AdamW,
  data: TabmData,
  options: TabmFitOptions,
  state: TrainingState,
  onEpoch: EpochHook = () => {},
  now: () => number = () => performance.now(),
): Promise<TrainingState> {
  const {
    epochs,
    batchSize,
    learningRate,
    schedule = "cosine",
    warmup = 0.05,
    weightDecay = 0,
    dropout = 0,
    regularizationSchedule = "constant",
    patience = 0,
    loss = "mse",
    l2 = 0,
    memberSample = 1,
    average = null,
    name = "the model",
  } = options;
  const sparseFlags = (options.sparseFlags ?? false) && !spec.firstAdapter && spec.inputs.flags.length > 0 &&
    binaryFlags(spec.inputs, data.x);
  // Each training and validation row encoded once, not once per epoch, unless that would take too much memory.
  const cached = (data.train.length + data.validation.length) * denseWidth(spec.inputs) <= PREPARED_FLOATS;
  const prepared = cached
    ? prepareRows(spec.inputs, data.x, data.train, data.sparse, data.outOfFold, sparseFlags)
    : null;
  const validation = cached
    ? prepareRows(spec.inputs, data.x, data.validation, data.sparse, undefined, sparseFlags)
    : null;
  const k = spec.members;
  // Which member learns from which row: fixed for the run (derived from the run's seed, so resuming keeps it).
  const include = memberSample < 1 ? memberMask(data.y.length, k, memberSample, state.seed) : null;
  const names = Object.keys(weights);
  const varList = names.map((n) => weights[n]);
  const stepsPerEpoch = Math.ceil(data.train.length / batchSize);
  const totalSteps = Math.max(1, stepsPerEpoch * epochs);
  let current: TrainingState = structuredClone(state);
  while (!isFinished(current, epochs)) {
    const started = now();
    const rng = createRandom(current.rngState);
    const order = rng.shuffle(data.train);
    let total = 0;
    let step = current.epoch * stepsPerEpoch;
    for (let start = 0; start < order.length; start += batchSize, step++) {
      const rows = order.slice(start, start + batchSize);
      const maskSeed = rng.int(2 ** 31);
      const t = step / totalSteps;
      const lr = learningRate * scheduleValue(schedule, t, warmup);
      const reg = scheduleValue(regularizationSchedule, t);
      const rate = dropout * reg;
      const y = Float32Array.from(rows, (r) => data.y[r]);
      const rowWeights = include ? batchWeights(include, rows, k) : null;
      const { value, grads } = tf.tidy(() => {
        const input = batchFor(spec, data, rows, prepared, data.outOfFold, sparseFlags);
        const target = tf.tensor2d(y, [rows.length, 1]);
        const weight = rowWeights ? tf.tensor2d(rowWeights, [rows.length, k]) : null;
        return tf.variableGrads(() => {
          const out = tabmForward(tf, spec, weights, input, {
            ops: TRAINING_OPS,
            dropout: rate > 0
              ? (h, layer) =>
                tf.mul(h, dropoutTensor(h.shape, rate, deriveSeed(maskSeed, layer))) as tf.Tensor3D
              : undefined,
          });
          const error = tf.sub(out, target);
          let each: tf.Tensor;
          if (loss === "huber") {
            const a = tf.abs(error);
            const q = tf.minimum(a, 1);
            each = tf.add(tf.mul(tf.square(q), 0.5), tf.sub(a, q));
          } else each = tf.square(error);
          return (weight ? tf.mean(tf.mul(each, weight)) : tf.mean(each)) as tf.Scalar;
        }, varList);
      });
      const named: Record<string, tf.Tensor> = {};
      names.forEach((n) => (named[n] = grads[weights[n].name]));
      optimizer.step(named, lr, weightDecay * reg, l2);
      average?.update();
      total += (await value.data())[0] * rows.length;
      tf.dispose([value, ...Object.values(grads)]);
    }
    average?.swap();
    const trainLoss = total / Math.max(1, order.length);
    const valLoss = await tabmLoss(spec, weights, data, data.validation, undefined, validation);
    current = await endEpoch(
      current,
      { trainLoss, valLoss, rngState: rng.state(), started, name, patience, average },
      onEpoch,
      now,
    );
  }
  return current;
}

/**
 * Trainable variables holding `weights` (host arrays from `initTabmWeights`, or the tensors of a loaded model,
 * which are copied), by weight name.
 */
export function tabmVariables(
  weights: Record<string, { shape: number[]; data: Float32Array } | tf.Tensor>,
): Record<string, tf.Variable> {
  const out: Record<string, tf.Variable> = {};
  for (const [name, w] of Object.entries(weights)) {
    out[name] = tf.tidy(() => tf.variable(w instanceof tf.Tensor ? w.clone() : tf.tensor(w.data, w.shape)));
  }
  return out;
}

/**
 * Learning-rate factor of the input scale (`first/scale`): RealMLP's, which trains its scaling layer 6× faster
 * than the rest (pytabkit's `RealMLP_TD` defaults).
 */
export const INPUT_SCALE_LR_FACTOR = 6;

/**
 * AdamW's groups for a tabular model: weight decay on the weight matrices only (not on adapters, biases or the
 * input scale), and the input scale's learning-rate factor.
 */
export function tabmDecayGroups(name: string): { decay: boolean; lrFactor?: number } {
  if (name === "first/scale") return { decay: false, lrFactor: INPUT_SCALE_LR_FACTOR };
  return { decay: isTabmMatrix(name) };
}
