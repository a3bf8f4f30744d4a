/**
 * `deno task train`: the auto-encoder, the encoding, a bagged MLP ensemble and its test predictions, on
 * TensorFlow.js (WebGPU, wasm or plain JS). Every stage resumes from its last complete checkpoint.
 *
 * @module
 */
import * as tf from "@tensorflow/tfjs";
import { stringify } from "csv-stringify/sync";
import {
  type MemberSummary,
  PATHS,
  PREDICTION_COLUMNS,
  type TrainIndex,
  type TrainSummary,
} from "../core/artifacts.ts";
import { encodeNpy } from "../core/npy.ts";
import { deriveSeed } from "../core/random.ts";
import { buildAutoencoder, encoderOf } from "../core/models/build_autoencoder.ts";
import { buildRegressor } from "../core/models/build_regressor.ts";
import {
  fitModel,
  type HostMatrix,
  initialState,
  takeRows,
  type TrainingState,
} from "../core/train/fit_model.ts";
import { createOptimizer, restoreOptimizer, snapshotOptimizer } from "../core/train/optimizer_state.ts";
import { createWeightAverage, type WeightAverage } from "../core/train/weight_average.ts";
import {
  BACKENDS,
  LOSSES,
  OPTIMIZERS,
  resolveTrainConfig,
  TRAIN_DEFAULTS,
  TRAIN_PRESETS,
  TRAIN_STAGES,
  type TrainConfig,
} from "../core/train/train_config.ts";
import { type CollectArtifacts, loadCollectArtifacts, loadNpy } from "./_artifacts.ts";
import { initBackend } from "./_backend.ts";
import {
  copyCheckpoint,
  epochDir,
  listCheckpoints,
  loadCheckpoint,
  pruneCheckpoints,
  saveCheckpoint,
} from "./_checkpoint.ts";
import { cli, type CliSpec } from "./_cli.ts";
import { exists, join, readJsonFile, writeFileAtomic, writeJsonAtomic } from "./_fs.ts";
import { startProgress } from "./_progress.ts";
import { writeConformal, writeOutOfBag } from "./_out_of_bag.ts";

export type { TrainConfig };

/** The stage's defaults: the `default` preset. */
export const defaults: TrainConfig = { ...TRAIN_DEFAULTS } satisfies TrainConfig;

/** What {@link run} returns. */
export interface TrainResult {
  /** What `train_summary.json` holds; `null` when the predict stage did not run. */
  summary: TrainSummary | null;
  /** Per member, the de-standardised predictions of the test rows, in `test_index.json` order. */
  predictions: number[][];
}

/** Options of {@link run} that are not configuration. */
export interface RunOptions {
  /** No progress or table on stderr/stdout. @default false */
  quiet?: boolean;
}

/** state.json of an auto-encoder checkpoint. */
interface AutoencoderState extends TrainingState {
  kind: "autoencoder";
  inputDim: number;
  dims: number;
  config: TrainConfig;
}

/** state.json of a regressor checkpoint. */
interface RegressorState extends TrainingState {
  kind: "regressor";
  k: number;
  /** "raw" (input_vectors.npy) or "autoencoder" (transformed_data.npy). */
  input: string;
  inputDim: number;
  /** The target's mean and sd on the bag's training rows (mean 0, sd 1 when not standardised). */
  target: { mean: number; sd: number };
  config: TrainConfig;
}

const fmt = (v: number | null | undefined) => (v === null || v === undefined ? "-" : v.toPrecision(4));

