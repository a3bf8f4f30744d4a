/**
 * Checkpoint folders: `model.json` + `weights.bin` in tfjs layers format (loadable by `tf.loadLayersModel` in
 * a browser), `optimizer.bin` (the optimiser's slots), `live.bin` (the live weights, when the model holds a
 * moving average of them) and `state.json`. A folder is filled under a temp name
 * and renamed into place, so a kill never leaves a half-written checkpoint; a folder without `state.json` is
 * not a checkpoint.
 *
 * @module
 */
import * as tf from "@tensorflow/tfjs";
import type { NamedTensor, OptimizerExtras, OptimizerSnapshot } from "../core/train/optimizer_state.ts";
import { exists, join, readFileNamed, readJsonFile, replaceDirAtomic } from "./_fs.ts";

/** What `state.json` keeps of the optimiser: its extras and the layout of `optimizer.bin`. */
export type SavedOptimizer = OptimizerExtras & { weights: tf.io.WeightsManifestEntry[] };

/**
 * `state.json`: the caller's state plus what is needed to restore the optimiser and, when the model holds
 * averaged weights, the layout of `live.bin` (the weights training continues from).
 */
export type CheckpointState<S> = S & {
  optimizer: SavedOptimizer | null;
  liveWeights?: tf.io.WeightsManifestEntry[];
};

/** A loaded checkpoint. */
export interface Checkpoint<S> {
  model: tf.LayersModel;
  state: CheckpointState<S>;
  /** The optimiser's weights in saved order (iterations first); dispose them after restoring. */
  optimizerWeights: NamedTensor[];
  /**
   * The live weights, in `model.weights` order, when the model holds their moving average (else empty);
   * dispose them after restoring.
   */
  liveWeights: tf.Tensor[];
}

function join2(data: tf.io.WeightData | undefined): Uint8Array {
  if (data === undefined) return new Uint8Array(0);
  const buffer = Array.isArray(data) ? tf.io.concatenateArrayBuffers(data) : data;
  return new Uint8Array(buffer);
}

/** Write `model` in tfjs layers format to `dir` (`model.json`, `weights.bin`). */
export async function saveModel(model: tf.LayersModel, dir: string): Promise<void> {
  await model.save(tf.io.withSaveHandler(async (artifacts) => {
    const modelJson = {
      format: "layers-model",
      generatedBy: `TensorFlow.js tfjs-layers v${tf.version.tfjs}`,
      convertedBy: null,
      modelTopology: artifacts.modelTopology,
      weightsManifest: [{ paths: ["weights.bin"], weights: artifacts.weightSpecs }],
    };
    await Deno.writeFile(join(dir, "weights.bin"), join2(artifacts.weightData));
    await Deno.writeTextFile(join(dir, "model.json"), JSON.stringify(modelJson));
    return { modelArtifactsInfo: tf.io.getModelArtifactsInfoForJSON(artifacts) };
  }));
}

