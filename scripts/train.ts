/**
 * `deno task train`: the bagged ensemble (a TabM network per bag by default, or MLPs, optionally on an
 * auto-encoder's codes) and its test predictions, on TensorFlow.js (WebGPU, wasm or plain JS). The command line
 * and the order of the stages; each model resumes from its last intact checkpoint while its fingerprint matches
 * (see `_train_model.ts` and `_tabm_member.ts`).
 *
 * @module
 */
import * as tf from "../core/tfjs.ts";
import { type MemberSummary, PATHS, type TrainSummary } from "../core/artifacts.ts";
import type { AutoencoderState } from "../core/train/checkpoint_state.ts";
import type { HostMatrix } from "../core/train/fit_model.ts";
import { type DataDigests, digestMatrix } from "../core/train/fingerprint.ts";
import type { MemberInput } from "../core/train/member_record.ts";
import {
  BACKENDS,
  LOSSES,
  MODELS,
  OPTIMIZERS,
  type PresetName,
  PRESETS,
  resolveTrainConfig,
  TARGET_ENCODINGS,
  TRAIN_DEFAULTS,
  TRAIN_PRESETS,
  TRAIN_STAGES,
  type TrainConfig,
} from "../core/train/train_config.ts";
import { type CollectArtifacts, dataDigests, loadCollectArtifacts, predictionData } from "./_artifacts.ts";
import { type ActiveBackend, initBackend } from "./_backend.ts";
import { SPLIT_DEFAULTS } from "../core/collect/split_rows.ts";
import { latestIntactState } from "./_checkpoint.ts";
import { cli, type CliSpec } from "./_cli.ts";
import { join, readJsonFile, writeJsonAtomic } from "./_fs.ts";
import { withOutLock } from "./_out_lock.ts";
import { autoencoderFingerprint, autoencoderJob, memberFingerprint, memberJob } from "./_train_jobs.ts";
import { trainModel } from "./_train_model.ts";
import { loadCodes, predictMember, removeStalePredictions, rmse, writeCodes } from "./_train_outputs.ts";
import { writeConformal, writeOutOfBag } from "./_out_of_bag.ts";
import { startWorker, trainTabmMembers, workerCount } from "./_tabm_member.ts";
import { TABM_SHARINGS } from "../core/models/tabm.ts";
import { SCHEDULES } from "../core/train/schedule.ts";

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

/** How a member's training ended: "stopped early at epoch 9 (best 8, validation loss 0.3720)". */
function ended(
  state: { stopped: boolean; epoch: number; bestEpoch: number; bestValLoss: number | null },
): string {
  return `${
    state.stopped ? "stopped early at" : "ended at"
  } epoch ${state.epoch} (best ${state.bestEpoch}, ` +
    `validation loss ${fmt(state.bestValLoss)})`;
}

const fmt = (v: number | null | undefined) => (v === null || v === undefined ? "-" : v.toPrecision(4));