function specFor(preset: "default" | "seed"): CliSpec<TrainConfig> {
  return {
    name: "train",
    summary:
      "Train the auto-encoder and the bagged MLP ensemble on collect's artifacts, then predict the test " +
      "set. Each stage resumes from its last complete checkpoint. Preset values are defaults that flags override.",
    defaults: { ...TRAIN_DEFAULTS, ...TRAIN_PRESETS[preset], preset },
    flags: {
      out: { description: "Folder with collect's artifacts; train writes beside them", value: "PATH" },
      seed: { description: "Base seed (member k derives its own)" },
      backend: {
        description: "tfjs backend; auto = a real GPU through WebGPU, else wasm",
        choices: BACKENDS,
      },
      stages: { description: "Stages to run", choices: TRAIN_STAGES },
      preset: {
        description: "Hyperparameter preset: default (fast, on a CPU) or seed (the original network)",
      },
      fresh: { description: "Delete the checkpoints of the stages run and start over instead of resuming" },
      keepCheckpoints: { description: "Epoch checkpoints kept per model (0 = all; best/ is always kept)" },
      autoencoder: {
        description: "Train the regressors on the auto-encoder's codes (--no-autoencoder: raw)",
      },
      aeDims: { description: "Auto-encoder code width" },
      aeEpochs: { description: "Auto-encoder epochs" },
      aeBatchSize: { description: "Auto-encoder batch size" },
      aeLearningRate: { description: "Auto-encoder learning rate" },
      aeActivation: { description: "Encoder activation (tfjs name)" },
      aeOutputActivation: { description: "Decoder activation (tfjs name)" },
      aeLoss: { description: "Auto-encoder loss", choices: LOSSES },
      aeOptimizer: { description: "Auto-encoder optimizer", choices: OPTIMIZERS },
      k: { description: "Ensemble members to train (the first k bags); 0 = every bag collect made" },
      epochs: { description: "Regressor epochs (maximum, with early stopping)" },
      batchSize: { description: "Regressor batch size" },
      learningRate: { description: "Regressor learning rate" },
      lrDecay: { description: "Learning-rate factor per epoch" },
      hidden: { description: "Regressor hidden layer widths", value: "W1,W2" },
      activation: { description: "Hidden activation (tfjs name: relu, elu, gelu, swish, linear…)" },
      dropout: { description: "Dropout rate after each hidden layer" },
      weightDecay: { description: "L2 penalty on kernels" },
      loss: { description: "Regressor loss", choices: LOSSES },
      optimizer: { description: "Regressor optimizer", choices: OPTIMIZERS },
      patience: { description: "Early stopping: epochs without a better validation loss (0 = off)" },
      averageDecay: {
        description:
          "Per-step decay of the moving average of the weights that validates and predicts (0 = off)",
      },
      standardize: { description: "Fit the standardised target (--no-standardize: raw scores)" },
      maxBatches: { description: "Batches per epoch at most, for timing (0 = all)" },
    },
    epilog:
      "Examples:\n  deno task train --backend wasm\n  deno task train --no-autoencoder --hidden 128,64\n" +
      "  deno task train --preset seed --backend webgpu",
  };
}

/** The command line (with the `default` preset's values as defaults). */
export const spec: CliSpec<TrainConfig> = specFor("default");

/** The command line for the preset named by `--preset` (or `preset` in `--config FILE`) in `args`. */
export async function specForArgs(args: string[]): Promise<CliSpec<TrainConfig>> {
  let preset: string | undefined;
  args.forEach((a, i) => {
    if (a === "--preset") preset = args[i + 1];
    else if (a.startsWith("--preset=")) preset = a.slice("--preset=".length);
  });
  if (preset === undefined) {
    const at = args.findIndex((a) => a === "--config" || a.startsWith("--config="));
    if (at >= 0) {
      const path = args[at].includes("=") ? args[at].split("=").slice(1).join("=") : args[at + 1];
      if (path) preset = (await readJsonFile<Record<string, unknown>>(path, "config file")).preset as string;
    }
  }
  if (preset !== undefined && preset !== "default" && preset !== "seed") {
    throw new RangeError(`Cannot use --preset ${JSON.stringify(preset)}: expected one of default, seed`);
  }
  return specFor((preset ?? "default") as "default" | "seed");
}

/** Keys whose change makes an old checkpoint unusable for continuing. */
const AE_KEYS = ["aeDims", "aeActivation", "aeOutputActivation", "aeLoss", "aeOptimizer"];
const REGRESSOR_KEYS = [
  "hidden",
  "activation",
  "dropout",
  "loss",
  "optimizer",
  "standardize",
  "weightDecay",
  "averageDecay",
];

function checkResumable(path: string, saved: TrainConfig, now: TrainConfig, keys: string[]): void {
  const changed = keys.filter((key) => JSON.stringify(saved[key]) !== JSON.stringify(now[key]));
  if (changed.length > 0) {
    throw new Error(
      `Cannot resume from ${path}: ${
        changed.map((key) => `${key} was ${JSON.stringify(saved[key])}, now ${JSON.stringify(now[key])}`)
          .join("; ")
      } (use --fresh to start over)`,
    );
  }
}

