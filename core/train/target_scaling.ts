/**
 * How a member's target is scaled for training and scaled back for prediction: standardised with the mean
 * and standard deviation of the bag's training rows, or left as is.
 *
 * @module
 */
import { standardScale } from "../features/standard_scale.ts";

/** A member's output is `(score − mean) / sd`; `{ mean: 0, sd: 1 }` when the target is not standardised. */
export interface TargetScaling {
  mean: number;
  /** Always > 0. */
  sd: number;
}

/**
 * The scaling of `targets[rows]`: their mean and standard deviation when `standardize` (a constant target
 * gets sd 1), else the identity.
 */
export function fitTargetScaling(
  targets: ArrayLike<number>,
  rows: readonly number[],
  standardize: boolean,
): TargetScaling {
  if (!standardize || rows.length === 0) return { mean: 0, sd: 1 };
  return standardScale(rows.map((i) => targets[i]));
}

/** `targets` scaled for training. Shape: [rows]. */
export function scaleTargets(targets: Float32Array, { mean, sd }: TargetScaling): Float32Array {
  return targets.map((v) => (v - mean) / sd);
}

/** A member's output back in score units. */
export function unscaleTarget(output: number, { mean, sd }: TargetScaling): number {
  return output * sd + mean;
}

/**
 * Check a scaling read from a file.
 *
 * @throws {TypeError} naming `where` unless mean is finite and sd finite and > 0.
 */
export function checkTargetScaling(value: unknown, where: string): TargetScaling {
  const { mean, sd } = (value ?? {}) as Partial<TargetScaling>;
  if (!Number.isFinite(mean) || !Number.isFinite(sd) || !(sd! > 0)) {
    throw new TypeError(`Cannot use ${where}: target mean and sd must be numbers, sd > 0`);
  }
  return { mean: mean!, sd: sd! };
}
