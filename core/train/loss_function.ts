/**
 * Loss functions by name.
 *
 * @module
 */
import * as tf from "../tfjs.ts";

/** A loss: mean over the batch. Shapes: labels and predictions [batch, n] → scalar. */
export type LossFunction = (labels: tf.Tensor, predictions: tf.Tensor) => tf.Scalar;

/** The loss `name`: "mse", "mae" or "huber" (δ = 1). */
export function lossFunction(name: string): LossFunction {
  switch (name) {
    case "mse":
      return (y, p) => tf.losses.meanSquaredError(y, p) as tf.Scalar;
    case "mae":
      return (y, p) => tf.losses.absoluteDifference(y, p) as tf.Scalar;
    case "huber":
      return (y, p) => tf.losses.huberLoss(y, p) as tf.Scalar;
  }
  throw new RangeError(`Cannot use loss ${JSON.stringify(name)}: expected mse, mae or huber`);
}