function specFor(preset: PresetName): CliSpec<TrainConfig> {
  return {
    name: "train",
    summary:
      "Train the bagged ensemble on collect's artifacts (a TabM network per bag; with --preset mlp, MLPs, and " +
      "with --autoencoder, on an auto-encoder's codes), then predict the test set. Every model resumes from " +
      "its last complete checkpoint. A preset's values are defaults that flags override.",
    defaults: { ...TRAIN_DEFAULTS, ...TRAIN_PRESETS[preset], preset },
    flags: {
      out: { description: "Folder with collect's artifacts; train writes beside them", value: "DIR" },
      seed: { description: "Base seed (member k derives its own)" },
      backend: {
        description: "tfjs backend; auto = a real GPU through WebGPU, else wasm",
        choices: BACKENDS,
      },
      stages: { description: "Stages to run", choices: TRAIN_STAGES },
      preset: {
        description:
          "Hyperparameter preset: default (a TabM network per bag, fast on a CPU), mlp (the previous default, a " +
          "plain MLP) or seed (the original network)",
        choices: PRESETS,
      },
      fresh: { description: "Delete the checkpoints of the stages run and start over instead of resuming" },
      workers: {
        description:
          "Bags a tabm run trains at once on wasm/cpu, one worker each (0 = one per bag, up to two per core)",
      },
      keepCheckpoints: { description: "Epoch checkpoints kept per model (0 = all; best/ is always kept)" },
      autoencoder: { description: "Train an auto-encoder first and fit the regressors on its codes" },
      aeDims: { description: "Auto-encoder code width" },
      aeEpochs: { description: "Auto-encoder epochs" },
      aeBatchSize: { description: "Auto-encoder batch size" },
      aeLearningRate: { description: "Auto-encoder learning rate" },
      aeActivation: { description: "Encoder activation (tfjs name)" },
      aeOutputActivation: { description: "Decoder activation (tfjs name)" },
      aeLoss: { description: "Auto-encoder loss", choices: LOSSES },
      aeOptimizer: { description: "Auto-encoder optimizer", choices: OPTIMIZERS },
      k: { description: "Ensemble members to train (the first k bags); 0 = every bag collect made" },
      model: {
        description: "Regressor of each bag: tabm (TabM sub-networks) or mlp (plain MLP)",
        choices: MODELS,
      },
      members: { description: "Sub-networks of each tabm model (more on a GPU)" },
      sharing: {
        description:
          "How a tabm model's sub-networks share weights: batch (TabM, rank-1 adapters) or packed (none)",
        choices: TABM_SHARINGS,
      },
      memberSample: { description: "Share of the bag's rows each tabm sub-network learns from (1 = all)" },
      bins: { description: "Piecewise-linear bins per continuous input of a tabm model (0 = none)" },
      embedding: {
        description:
          "tabm: embedding width of categorical fields of more than 1024 columns (0 = flags, -1 = target encoding only)",
      },
      inputScale: {
        description:
          "tabm: learn a scale per input in front of the first layer (RealMLP's, 6× the learning rate)",
      },
      wordVectors: {
        description:
          "tabm: read collect's keyword word vectors (off: only the keywords' target encoding, if any)",
      },
      targetEncoding: {
        description:
          "tabm: encode every categorical field by its smoothed mean target too (auto: when the features have none)",
        choices: TARGET_ENCODINGS,
      },
      schedule: { description: "Learning-rate schedule of a tabm model", choices: SCHEDULES },
      epochs: { description: "Regressor epochs (maximum, with early stopping)" },
      batchSize: { description: "Regressor batch size" },
      learningRate: { description: "Regressor learning rate" },
      lrDecay: { description: "Learning-rate factor per epoch (mlp)" },
      hidden: { description: "Regressor hidden layer widths" },
      activation: { description: "Hidden activation (tfjs name: relu, elu, gelu, swish, linear…)" },
      dropout: { description: "Dropout rate after each hidden layer" },
      weightDecay: { description: "L2 penalty on weight matrices" },
      loss: { description: "Regressor loss", choices: LOSSES },
      optimizer: { description: "Regressor optimizer", choices: OPTIMIZERS },
      patience: { description: "Early stopping: epochs without a better validation loss (0 = off)" },
      averageDecay: {
        description:
          "Per-step decay of the moving average of the weights that validates and predicts (0 = off)",
      },
      standardize: { description: "Fit the standardised target (off: the raw scores)" },
      maxBatches: { description: "Batches per epoch at most, for timing (0 = all)" },
    },
    epilog: "Examples:\n  deno task train --backend wasm\n  deno task train --members 8 --hidden 256,256\n" +
      "  deno task train --preset mlp --autoencoder\n  deno task train --preset seed --backend webgpu",
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
  if (preset !== undefined && !(PRESETS as readonly string[]).includes(preset)) {
    throw new RangeError(
      `Cannot use --preset ${JSON.stringify(preset)}: expected one of ${PRESETS.join(", ")}`,
    );
  }
  return specFor((preset ?? "default") as PresetName);
}

/** Rows that are not in the test set. */
function nonTestRows(artifacts: CollectArtifacts): number[] {
  const test = new Set(artifacts.test.test);
  return artifacts.rows.map((_, i) => i).filter((i) => !test.has(i));
}

/**
 * Run the stages of `config` (a partial config resolves against its preset) on the artifacts in
 * `config.out`, and return the summary it also writes to `prediction_results/train_summary.json`.
 */
export async function run(config: Partial<TrainConfig> = {}, options: RunOptions = {}): Promise<TrainResult> {
  const cfg = resolveTrainConfig(config);
  return await withOutLock(cfg.out, "train", () => train(cfg, options.quiet ?? false));
}

async function train(cfg: TrainConfig, quiet: boolean): Promise<TrainResult> {
  const log = (line: string) => quiet || console.error(line);
  // The bags' workers load their modules (about 0.4 s) while this thread starts its backend and reads the
  // artifacts (collect makes 3 bags unless told); if auto picks a GPU, the bags train in this thread instead.
  const onCpu = ["auto", "wasm", "cpu"].includes(cfg.backend);
  const count = workerCount("wasm", cfg.k || SPLIT_DEFAULTS.k, cfg.workers);
  const started = onCpu && cfg.model === "tabm" && cfg.stages.includes("regress") && count > 1
    ? Array.from({ length: count }, () => startWorker())
    : [];
  const stop = () => started.splice(0).forEach((worker) => worker.terminate());
  try {
    const active = await initBackend(cfg.backend);
    if (workerCount(active.backend, count) <= 1) stop();
    log(
      `train: backend ${active.backend}${
        active.adapter ? ` on ${active.adapter}` : ""
      } (tfjs ${tf.version.tfjs})`,
    );
    return await trainStages(cfg, quiet, log, active, started);
  } finally {
    stop();
  }
}

async function trainStages(
  cfg: TrainConfig,
  quiet: boolean,
  log: (line: string) => void,
  active: ActiveBackend,
  started: Worker[],
): Promise<TrainResult> {
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
  const digests = await dataDigests(cfg.out, artifacts);
  const aeRows = nonTestRows(artifacts);
  const aeFingerprint = await autoencoderFingerprint(cfg, digests, aeRows);
  const input: MemberInput = cfg.autoencoder ? "autoencoder" : "raw";
  /** The members' input matrix and the digests their fingerprints use. */
  const memberInputs = async (): Promise<{ x: HostMatrix; data: DataDigests }> => {
    if (input === "raw") return { x: raw, data: digests };
    const x = await loadCodes(cfg.out, rows, aeFingerprint);
    return { x, data: { ...digests, inputs: await digestMatrix(x.data, x.shape) } };
  };
  const result: TrainResult = { summary: null, predictions: [] };
  try {
    if (!cfg.autoencoder && (stages.has("autoencoder") || stages.has("encode"))) {
      log("train: auto-encoder off (--autoencoder turns it on): skipping the autoencoder and encode stages");
    }
    if (cfg.autoencoder && stages.has("autoencoder")) {
      await timed(
        "autoencoder",
        () => trainModel(autoencoderJob(cfg, raw, aeRows, aeFingerprint), log, quiet),
      );
    }
    if (cfg.autoencoder && stages.has("encode")) {
      await timed("encode", () => writeCodes(cfg.out, raw, aeFingerprint));
    }
    if (stages.has("regress")) {
      const { x, data } = await memberInputs();
      if (cfg.model === "tabm") {
        const fingerprints = await Promise.all(bags.map((bag) => memberFingerprint(cfg, data, bag, input)));
        const workers = workerCount(active.backend, bags.length, cfg.workers);
        const tabmData = { x, featureNames: artifacts.featureNames, targets: artifacts.targets };
        const states = await timed(
          "regress",
          () =>
            trainTabmMembers(cfg, bags, tabmData, fingerprints, {
              backend: active.backend,
              workers,
              quiet,
              log,
              started,
            }),
        );
        states.forEach((state) => log(`train: member ${state.k} of ${bags.length} ${ended(state)}`));
      } else {
        for (const bag of bags) {
          const fingerprint = await memberFingerprint(cfg, data, bag, input);
          const job = memberJob(cfg, bag, x, input, artifacts.targets, fingerprint);
          const label = `member ${bag.k} of ${bags.length}`;
          const state = await timed("regress", () => trainModel({ ...job, label }, log, quiet));
          log(`train: ${label} ${ended(state)}`);
        }
      }
    }
    if (stages.has("predict")) {
      const { x, data } = await memberInputs();
      const members: MemberSummary[] = [];
      await timed("predict", async () => {
        const outOfBag = [];
        for (const bag of bags) {
          const fingerprint = await memberFingerprint(cfg, data, bag, input);
          const { predictions, summary } = await predictMember(cfg.out, artifacts, bag.k, x, fingerprint);
          result.predictions.push(predictions);
          members.push(summary);
          outOfBag.push(await writeOutOfBag(cfg.out, artifacts, bag, x));
        }
        await writeConformal(cfg.out, artifacts, outOfBag);
        await removeStalePredictions(cfg.out, members.map((m) => m.k));
      });
      const actual = artifacts.test.test.map((i) => artifacts.targets[i]);
      const mean = actual.map((_, j) => result.predictions.reduce((s, p) => s + p[j], 0) / bags.length);
      const ae = cfg.autoencoder
        ? await latestIntactState<AutoencoderState>(join(cfg.out, PATHS.autoencoderCheckpoints))
        : null;
      result.summary = {
        data: await predictionData(artifacts),
        backend: active.backend,
        adapter: active.adapter,
        config: cfg,
        autoencoder: ae
          ? { epochs: ae.epoch, loss: ae.losses.at(-1) ?? NaN, seconds: Number(ae.seconds.toFixed(3)) }
          : null,
        members,
        timings: Object.fromEntries(Object.entries(timings).map(([k, v]) => [k, Number(v.toFixed(3))])),
        versions: { tfjs: tf.version.tfjs, deno: Deno.version.deno },
        testRmse: Number(rmse(mean, actual).toFixed(6)),
      };
      await writeJsonAtomic(join(cfg.out, PATHS.trainSummary), result.summary);
      if (!quiet) console.log(trainTable(result.summary));
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

/**
 * The final table: per model its epochs, best epoch, validation loss, test RMSE, seconds (over every run that
 * trained it, resumed or not) and seconds per epoch.
 */
export function trainTable(summary: TrainSummary): string {
  const lines = ["model        epochs  best  val loss  test RMSE  seconds  s/epoch"];
  const row = (name: string, epochs: number, best: string, loss: number, rmse: string, seconds: number) =>
    `${name.padEnd(11)}  ${String(epochs).padStart(6)}  ${best.padStart(4)}  ${fmt(loss).padStart(8)}  ${
      rmse.padStart(9)
    }  ${seconds.toFixed(1).padStart(7)}  ${(epochs > 0 ? seconds / epochs : 0).toFixed(2).padStart(7)}`;
  const ae = summary.autoencoder;
  if (ae) lines.push(row("autoencoder", ae.epochs, "-", ae.loss, "-", ae.seconds));
  for (const m of summary.members) {
    lines.push(row(`train${m.k}`, m.epochs, String(m.bestEpoch), m.bestValLoss, fmt(m.testRmse), m.seconds));
  }
  lines.push(
    `ensemble (mean of ${summary.members.length})`.padEnd(37) + `  ${fmt(summary.testRmse).padStart(9)}`,
  );
  return lines.join("\n");
}

if (import.meta.main) await cli(await specForArgs(Deno.args), (config) => run(config));
