/**
 * The train stage's options: one flat typed object, the two presets (`default`, tuned for a CPU; `seed`, the
 * original network) and how a partial config resolves against them.
 *
 * @module
 */
import { checkOptions, type OptionRule } from "../config.ts";

import { DEFAULT_SEED } from "../random.ts";

/** The stages of `deno task train`, in order. */
export const TRAIN_STAGES = ["autoencoder", "encode", "regress", "predict"] as const;

/** One of {@link TRAIN_STAGES}. */
export type TrainStage = typeof TRAIN_STAGES[number];

/** Backends `--backend` accepts. */
export const BACKENDS = ["auto", "webgpu", "wasm", "cpu", "tensorflow"] as const;

/** Losses the training loop knows. `huber` uses δ = 1 (in the standardised target's units). */
export const LOSSES = ["mse", "mae", "huber"] as const;

/** Optimisers the training loop knows. */
export const OPTIMIZERS = ["adam", "sgd"] as const;

/** Options a preset sets (everything but where, how and what to run). */
export interface PresetValues {
  /** Epoch checkpoints kept per model (older ones are pruned; `best/` is always kept). 0 keeps all. */
  keepCheckpoints: number;
  /** Train the regressors on the auto-encoder's codes (true) or on the raw vectors (false). */
  autoencoder: boolean;
  aeDims: number;
  aeEpochs: number;
  aeBatchSize: number;
  aeLearningRate: number;
  aeActivation: string;
  aeOutputActivation: string;
  aeLoss: string;
  aeOptimizer: string;
  /** Number of ensemble members to train (the first k bags collect wrote); 0 = all. */
  k: number;
  epochs: number;
  batchSize: number;
  learningRate: number;
  /** Learning rate multiplier per epoch: lr(epoch) = learningRate × lrDecay^epoch. */
  lrDecay: number;
  /** Hidden layer widths of the regressor. */
  hidden: number[];
  activation: string;
  /** Dropout rate after each hidden layer. */
  dropout: number;
  /** L2 penalty on the kernels, added to the loss (per weight, times the sum of squares). */
  weightDecay: number;
  loss: string;
  optimizer: string;
  /** Stop after this many epochs without a better validation loss; 0 never stops early. */
  patience: number;
  /**
   * Per-step decay of an exponential moving average of the regressor's weights (Polyak averaging), which
   * validation, early stopping, checkpoints and prediction use; 0 = off (the live weights).
   */
  averageDecay: number;
  /** Fit on the standardised target (mean and sd of the bag's training rows, saved in the state). */
  standardize: boolean;
  /** Stop each epoch after this many batches (0 = all): for timing the seed preset on a few batches. */
  maxBatches: number;
}

/** Every option of the train stage. Keys become flags (`aeDims` → `--ae-dims`). */
export interface TrainConfig extends PresetValues {
  [key: string]: string | number | boolean | string[] | number[] | null;
  /** Output folder holding collect's artifacts; train writes beside them. */
  out: string;
  /** Base seed; member k and the auto-encoder derive their own from it. */
  seed: number;
  backend: string;
  stages: string[];
  preset: string;
  /** Start over: delete this stage's checkpoints instead of resuming from them. */
  fresh: boolean;
}

/**
 * `default`: a small, fast MLP that works on a laptop CPU (see README for the measurements behind it).
 * `seed`: the original network: auto-encoder input→10000 (relu)→input (sigmoid), Adam 1e-5, MAE; regressor
 * 10000→16192→8096→2048→1, linear, dropout 0.2, SGD 1e-5, MAE, batch 1, 3 epochs.
 */
