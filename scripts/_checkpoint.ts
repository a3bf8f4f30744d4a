/**
 * Checkpoint folders: `model.json` + `weights.bin` in tfjs layers format (loadable by `tf.loadLayersModel` in
 * a browser), `optimizer.bin` (the optimiser's slots), `live.bin` (the live weights, when the model holds a
 * moving average of them) and `state.json` (see `core/train/checkpoint_state.ts`), which lists a SHA-256 of
 * every other file. A folder is filled under a temp name and renamed into place, so a kill never leaves a
 * half-written checkpoint; a folder without `state.json` is not a checkpoint, and one whose files do not match
 * their checksums is corrupt.
 *
 * @module
 */
import * as tf from "../core/tfjs.ts";
import { sha256 } from "../core/digest.ts";
import { decodeTabm, isTabmJson, type TabmModel, type TabmModelJson } from "../core/models/tabm_files.ts";
import type { CheckpointFiles, CheckpointState, SavedOptimizer } from "../core/train/checkpoint_state.ts";
import type { NamedTensor, OptimizerSnapshot } from "../core/train/optimizer_state.ts";
import { exists, fsw, isForeignTemp, join, readFileNamed, readJsonFile, replaceDirAtomic } from "./_fs.ts";

/** A model already encoded as files: `model.json` and the one weights binary it names (see `encodeTabm`). */
export interface EncodedModel {
  json: TabmModelJson;
  data: Uint8Array;
}

/** A model loaded from a checkpoint folder: a tfjs layers model (MLPs, the auto-encoder) or a tabular model. */
export type LoadedModel = tf.LayersModel | TabmModel;

/** A loaded checkpoint. */
export interface Checkpoint<S extends object, M extends LoadedModel = tf.LayersModel> {
  model: M;
  state: CheckpointState<S>;
  /** The optimiser's weights in saved order (iterations first); dispose them after restoring. */
  optimizerWeights: NamedTensor[];
  /**
   * The live weights, in `model.weights` order, when the model holds their moving average (else empty);
   * dispose them after restoring.
   */
  liveWeights: tf.Tensor[];
}

/** A checkpoint folder whose files are missing, unreadable or do not match the checksums in its state. */
export class CorruptCheckpointError extends Error {
  override name = "CorruptCheckpointError";
}

function bytesOf(data: tf.io.WeightData | undefined): Uint8Array {
  if (data === undefined) return new Uint8Array(0);
  const buffer = Array.isArray(data) ? tf.io.concatenateArrayBuffers(data) : data;
  return new Uint8Array(buffer);
}

async function writeChecked(dir: string, name: string, data: Uint8Array | string, files: CheckpointFiles) {
  await fsw.writeFile(join(dir, name), data);
  files[name] = await sha256(data);
}

/**
 * Write `model` to `dir`: `model.json` and `weights.bin` (tfjs layers format, or as encoded); returns their
 * checksums.
 */
export async function saveModel(model: tf.LayersModel | EncodedModel, dir: string): Promise<CheckpointFiles> {
  const files: CheckpointFiles = {};
  if ("json" in model) {
    await writeChecked(dir, model.json.weightsManifest[0].paths[0], model.data, files);
    await writeChecked(dir, "model.json", JSON.stringify(model.json), files);
    return files;
  }
  await model.save(tf.io.withSaveHandler(async (artifacts) => {
    const modelJson = {
      format: "layers-model",
      generatedBy: `TensorFlow.js tfjs-layers v${tf.version.tfjs}`,
      convertedBy: null,
      modelTopology: artifacts.modelTopology,
      weightsManifest: [{ paths: ["weights.bin"], weights: artifacts.weightSpecs }],
    };
    await writeChecked(dir, "weights.bin", bytesOf(artifacts.weightData), files);
    await writeChecked(dir, "model.json", JSON.stringify(modelJson), files);
    return { modelArtifactsInfo: tf.io.getModelArtifactsInfoForJSON(artifacts) };
  }));
  return files;
}

