/**
 * An exponential moving average (Polyak averaging) of a model's weights, updated after every optimiser step.
 * The average is what validation, checkpoints and prediction use; the live weights keep training.
 *
 * @module
 */
import * as tf from "../tfjs.ts";

/** The averaged weights of a model and the means to swap them with its live weights. */
export interface WeightAverage {
  /** Per-step decay (the horizon is about 1 / (1 − decay) steps). */
  readonly decay: number;
  /** Steps averaged so far (the warm-up of the decay depends on it). */
  readonly steps: number;
  /** Fold the model's current weights into the average (one step). */
  update(): void;
  /**
   * Exchange the model's weights with the ones held here: call once to put the average into the model (for
   * validation or saving), and again to put the live weights back.
   */
  swap(): void;
  /** The weights held here (the average, or the live weights while swapped), in `model.weights` order. */
  held(): tf.Tensor[];
  dispose(): void;
}

/**
 * The decay used at step `steps` (0-based): `decay · (1 − decayᵗ) / (1 − decayᵗ⁺¹)`. This makes the held
 * average the bias-corrected moving average (as Adam corrects its moments): after t + 1 steps it is
 * Σ decayᵗ⁻ⁱ (1 − decay) wᵢ / (1 − decayᵗ⁺¹), a weighted mean of the weights seen, with no trace of the
 * random initialisation; 0 at the first step, close to `decay` after a few multiples of 1 / (1 − decay).
 */
export function effectiveDecay(decay: number, steps: number): number {
  return decay * (1 - decay ** steps) / (1 - decay ** (steps + 1));
}

/**
 * Start averaging the weights of `model` (a layers model, or the variables of another model) with per-step
 * `decay` in (0, 1). `initial` (in `model.weights` order, copied) and `steps` resume an average saved in a
 * checkpoint; by default the average starts at the model's current weights.
 *
 * @throws {RangeError} when `decay` is not in (0, 1).
 * @throws {TypeError} when `initial` does not match the model's weights.
 */
export function createWeightAverage(
  model: tf.LayersModel | readonly tf.Variable[],
  decay: number,
  { initial, steps = 0 }: { initial?: tf.Tensor[]; steps?: number } = {},
): WeightAverage {
  if (!(decay > 0 && decay < 1)) {
    throw new RangeError(`Cannot average weights with decay ${decay}: must be in (0, 1)`);
  }
  const live = model instanceof tf.LayersModel
    ? model.weights.map((w) => w.read() as tf.Variable)
    : [...model];
  if (
    initial && (initial.length !== live.length ||
      initial.some((t, i) => JSON.stringify(t.shape) !== JSON.stringify(live[i].shape)))
  ) {
    throw new TypeError(`Cannot resume a weight average: its tensors do not match the model's weights`);
  }
  const held = tf.tidy(() => live.map((v, i) => tf.variable((initial?.[i] ?? v).clone(), false)));
  let count = steps;
  return {
    decay,
    get steps() {
      return count;
    },
    update() {
      const d = effectiveDecay(decay, count);
      tf.tidy(() => {
        live.forEach((v, i) => held[i].assign(tf.add(tf.mul(held[i], d), tf.mul(v, 1 - d))));
      });
      count++;
    },
    swap() {
      tf.tidy(() => {
        live.forEach((v, i) => {
          const copy = v.clone();
          v.assign(held[i]);
          held[i].assign(copy);
        });
      });
    },
    held: () => held,
    dispose: () => tf.dispose(held),
  };
}
