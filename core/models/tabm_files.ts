/**
 * A tabular model as files: `model.json` (format `tabm`, the {@link TabmSpec} and the weights manifest, laid out
 * like a tfjs layers model's) and one binary of float32 weights. The same functions serve training's
 * checkpoints, `deno task predict` and the browser's Try page, which is given the tfjs namespace.
 *
 * @module
 */
import type * as tfjs from "../tfjs.ts";
import { type TabmSpec, type TabmWeights, tabmWeightShapes } from "./tabm.ts";

/** The binary's name, beside `model.json`. */
export const TABM_WEIGHTS_FILE = "weights.bin";

/** `model.json` of a tabular model. */
export interface TabmModelJson {
  format: "tabm";
  generatedBy: string;
  spec: TabmSpec;
  weightsManifest: { paths: string[]; weights: tfjs.io.WeightsManifestEntry[] }[];
}

/** A loaded model. */
export interface TabmModel {
  format: "tabm";
  spec: TabmSpec;
  weights: TabmWeights;
}

/** The tfjs functions used here. */
export type TabmFilesTf = Pick<typeof tfjs, "io">;

/** Encode a model: its `model.json` and the bytes of its weights binary. */
export async function encodeTabm(
  tf: TabmFilesTf,
  spec: TabmSpec,
  weights: TabmWeights,
  generatedBy = "IMDb Predictor",
): Promise<{ json: TabmModelJson; data: Uint8Array }> {
  const named = tabmWeightShapes(spec).map(([name]) => {
    if (!weights[name]) {
      throw new TypeError(`Cannot save the model: weight ${JSON.stringify(name)} is missing`);
    }
    return { name, tensor: weights[name] };
  });
  const { data, specs } = await tf.io.encodeWeights(named);
  const buffer = Array.isArray(data) ? tf.io.concatenateArrayBuffers(data) : data;
  return {
    json: {
      format: "tabm",
      generatedBy,
      spec,
      weightsManifest: [{ paths: [TABM_WEIGHTS_FILE], weights: specs }],
    },
    data: new Uint8Array(buffer),
  };
}

/** Whether a parsed `model.json` is a tabular model's. */
export function isTabmJson(json: unknown): json is TabmModelJson {
  return typeof json === "object" && json !== null && (json as { format?: unknown }).format === "tabm";
}

/** Whether a loaded model is a tabular model (else a tfjs layers model). */
export function isTabmModel(model: unknown): model is TabmModel {
  return typeof model === "object" && model !== null && (model as { format?: unknown }).format === "tabm";
}

/** Free a model's tensors: a tabular model's weights, or a layers model. */
export function disposeModel(model: tfjs.LayersModel | TabmModel): void {
  if (isTabmModel(model)) Object.values(model.weights).forEach((w) => w.dispose());
  else model.dispose();
}

/**
 * Decode a model from its `model.json` and weights binary.
 *
 * @throws {TypeError} when a weight the spec needs is missing or has another shape.
 */
export function decodeTabm(tf: TabmFilesTf, json: TabmModelJson, data: ArrayBuffer): TabmModel {
  const specs = json.weightsManifest.flatMap((g) => g.weights);
  const map = tf.io.decodeWeights(data, specs);
  const weights: TabmWeights = {};
  for (const [name, shape] of tabmWeightShapes(json.spec)) {
    const t = map[name];
    if (!t || JSON.stringify(t.shape) !== JSON.stringify(shape)) {
      Object.values(map).forEach((w) => w.dispose());
      throw new TypeError(
        `Cannot load the model: weight ${JSON.stringify(name)} is ${
          t ? `[${t.shape}]` : "missing"
        }, expected [${shape}]`,
      );
    }
    weights[name] = t;
  }
  return { format: "tabm", spec: json.spec, weights };
}