/** Rows that are not in the test set. */
function nonTestRows(artifacts: CollectArtifacts): number[] {
  const test = new Set(artifacts.test.test);
  return artifacts.rows.map((_, i) => i).filter((i) => !test.has(i));
}

async function trainAutoencoder(
  cfg: TrainConfig,
  artifacts: CollectArtifacts,
  x: HostMatrix,
  quiet: boolean,
): Promise<AutoencoderState> {
  const dir = join(cfg.out, PATHS.autoencoderCheckpoints);
  if (cfg.fresh) await Deno.remove(dir, { recursive: true }).catch(() => {});
  const inputDim = x.shape[1];
  const seed = deriveSeed(cfg.seed, "autoencoder");
  const optimizer = createOptimizer(cfg.aeOptimizer, cfg.aeLearningRate);
  const latest = (await listCheckpoints(dir)).at(-1);
  let model: tf.LayersModel;
  let state: AutoencoderState;
  if (latest) {
    const ck = await loadCheckpoint<AutoencoderState>(latest.path);
    checkResumable(latest.path, ck.state.config, cfg, AE_KEYS);
    if (ck.state.inputDim !== inputDim) {
      throw new Error(
        `Cannot resume from ${latest.path}: it has ${ck.state.inputDim} inputs, the data ${inputDim}`,
      );
    }
    model = ck.model;
    if (ck.state.optimizer) await restoreOptimizer(optimizer, ck.optimizerWeights, ck.state.optimizer);
    tf.dispose(ck.optimizerWeights.map((w) => w.tensor));
    state = { ...ck.state, config: cfg };
  } else {
    model = buildAutoencoder({
      inputDim,
      dims: cfg.aeDims,
      activation: cfg.aeActivation,
      outputActivation: cfg.aeOutputActivation,
      seed,
    });
    state = { ...initialState(seed), kind: "autoencoder", inputDim, dims: cfg.aeDims, config: cfg };
  }
  const progress = quiet ? null : startProgress("autoencoder", cfg.aeEpochs, ["loss"]);
  if (progress && state.epoch > 0) progress.update(state.epoch, { loss: fmt(state.losses.at(-1)) });
  const final = await fitModel(
    model,
    optimizer,
    { x, y: x, train: nonTestRows(artifacts), validation: [] },
    {
      epochs: cfg.aeEpochs,
      batchSize: cfg.aeBatchSize,
      learningRate: cfg.aeLearningRate,
      loss: cfg.aeLoss,
      maxBatches: cfg.maxBatches,
      seed,
    },
    state,
    async (s) => {
      const snapshot = await snapshotOptimizer(optimizer, cfg.aeOptimizer);
      await saveCheckpoint(epochDir(dir, s.epoch), model, { ...state, ...s }, snapshot);
      snapshot.release();
      await pruneCheckpoints(dir, cfg.keepCheckpoints);
      progress?.update(s.epoch, { loss: fmt(s.losses.at(-1)) });
    },
  );
  progress?.stop();
  model.dispose();
  optimizer.dispose();
  return { ...state, ...final };
}

async function encode(cfg: TrainConfig, x: HostMatrix): Promise<void> {
  const dir = join(cfg.out, PATHS.autoencoderCheckpoints);
  const latest = (await listCheckpoints(dir)).at(-1);
  if (!latest) {
    throw new Deno.errors.NotFound(
      `Cannot encode: no auto-encoder checkpoint in ${dir} (run the autoencoder stage first)`,
    );
  }
  const { model } = await loadCheckpoint<AutoencoderState>(latest.path, false);
  const encoder = encoderOf(model);
  const rows = x.shape[0];
  const dims = (encoder.outputs[0].shape as number[])[1];
  const out = new Float32Array(rows * dims);
  const chunk = 2048;
  for (let start = 0; start < rows; start += chunk) {
    const part = Array.from({ length: Math.min(chunk, rows - start) }, (_, i) => start + i);
    const codes = tf.tidy(() => encoder.predict(takeRows(x, part)) as tf.Tensor);
    out.set(await codes.data(), start * dims);
    codes.dispose();
  }
  model.dispose();
  await writeFileAtomic(join(cfg.out, PATHS.transformed), encodeNpy({ data: out, shape: [rows, dims] }));
}

