/**
 * The regressor: a dense MLP from feature vectors to one score.
 *
 * @module
 */
import * as tf from "../tfjs.ts";
import { deriveSeed } from "../random.ts";

/** Options of {@link buildRegressor}. */
export interface RegressorOptions {
  /** Width of the input vectors. */
  inputDim: number;
  /** Hidden layer widths. @default [256, 128] */
  hidden?: number[];
  /** Activation of the hidden layers (a tfjs activation name). @default "relu" */
  activation?: string;
  /** Dropout rate after each hidden layer; 0 adds no dropout layer. @default 0 */
  dropout?: number;
  /** Seed of the Glorot-uniform kernel initialisation (layer i uses a seed derived from it). @default 0 */
  seed?: number;
}

/**
 * The regressor's layers, not yet built (no weights allocated): `[dense(h, activation), dropout]` per hidden
 * width, then `dense(1)`. With `inputDim`, the first layer carries the input shape.
 */
export function regressorLayers(
  options: Omit<RegressorOptions, "inputDim"> & { inputDim?: number },
): tf.layers.Layer[] {
  const { inputDim, hidden = [256, 128], activation = "relu", dropout = 0, seed = 0 } = options;
  const layers: tf.layers.Layer[] = [];
  const first = inputDim !== undefined ? { inputShape: [inputDim] } : {};
  hidden.forEach((units, i) => {
    layers.push(tf.layers.dense({
      units,
      activation: activation as "relu",
      kernelInitializer: tf.initializers.glorotUniform({ seed: deriveSeed(seed, "dense", i) }),
      ...(i === 0 ? first : {}),
    }));
    if (dropout > 0) layers.push(tf.layers.dropout({ rate: dropout }));
  });
  layers.push(tf.layers.dense({
    units: 1,
    kernelInitializer: tf.initializers.glorotUniform({ seed: deriveSeed(seed, "dense", hidden.length) }),
    ...(hidden.length === 0 ? first : {}),
  }));
  return layers;
}

/**
 * Build an uncompiled `tf.Sequential` of {@link regressorLayers}. Shape: [batch, inputDim] → [batch, 1]. The
 * same options and seed give the same initial weights on every backend (tfjs draws seeded initial values in
 * JavaScript).
 */
export function buildRegressor(options: RegressorOptions): tf.Sequential {
  return tf.sequential({ layers: regressorLayers(options) });
}
