/**
 * Optimisers and their state, so that a resumed run continues exactly where a checkpoint left it.
 *
 * @module
 */
import * as tf from "../tfjs.ts";

/** A tensor with its name, as `Optimizer.getWeights` returns them. */
export type NamedTensor = { name: string; tensor: tf.Tensor };

/** What a checkpoint keeps of an optimiser besides its weight tensors. */
export interface OptimizerExtras {
  name: string;
  /** Adam's running β₁ᵗ and β₂ᵗ (tfjs recomputes them as powers on `setWeights`, which can differ by an ulp). */
  accBeta1?: number;
  accBeta2?: number;
  /** Steps taken (AdamW, whose bias corrections depend on it). */
  steps?: number;
}

/** Create the optimiser `name` ("adam" or "sgd") with a learning rate. */
export function createOptimizer(name: string, learningRate: number): tf.Optimizer {
  if (name === "adam") return tf.train.adam(learningRate);
  if (name === "sgd") return tf.train.sgd(learningRate);
  throw new RangeError(`Cannot create optimizer ${JSON.stringify(name)}: expected adam or sgd`);
}

/** Set the learning rate of an optimiser made by {@link createOptimizer}. */
export function setLearningRate(optimizer: tf.Optimizer, learningRate: number): void {
  if (optimizer.getClassName() === "SGD") (optimizer as tf.SGDOptimizer).setLearningRate(learningRate);
  else (optimizer as unknown as { learningRate: number }).learningRate = learningRate;
}

type AdamInternals = { accBeta1: tf.Variable; accBeta2: tf.Variable };

/** A view of an optimiser's state; `release()` frees the one tensor it made (the iteration count). */
export interface OptimizerSnapshot {
  weights: NamedTensor[];
  extras: OptimizerExtras;
  release(): void;
}

/**
 * The optimiser's state: its weights (iterations first, then the slots, as `getWeights` gives them; the slots
 * are the optimiser's own variables, not copies) and the extras that `setWeights` does not restore. Call
 * `release()` once written.
 */
export async function snapshotOptimizer(optimizer: tf.Optimizer, name: string): Promise<OptimizerSnapshot> {
  const weights = await optimizer.getWeights();
  const extras: OptimizerExtras = { name };
  if (optimizer.getClassName() === "Adam") {
    const adam = optimizer as unknown as AdamInternals;
    extras.accBeta1 = (await adam.accBeta1.data())[0];
    extras.accBeta2 = (await adam.accBeta2.data())[0];
  }
  return { weights, extras, release: () => weights[0]?.tensor.dispose() };
}

/** Give an optimiser the state saved by {@link snapshotOptimizer}. The tensors may be disposed afterwards. */
export async function restoreOptimizer(
  optimizer: tf.Optimizer,
  weights: NamedTensor[],
  extras: OptimizerExtras,
): Promise<void> {
  await optimizer.setWeights(weights);
  if (optimizer.getClassName() === "Adam" && extras.accBeta1 !== undefined) {
    const adam = optimizer as unknown as AdamInternals;
    tf.tidy(() => {
      adam.accBeta1.assign(tf.scalar(extras.accBeta1!));
      adam.accBeta2.assign(tf.scalar(extras.accBeta2!));
    });
  }
}