function targetStats(targets: Float32Array, rows: readonly number[], standardize: boolean) {
  if (!standardize || rows.length === 0) return { mean: 0, sd: 1 };
  let sum = 0;
  for (const i of rows) sum += targets[i];
  const mean = sum / rows.length;
  let ss = 0;
  for (const i of rows) ss += (targets[i] - mean) ** 2;
  const sd = Math.sqrt(ss / rows.length) || 1;
  return { mean, sd };
}

async function trainMember(
  cfg: TrainConfig,
  bag: TrainIndex,
  x: HostMatrix,
  input: string,
  targets: Float32Array,
  quiet: boolean,
): Promise<RegressorState> {
  const dir = join(cfg.out, PATHS.regressorCheckpoints(bag.k));
  if (cfg.fresh) await Deno.remove(dir, { recursive: true }).catch(() => {});
  const inputDim = x.shape[1];
  const seed = deriveSeed(cfg.seed, "train", bag.k);
  const optimizer = createOptimizer(cfg.optimizer, cfg.learningRate);
  const latest = (await listCheckpoints(dir)).at(-1);
  let model: tf.LayersModel;
  let state: RegressorState;
  let average: WeightAverage | null = null;
  if (latest) {
    const ck = await loadCheckpoint<RegressorState>(latest.path);
    checkResumable(latest.path, ck.state.config, cfg, REGRESSOR_KEYS);
    if (ck.state.input !== input || ck.state.inputDim !== inputDim) {
      throw new Error(
        `Cannot resume from ${latest.path}: it was trained on ${ck.state.input} inputs (${ck.state.inputDim}), ` +
          `now ${input} (${inputDim}) (use --fresh to start over)`,
      );
    }
    model = ck.model;
    if (ck.state.optimizer) await restoreOptimizer(optimizer, ck.optimizerWeights, ck.state.optimizer);
    tf.dispose(ck.optimizerWeights.map((w) => w.tensor));
    if (cfg.averageDecay > 0) {
      // The checkpoint's model holds the average; its live weights (live.bin) go back into the model.
      average = createWeightAverage(model, cfg.averageDecay, { steps: ck.state.averageSteps ?? 0 });
      if (ck.liveWeights.length > 0) model.weights.forEach((w, i) => w.write(ck.liveWeights[i]));
    }
    tf.dispose(ck.liveWeights);
    state = { ...ck.state, config: cfg };
  } else {
    model = buildRegressor({
      inputDim,
      hidden: cfg.hidden,
      activation: cfg.activation,
      dropout: cfg.dropout,
      seed,
    });
    state = {
      ...initialState(seed),
      kind: "regressor",
      k: bag.k,
      input,
      inputDim,
      target: targetStats(targets, bag.train, cfg.standardize),
      config: cfg,
    };
    if (cfg.averageDecay > 0) average = createWeightAverage(model, cfg.averageDecay);
  }
  const { mean, sd } = state.target;
  const y: HostMatrix = { data: targets.map((v) => (v - mean) / sd), shape: [targets.length, 1] };
  const progress = quiet ? null : startProgress(`train${bag.k}`, cfg.epochs, ["loss", "val"]);
  if (progress && state.epoch > 0) {
    progress.update(state.epoch, { loss: fmt(state.losses.at(-1)), val: fmt(state.valLosses.at(-1)) });
  }
  const final = await fitModel(
    model,
    optimizer,
    { x, y, train: bag.train, validation: bag.validation },
    {
      epochs: cfg.epochs,
      batchSize: cfg.batchSize,
      learningRate: cfg.learningRate,
      lrDecay: cfg.lrDecay,
      loss: cfg.loss,
      weightDecay: cfg.weightDecay,
      patience: cfg.patience,
      maxBatches: cfg.maxBatches,
      seed,
      average,
    },
    state,
    async (s, improved) => {
      // With an average, the model holds it now (what best/ predicts with) and average.held() the live weights.
      const path = epochDir(dir, s.epoch);
      const snapshot = await snapshotOptimizer(optimizer, cfg.optimizer);
      await saveCheckpoint(path, model, { ...state, ...s }, snapshot, average?.held() ?? null);
      snapshot.release();
      if (improved) await copyCheckpoint(path, join(dir, "best"));
      await pruneCheckpoints(dir, cfg.keepCheckpoints);
      progress?.update(s.epoch, { loss: fmt(s.losses.at(-1)), val: fmt(s.valLosses.at(-1)) });
    },
  );
  progress?.stop();
  average?.dispose();
  model.dispose();
  optimizer.dispose();
  return { ...state, ...final };
}