export const TRAIN_PRESETS: Record<"default" | "seed", PresetValues> = {
  default: {
    keepCheckpoints: 2,
    autoencoder: false,
    aeDims: 128,
    aeEpochs: 20,
    aeBatchSize: 128,
    aeLearningRate: 1e-3,
    aeActivation: "relu",
    aeOutputActivation: "linear",
    aeLoss: "mse",
    aeOptimizer: "adam",
    k: 0,
    epochs: 60,
    batchSize: 128,
    learningRate: 2e-3,
    lrDecay: 0.96,
    hidden: [256, 128],
    activation: "relu",
    dropout: 0.2,
    weightDecay: 1e-3,
    loss: "huber",
    optimizer: "adam",
    patience: 8,
    averageDecay: 0.99,
    standardize: true,
    maxBatches: 0,
  },
  seed: {
    keepCheckpoints: 1,
    autoencoder: true,
    aeDims: 10000,
    aeEpochs: 3,
    aeBatchSize: 32,
    aeLearningRate: 1e-5,
    aeActivation: "relu",
    aeOutputActivation: "sigmoid",
    aeLoss: "mae",
    aeOptimizer: "adam",
    k: 0,
    epochs: 3,
    batchSize: 1,
    learningRate: 1e-5,
    lrDecay: 1,
    hidden: [16192, 8096, 2048],
    activation: "linear",
    dropout: 0.2,
    weightDecay: 0,
    loss: "mae",
    optimizer: "sgd",
    patience: 0,
    averageDecay: 0,
    standardize: false,
    maxBatches: 0,
  },
};

/** The stage's base options (with the `default` preset's values). */
export const TRAIN_DEFAULTS: TrainConfig = {
  out: "artifacts",
  seed: DEFAULT_SEED,
  backend: "auto",
  stages: [...TRAIN_STAGES],
  preset: "default",
  fresh: false,
  ...TRAIN_PRESETS.default,
};

/** What each numeric or list option must be (see `core/config.ts`). */
export const TRAIN_RULES: { [K in keyof TrainConfig]?: readonly OptionRule[] } = {
  seed: ["integer", "nonNegative"],
  stages: ["nonEmpty"],
  keepCheckpoints: ["integer", "nonNegative"],
  aeDims: ["integer", "positive"],
  aeEpochs: ["integer", "nonNegative"],
  aeBatchSize: ["integer", "positive"],
  aeLearningRate: ["positive"],
  k: ["integer", "nonNegative"],
  epochs: ["integer", "nonNegative"],
  batchSize: ["integer", "positive"],
  learningRate: ["positive"],
  lrDecay: ["positive"],
  hidden: ["nonEmpty", "integer", "positive"],
  weightDecay: ["nonNegative"],
  patience: ["integer", "nonNegative"],
  maxBatches: ["integer", "nonNegative"],
};

/**
 * Resolve a partial config: base options, then the preset it names (default `default`), then its own values.
 *
 * @throws {RangeError} for an unknown preset, stage, backend, loss or optimiser, a size that is not a positive
 *   whole number, a rate that is not a positive number, or an empty list of stages or widths.
 */
export function resolveTrainConfig(config: Partial<TrainConfig> = {}): TrainConfig {
  const preset = config.preset ?? TRAIN_DEFAULTS.preset;
  if (!(preset in TRAIN_PRESETS)) {
    throw new RangeError(`Cannot use preset ${JSON.stringify(preset)}: expected default or seed`);
  }
  const resolved = {
    ...TRAIN_DEFAULTS,
    ...TRAIN_PRESETS[preset as "default" | "seed"],
    ...config,
    preset,
  } as TrainConfig;
  const oneOf = (key: string, allowed: readonly string[], value: string) => {
    if (!allowed.includes(value)) {
      throw new RangeError(
        `Cannot use ${key} ${JSON.stringify(value)}: expected one of ${allowed.join(", ")}`,
      );
    }
  };
  for (const stage of resolved.stages) oneOf("stage", TRAIN_STAGES, stage);
  oneOf("backend", BACKENDS, resolved.backend);
  oneOf("loss", LOSSES, resolved.loss);
  oneOf("aeLoss", LOSSES, resolved.aeLoss);
  oneOf("optimizer", OPTIMIZERS, resolved.optimizer);
  oneOf("aeOptimizer", OPTIMIZERS, resolved.aeOptimizer);
  checkOptions(resolved, TRAIN_RULES);
  if (!(resolved.averageDecay >= 0 && resolved.averageDecay < 1)) {
    throw new RangeError(`Cannot use averageDecay ${resolved.averageDecay}: must be in [0, 1)`);
  }
  if (!(resolved.dropout >= 0 && resolved.dropout < 1)) {
    throw new RangeError(`Cannot use dropout ${resolved.dropout}: must be in [0, 1)`);
  }
  return resolved;
}
