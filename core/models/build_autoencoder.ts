/**
 * The auto-encoder: a dense encoder from feature vectors to a code and a decoder back.
 *
 * @module
 */
import * as tf from "../tfjs.ts";
import { deriveSeed } from "../random.ts";

/** Options of {@link buildAutoencoder}. */
export interface AutoencoderOptions {
  /** Width of the input vectors. */
  inputDim: number;
  /** Width of the code. */
  dims: number;
  /** Activation of the encoder. @default "relu" */
  activation?: string;
  /** Activation of the decoder. @default "linear" */
  outputActivation?: string;
  /** Seed of the Glorot-uniform kernel initialisation. @default 0 */
  seed?: number;
}

/**
 * Build an uncompiled `tf.Sequential` of two dense layers: encoder (inputDim → dims) and decoder
 * (dims → inputDim). Shape: [batch, inputDim] → [batch, inputDim].
 */
export function buildAutoencoder(options: AutoencoderOptions): tf.Sequential {
  const { inputDim, dims, activation = "relu", outputActivation = "linear", seed = 0 } = options;
  const model = tf.sequential();
  model.add(tf.layers.dense({
    units: dims,
    activation: activation as "relu",
    inputShape: [inputDim],
    kernelInitializer: tf.initializers.glorotUniform({ seed: deriveSeed(seed, "encoder") }),
  }));
  model.add(tf.layers.dense({
    units: inputDim,
    activation: outputActivation as "linear",
    kernelInitializer: tf.initializers.glorotUniform({ seed: deriveSeed(seed, "decoder") }),
  }));
  return model;
}

/**
 * The encoder half of a model built by {@link buildAutoencoder} (or loaded from its checkpoint), sharing its
 * weights. Shape: [batch, inputDim] → [batch, dims].
 */
export function encoderOf(autoencoder: tf.LayersModel): tf.LayersModel {
  return tf.model({ inputs: autoencoder.inputs, outputs: autoencoder.layers[0].output as tf.SymbolicTensor });
}