async function predictMember(
  cfg: TrainConfig,
  artifacts: CollectArtifacts,
  k: number,
  inputs: (kind: string) => Promise<HostMatrix>,
): Promise<{ predictions: number[]; state: RegressorState }> {
  const best = join(cfg.out, PATHS.regressorCheckpoints(k), "best");
  if (!(await exists(join(best, "state.json")))) {
    throw new Deno.errors.NotFound(
      `Cannot predict with member ${k}: ${best} is missing (run the regress stage)`,
    );
  }
  const { model, state } = await loadCheckpoint<RegressorState>(best, false);
  const x = await inputs(state.input);
  const test = artifacts.test.test;
  const out = tf.tidy(() => model.predict(takeRows(x, test)) as tf.Tensor);
  const raw = await out.data();
  out.dispose();
  model.dispose();
  const predictions = Array.from(
    raw,
    (v) => Number((v * state.target.sd + state.target.mean).toPrecision(7)),
  );
  const records = test.map((i, j) => [
    i,
    artifacts.rows[i].line,
    artifacts.rows[i].title,
    Number(artifacts.targets[i].toPrecision(7)),
    predictions[j],
  ]);
  await writeFileAtomic(
    join(cfg.out, PATHS.prediction(k)),
    stringify(records, { header: true, columns: [...PREDICTION_COLUMNS] }),
  );
  return { predictions, state };
}

function rmse(predicted: number[], actual: number[]): number {
  let ss = 0;
  for (let i = 0; i < actual.length; i++) ss += (predicted[i] - actual[i]) ** 2;
  return Math.sqrt(ss / Math.max(1, actual.length));
}

/**
 * Run the stages of `config` (a partial config resolves against its preset) on the artifacts in
 * `config.out`, and return the summary it also writes to `prediction_results/train_summary.json`.
 */
