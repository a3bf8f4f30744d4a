/**
 * The two kinds of model train fits, as {@link ModelJob}s: the auto-encoder (reconstructs the non-test
 * vectors) and an ensemble member (an MLP on one bag, its target scaled by the bag's training rows). Each
 * job carries its fingerprint: the digests of what it reads and the options that shape it.
 *
 * @module
 */
import { PATHS, type TrainIndex } from "../core/artifacts.ts";
import { buildAutoencoder } from "../core/models/build_autoencoder.ts";
import { buildRegressor } from "../core/models/build_regressor.ts";
import { deriveSeed } from "../core/random.ts";
import type { AutoencoderState, MemberState } from "../core/train/checkpoint_state.ts";
import { type HostMatrix, initialState } from "../core/train/fit_model.ts";
import { type DataDigests, digestRows, type Fingerprint, shapingOptions } from "../core/train/fingerprint.ts";
import type { MemberInput } from "../core/train/member_record.ts";
import { fitTargetScaling, scaleTargets } from "../core/train/target_scaling.ts";
import type { TrainConfig } from "../core/train/train_config.ts";
import { join } from "./_fs.ts";
import type { ModelJob } from "./_train_model.ts";

/** The seed of member `k` (or of the auto-encoder), derived from the run's seed. */
export function modelSeed(cfg: TrainConfig, k: number | "autoencoder"): number {
  return k === "autoencoder" ? deriveSeed(cfg.seed, "autoencoder") : deriveSeed(cfg.seed, "train", k);
}

/** The auto-encoder's fingerprint: the vectors of the non-test rows and the `ae*` options. */
export async function autoencoderFingerprint(
  cfg: TrainConfig,
  digests: DataDigests,
  rows: readonly number[],
): Promise<Fingerprint> {
  return {
    data: { ...digests, targets: "not read", rows: await digestRows(rows) },
    options: shapingOptions("autoencoder", cfg, { seed: modelSeed(cfg, "autoencoder") }),
  };
}

/** Member `bag.k`'s fingerprint: its input matrix, the targets, its rows and its model's options. */
export async function memberFingerprint(
  cfg: TrainConfig,
  digests: DataDigests,
  bag: TrainIndex,
  input: MemberInput,
): Promise<Fingerprint> {
  return {
    data: { ...digests, rows: await digestRows({ train: bag.train, validation: bag.validation }) },
    options: shapingOptions(cfg.model === "tabm" ? "tabm" : "mlp", cfg, {
      seed: modelSeed(cfg, bag.k),
      input,
    }),
  };
}

/** The auto-encoder as a job: reconstruct `x` on `rows` (no validation). */
export function autoencoderJob(
  cfg: TrainConfig,
  x: HostMatrix,
  rows: readonly number[],
  fingerprint: Fingerprint,
): ModelJob<AutoencoderState> {
  const seed = modelSeed(cfg, "autoencoder");
  const inputDim = x.shape[1];
  return {
    name: "autoencoder",
    dir: join(cfg.out, PATHS.autoencoderCheckpoints),
    fresh: cfg.fresh,
    fingerprint,
    optimizer: { name: cfg.aeOptimizer, learningRate: cfg.aeLearningRate },
    averageDecay: 0,
    keepCheckpoints: cfg.keepCheckpoints,
    keepBest: false,
    build: () =>
      buildAutoencoder({
        inputDim,
        dims: cfg.aeDims,
        activation: cfg.aeActivation,
        outputActivation: cfg.aeOutputActivation,
        seed,
      }),
    initial: () => ({
      ...initialState(seed),
      kind: "autoencoder",
      inputDim,
      dims: cfg.aeDims,
      fingerprint,
      config: cfg,
    }),
    resumed: (state) => ({ ...state, config: cfg }),
    data: () => ({ x, y: x, train: rows, validation: [] }),
    fit: {
      epochs: cfg.aeEpochs,
      batchSize: cfg.aeBatchSize,
      learningRate: cfg.aeLearningRate,
      loss: cfg.aeLoss,
      maxBatches: cfg.maxBatches,
      seed,
    },
    progress: ["loss"],
  };
}

/** Member `bag.k` as a job: an MLP on `x` (`input` names what it is), validated on the bag's left-out rows. */
export function memberJob(
  cfg: TrainConfig,
  bag: TrainIndex,
  x: HostMatrix,
  input: MemberInput,
  targets: Float32Array,
  fingerprint: Fingerprint,
): ModelJob<MemberState> {
  const seed = modelSeed(cfg, bag.k);
  const inputDim = x.shape[1];
  return {
    name: `train${bag.k}`,
    dir: join(cfg.out, PATHS.regressorCheckpoints(bag.k)),
    fresh: cfg.fresh,
    fingerprint,
    optimizer: { name: cfg.optimizer, learningRate: cfg.learningRate },
    averageDecay: cfg.averageDecay,
    keepCheckpoints: cfg.keepCheckpoints,
    keepBest: true,
    build: () =>
      buildRegressor({
        inputDim,
        hidden: cfg.hidden,
        activation: cfg.activation,
        dropout: cfg.dropout,
        seed,
      }),
    initial: () => ({
      ...initialState(seed),
      k: bag.k,
      kind: "mlp",
      input,
      inputDim,
      target: fitTargetScaling(targets, bag.train, cfg.standardize),
      fingerprint,
      config: cfg,
    }),
    resumed: (state) => ({ ...state, config: cfg }),
    data: (state) => ({
      x,
      y: { data: scaleTargets(targets, state.target), shape: [targets.length, 1] },
      train: bag.train,
      validation: bag.validation,
    }),
    fit: {
      epochs: cfg.epochs,
      batchSize: cfg.batchSize,
      learningRate: cfg.learningRate,
      lrDecay: cfg.lrDecay,
      loss: cfg.loss,
      weightDecay: cfg.weightDecay,
      patience: cfg.patience,
      maxBatches: cfg.maxBatches,
      seed,
    },
    progress: ["loss", "val"],
  };
}
