/**
 * The TensorFlow.js API this project uses, as one namespace: tfjs-core (tensors, ops, optimisers, model I/O) and
 * tfjs-layers (models, with every gradient registered), plus the plain-JavaScript `cpu` backend, the one that
 * runs everywhere. It stands in for the `@tensorflow/tfjs` bundle, which also installs the converter, data and
 * WebGL packages and core-js, none of which this project uses. The other backends (wasm, webgpu, the optional
 * tensorflow) are imported by `scripts/_backend.ts` only when asked for.
 *
 * @example
 * import * as tf from "../tfjs.ts";
 *
 * @module
 */
import "@tensorflow/tfjs-backend-cpu";
import { version_core } from "@tensorflow/tfjs-core";
import { version_layers } from "@tensorflow/tfjs-layers";

export * from "@tensorflow/tfjs-core";
export * from "@tensorflow/tfjs-layers";

/** Versions of the tfjs packages in use; `tfjs` is the release they all share (tfjs-core's). */
export const version = {
  tfjs: version_core,
  "tfjs-core": version_core,
  "tfjs-layers": version_layers,
} as const;