function arrayBuffer(bytes: Uint8Array): ArrayBuffer {
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}

/** Read a tfjs layers model saved by {@link saveModel} (or any single-shard tfjs layers model) from `dir`. */
export async function loadModel(dir: string): Promise<tf.LayersModel> {
  const model = await loadAnyModel(dir);
  if (!(model instanceof tf.LayersModel)) {
    throw new TypeError(
      `Cannot load ${join(dir, "model.json")}: it is a ${model.format} model, not a tfjs layers model`,
    );
  }
  return model;
}

/** Read the model saved by {@link saveModel} in `dir`, whichever its format (`model.json` says). */
export async function loadAnyModel(dir: string): Promise<LoadedModel> {
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
  if (isTabmJson(json)) return decodeTabm(tf, json, arrayBuffer(bytes));
  return await tf.loadLayersModel(
    tf.io.fromMemory({ modelTopology: json.modelTopology, weightSpecs, weightData: arrayBuffer(bytes) }),
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
 * Write checkpoint folder `dir` atomically: the model, the optimiser's weights (when given), `state`, `live`
 * (the live weights in `model.weights` order, when `model` holds their moving average), and the checksums.
 */
export async function saveCheckpoint<S extends object>(
  dir: string,
  model: tf.LayersModel | EncodedModel,
  state: S,
  optimizer: Pick<OptimizerSnapshot, "weights" | "extras"> | null,
  live: tf.Tensor[] | null = null,
): Promise<void> {
  await replaceDirAtomic(dir, async (tmp) => {
    const files = await saveModel(model, tmp);
    let saved: SavedOptimizer | null = null;
    if (optimizer) {
      const { data, specs } = await tf.io.encodeWeights(optimizer.weights);
      await writeChecked(tmp, "optimizer.bin", bytesOf(data), files);
      saved = { ...optimizer.extras, weights: specs };
    }
    let liveWeights: tf.io.WeightsManifestEntry[] | undefined;
    if (live) {
      const { data, specs } = await tf.io.encodeWeights(
        live.map((tensor, i) => ({ name: `live/${i}`, tensor })),
      );
      await writeChecked(tmp, "live.bin", bytesOf(data), files);
      liveWeights = specs;
    }
    const full: CheckpointState<S> = {
      ...state,
      optimizer: saved,
      ...(liveWeights ? { liveWeights } : {}),
      files,
    };
    await fsw.writeFile(join(tmp, "state.json"), JSON.stringify(full, null, 2) + "\n");
  });
}

/**
 * Read the state of the checkpoint in `dir` and check every file it lists against its checksum.
 *
 * @throws {CorruptCheckpointError} when `state.json` does not parse, lists no checksums, or a file is missing
 *   or differs.
 */
export async function readCheckpointState<S extends object>(dir: string): Promise<CheckpointState<S>> {
  let state: CheckpointState<S>;
  try {
    state = await readJsonFile<CheckpointState<S>>(join(dir, "state.json"), "checkpoint state");
  } catch (error) {
    throw new CorruptCheckpointError((error as Error).message);
  }
  if (typeof state !== "object" || state === null || typeof state.files !== "object" || !state.files) {
    throw new CorruptCheckpointError(`Cannot use checkpoint ${dir}: its state lists no file checksums`);
  }
  for (const [name, digest] of Object.entries(state.files)) {
    const bytes = await Deno.readFile(join(dir, name)).catch(() => null);
    if (bytes === null) throw new CorruptCheckpointError(`Cannot use checkpoint ${dir}: ${name} is missing`);
    if (await sha256(bytes) !== digest) {
      throw new CorruptCheckpointError(`Cannot use checkpoint ${dir}: ${name} does not match its checksum`);
    }
  }
  return state;
}

/**
 * Load the checkpoint in `dir`, checked against its checksums (without the optimiser's and live weights when
 * `withOptimizer` is false: what prediction needs).
 *
 * @throws {CorruptCheckpointError} as {@link readCheckpointState}, or when the model does not load.
 */
export async function loadCheckpoint<S extends object, M extends LoadedModel = tf.LayersModel>(
  dir: string,
  withOptimizer = true,
): Promise<Checkpoint<S, M>> {
  const state = await readCheckpointState<S>(dir);
  let model: M;
  try {
    model = (await loadAnyModel(dir)) as M;
  } catch (error) {
    throw new CorruptCheckpointError(
      `Cannot load the model of checkpoint ${dir}: ${(error as Error).message}`,
    );
  }
  const decode = async (file: string, specs: tf.io.WeightsManifestEntry[]) => {
    const map = tf.io.decodeWeights(arrayBuffer(await readFileNamed(join(dir, file), file)), specs);
    return specs.map((spec) => ({ name: spec.name, tensor: map[spec.name] }));
  };
  let optimizerWeights: NamedTensor[] = [];
  if (withOptimizer && state.optimizer && state.optimizer.weights.length > 0) {
    optimizerWeights = await decode("optimizer.bin", state.optimizer.weights);
  }
  let liveWeights: tf.Tensor[] = [];
  if (withOptimizer && state.liveWeights && state.liveWeights.length > 0) {
    liveWeights = (await decode("live.bin", state.liveWeights)).map((w) => w.tensor);
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

/**
 * `read` the newest checkpoint under `dir` that it reads without a {@link CorruptCheckpointError}; each corrupt
 * newer one is reported through `warn` and skipped. `null` when there is none.
 */
async function newestIntact<T>(
  dir: string,
  read: (path: string) => Promise<T>,
  warn: (line: string) => void = () => {},
): Promise<T | null> {
  const all = await listCheckpoints(dir);
  for (let i = all.length - 1; i >= 0; i--) {
    try {
      return await read(all[i].path);
    } catch (error) {
      if (!(error instanceof CorruptCheckpointError)) throw error;
      warn(
        `${error.message}: ${
          i > 0 ? `falling back to epoch ${all[i - 1].epoch}` : "no earlier checkpoint, starting over"
        }`,
      );
    }
  }
  return null;
}

/**
 * The state of the newest checkpoint under `dir` whose files match their checksums (the model is not loaded),
 * or `null` when there is none.
 */
export function latestIntactState<S extends object>(dir: string): Promise<CheckpointState<S> | null> {
  return newestIntact(dir, (path) => readCheckpointState<S>(path));
}

/**
 * The newest checkpoint under `dir` whose files match their checksums, loaded; corrupt newer ones are
 * reported through `warn` and skipped. `null` when there is none.
 */
export function latestIntactCheckpoint<S extends object, M extends LoadedModel = tf.LayersModel>(
  dir: string,
  warn: (line: string) => void,
): Promise<Checkpoint<S, M> | null> {
  return newestIntact(dir, (path) => loadCheckpoint<S, M>(path), warn);
}

/** The folder of epoch `epoch`'s checkpoint under `dir`. */
export function epochDir(dir: string, epoch: number): string {
  return join(dir, `epoch-${epoch}`);
}

/** The folder of the best epoch's model under a model's checkpoint folder `dir`. */
export function bestDir(dir: string): string {
  return join(dir, "best");
}

/** Remove all but the last `keep` epoch checkpoints under `dir` (0 keeps all), and temp folders left by kills. */
export async function pruneCheckpoints(dir: string, keep: number): Promise<void> {
  for await (const entry of Deno.readDir(dir)) {
    if (isForeignTemp(entry.name)) {
      await fsw.remove(join(dir, entry.name), { recursive: true }).catch(() => {});
    }
  }
  const all = await listCheckpoints(dir);
  if (keep > 0) {
    for (const old of all.slice(0, Math.max(0, all.length - keep))) {
      await fsw.remove(old.path, { recursive: true });
    }
  }
}