export async function run(config: Partial<TrainConfig> = {}, options: RunOptions = {}): Promise<TrainResult> {
  const { quiet = false } = options;
  const cfg = resolveTrainConfig(config);
  const log = (line: string) => quiet || console.error(line);
  const active = await initBackend(cfg.backend);
  log(
    `train: backend ${active.backend}${
      active.adapter ? ` on ${active.adapter}` : ""
    } (tfjs ${tf.version.tfjs})`,
  );
  const artifacts = await loadCollectArtifacts(cfg.out);
  if (cfg.k > artifacts.bags.length) {
    throw new RangeError(`Cannot train ${cfg.k} members: collect made ${artifacts.bags.length} bags`);
  }
  const bags = cfg.k > 0 ? artifacts.bags.slice(0, cfg.k) : artifacts.bags;
  const stages = new Set(cfg.stages);
  const timings: Record<string, number> = {};
  const timed = async <T>(name: string, fn: () => Promise<T>): Promise<T> => {
    const started = performance.now();
    try {
      return await fn();
    } finally {
      timings[name] = (timings[name] ?? 0) + (performance.now() - started) / 1000;
    }
  };
  const [rows, features] = artifacts.inputs.shape;
  const raw: HostMatrix = { data: artifacts.inputs.data, shape: [rows, features] };
  let transformed: HostMatrix | null = null;
  const inputs = async (kind: string): Promise<HostMatrix> => {
    if (kind === "raw") return raw;
    if (!transformed) {
      const npy = await loadNpy(join(cfg.out, PATHS.transformed));
      if (npy.shape[0] !== rows) {
        throw new TypeError(`Cannot use ${PATHS.transformed}: ${npy.shape[0]} rows, collect has ${rows}`);
      }
      transformed = { data: npy.data, shape: npy.shape as [number, number] };
    }
    return transformed;
  };
  const input = cfg.autoencoder ? "autoencoder" : "raw";
  let aeState: AutoencoderState | null = null;
  const trained: RegressorState[] = [];
  const result: TrainResult = { summary: null, predictions: [] };
  try {
    if (!cfg.autoencoder && (stages.has("autoencoder") || stages.has("encode"))) {
      log("train: auto-encoder off (--autoencoder turns it on): skipping the autoencoder and encode stages");
    }
    if (cfg.autoencoder && stages.has("autoencoder")) {
      aeState = await timed("autoencoder", () => trainAutoencoder(cfg, artifacts, raw, quiet));
    }
    if (cfg.autoencoder && stages.has("encode")) {
      await timed("encode", () => encode(cfg, raw));
      transformed = null;
    }
    if (stages.has("regress")) {
      const x = await inputs(input);
      for (const bag of bags) {
        trained.push(await timed("regress", () => trainMember(cfg, bag, x, input, artifacts.targets, quiet)));
      }
    }
    if (stages.has("predict")) {
      const actual = artifacts.test.test.map((i) => artifacts.targets[i]);
      const members: (MemberSummary & { testRmse: number })[] = [];
      await timed("predict", async () => {
        const outOfBag = [];
        for (const bag of bags) {
          const { predictions, state } = await predictMember(cfg, artifacts, bag.k, inputs);
          result.predictions.push(predictions);
          outOfBag.push(await writeOutOfBag(cfg.out, artifacts, bag, await inputs(state.input)));
          const dir = join(cfg.out, PATHS.regressorCheckpoints(bag.k));
          const last = trained.find((s) => s.k === bag.k) ??
            (await readJsonFile<RegressorState>(
              join((await listCheckpoints(dir)).at(-1)!.path, "state.json"),
            ));
          members.push({
            k: bag.k,
            epochs: last.epoch,
            bestEpoch: last.bestEpoch,
            bestValLoss: last.bestValLoss ?? NaN,
            seconds: Number(last.seconds.toFixed(3)),
            testRmse: Number(rmse(predictions, actual).toFixed(6)),
          });
        }
        await writeConformal(cfg.out, artifacts, outOfBag);
      });
      const mean = actual.map((_, j) => result.predictions.reduce((s, p) => s + p[j], 0) / bags.length);
      const ensembleRmse = Number(rmse(mean, actual).toFixed(6));
      if (!aeState && cfg.autoencoder) {
        const latest = (await listCheckpoints(join(cfg.out, PATHS.autoencoderCheckpoints))).at(-1);
        if (latest) aeState = await readJsonFile<AutoencoderState>(join(latest.path, "state.json"));
      }
      result.summary = {
        backend: active.backend,
        adapter: active.adapter,
        config: cfg,
        autoencoder: aeState
          ? {
            epochs: aeState.epoch,
            loss: aeState.losses.at(-1) ?? NaN,
            seconds: Number(aeState.seconds.toFixed(3)),
          }
          : null,
        members,
        timings: Object.fromEntries(Object.entries(timings).map(([k, v]) => [k, Number(v.toFixed(3))])),
        versions: { tfjs: tf.version.tfjs, deno: Deno.version.deno },
        testRmse: ensembleRmse,
      };
      await writeJsonAtomic(join(cfg.out, PATHS.trainSummary), result.summary);
      if (!quiet) printTable(result.summary, ensembleRmse);
    }
  } catch (error) {
    if (active.backend === "wasm" && /^Aborted\(/.test(String((error as Error)?.message ?? error))) {
      throw new RangeError(
        "Cannot train on the wasm backend: it ran out of memory (wasm has 4 GB at most; the seed preset " +
          "needs more): use --backend webgpu on a GPU, or cpu",
      );
    }
    throw error;
  }
  return result;
}

function printTable(summary: TrainSummary, ensembleRmse: number): void {
  const lines = ["model        epochs  best  val loss  test RMSE  seconds"];
  if (summary.autoencoder) {
    const ae = summary.autoencoder;
    lines.push(
      `autoencoder  ${String(ae.epochs).padStart(6)}  ${"-".padStart(4)}  ${fmt(ae.loss).padStart(8)}  ${
        "-".padStart(9)
      }  ${ae.seconds.toFixed(1).padStart(7)}`,
    );
  }
  for (const m of summary.members) {
    lines.push(
      `train${m.k}`.padEnd(11) +
        `  ${String(m.epochs).padStart(6)}  ${String(m.bestEpoch).padStart(4)}  ${
          fmt(m.bestValLoss).padStart(8)
        }  ${fmt(m.testRmse).padStart(9)}  ${m.seconds.toFixed(1).padStart(7)}`,
    );
  }
  lines.push(
    `ensemble (mean of ${summary.members.length})`.padEnd(37) + `  ${fmt(ensembleRmse).padStart(9)}`,
  );
  console.log(lines.join("\n"));
}

if (import.meta.main) await cli(await specForArgs(Deno.args), (config) => run(config));