/** Read a model saved by {@link saveModel} (or any single-shard tfjs layers model) from `dir`. */
export async function loadModel(dir: string): Promise<tf.LayersModel> {
  const json = await readJsonFile<{
    modelTopology: object;
    weightsManifest: { paths: string[]; weights: tf.io.WeightsManifestEntry[] }[];
  }>(join(dir, "model.json"), "model");
  const weightSpecs = json.weightsManifest.flatMap((g) => g.weights);
  const parts: Uint8Array[] = [];
  for (const group of json.weightsManifest) {
    for (const path of group.paths) parts.push(await readFileNamed(join(dir, path), "model weights"));
  }
  const bytes = parts.length === 1 ? parts[0] : concat(parts);
  const weightData = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  return await tf.loadLayersModel(
    tf.io.fromMemory({ modelTopology: json.modelTopology, weightSpecs, weightData }),
  );
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/**
 * Write checkpoint folder `dir` atomically: the model, the optimiser's weights, `state`, and `live` (the live
 * weights in `model.weights` order, when `model` holds their moving average).
 */
export async function saveCheckpoint<S extends object>(
  dir: string,
  model: tf.LayersModel,
  state: S,
  optimizer: Pick<OptimizerSnapshot, "weights" | "extras"> | null,
  live: tf.Tensor[] | null = null,
): Promise<void> {
  await replaceDirAtomic(dir, async (tmp) => {
    await saveModel(model, tmp);
    let saved: SavedOptimizer | null = null;
    if (optimizer) {
      const { data, specs } = await tf.io.encodeWeights(optimizer.weights);
      await Deno.writeFile(join(tmp, "optimizer.bin"), join2(data));
      saved = { ...optimizer.extras, weights: specs };
    }
    let liveWeights: tf.io.WeightsManifestEntry[] | undefined;
    if (live) {
      const { data, specs } = await tf.io.encodeWeights(
        live.map((tensor, i) => ({ name: `live/${i}`, tensor })),
      );
      await Deno.writeFile(join(tmp, "live.bin"), join2(data));
      liveWeights = specs;
    }
    await Deno.writeTextFile(
      join(tmp, "state.json"),
      JSON.stringify({ ...state, optimizer: saved, ...(liveWeights ? { liveWeights } : {}) }, null, 2) + "\n",
    );
  });
}

/**
 * Load the checkpoint in `dir` (without the optimiser's and live weights when `withOptimizer` is false: what
 * prediction needs).
 */
export async function loadCheckpoint<S>(dir: string, withOptimizer = true): Promise<Checkpoint<S>> {
  const state = await readJsonFile<CheckpointState<S>>(join(dir, "state.json"), "checkpoint state");
  const model = await loadModel(dir);
  let optimizerWeights: NamedTensor[] = [];
  if (withOptimizer && state.optimizer && state.optimizer.weights.length > 0) {
    const bytes = await readFileNamed(join(dir, "optimizer.bin"), "optimizer state");
    const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    const map = tf.io.decodeWeights(buffer, state.optimizer.weights);
    optimizerWeights = state.optimizer.weights.map((spec) => ({ name: spec.name, tensor: map[spec.name] }));
  }
  let liveWeights: tf.Tensor[] = [];
  if (withOptimizer && state.liveWeights && state.liveWeights.length > 0) {
    const bytes = await readFileNamed(join(dir, "live.bin"), "live weights");
    const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    const map = tf.io.decodeWeights(buffer, state.liveWeights);
    liveWeights = state.liveWeights.map((spec) => map[spec.name]);
  }
  return { model, state, optimizerWeights, liveWeights };
}

/** The complete `epoch-N` checkpoints under `dir` (those with a `state.json`), by N ascending. */
export async function listCheckpoints(dir: string): Promise<{ epoch: number; path: string }[]> {
  if (!(await exists(dir))) return [];
  const found: { epoch: number; path: string }[] = [];
  for await (const entry of Deno.readDir(dir)) {
    const match = /^epoch-(\d+)$/.exec(entry.name);
    if (!entry.isDirectory || !match) continue;
    const path = join(dir, entry.name);
    if (await exists(join(path, "state.json"))) found.push({ epoch: Number(match[1]), path });
  }
  return found.sort((a, b) => a.epoch - b.epoch);
}

/** The folder of epoch `epoch`'s checkpoint under `dir`. */
export function epochDir(dir: string, epoch: number): string {
  return join(dir, `epoch-${epoch}`);
}

/** Remove all but the last `keep` epoch checkpoints under `dir` (0 keeps all), and temp folders left by kills. */
export async function pruneCheckpoints(dir: string, keep: number): Promise<void> {
  for await (const entry of Deno.readDir(dir)) {
    if (entry.isDirectory && /\.tmp-\d+-/.test(entry.name) && !entry.name.includes(`.tmp-${Deno.pid}-`)) {
      await Deno.remove(join(dir, entry.name), { recursive: true }).catch(() => {});
    }
  }
  const all = await listCheckpoints(dir);
  if (keep > 0) {
    for (const old of all.slice(0, Math.max(0, all.length - keep))) {
      await Deno.remove(old.path, { recursive: true });
    }
  }
}

/** Copy checkpoint folder `from` to `to`, atomically replacing `to`. */
export async function copyCheckpoint(from: string, to: string): Promise<void> {
  await replaceDirAtomic(to, async (tmp) => {
    for await (const entry of Deno.readDir(from)) {
      if (entry.isFile) await Deno.copyFile(join(from, entry.name), join(tmp, entry.name));
    }
  });
}
