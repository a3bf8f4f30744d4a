/**
 * The train stage's options: one flat typed object, the presets (`default`, a TabM network per bag, tuned for a
 * CPU; `mlp`, the previous default; `seed`, the original network) and how a partial config resolves against
 * them.
 *
 * @module
 */
import { checkOptions, type OptionRule } from "../config.ts";
import { TABM_ACTIVATIONS, TABM_SHARINGS } from "../models/tabm.ts";
import { SCHEDULES } from "./schedule.ts";

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

/**
 * The regressor each bag trains: `tabm`, one network of {@link PresetValues.members} sub-networks sharing their
 * weights (TabM) on scaled, bin-encoded inputs with a sparse first layer; `mlp`, a plain dense MLP on the raw
 * vectors (the previous default, and the seed's network).
 */
export const MODELS = ["tabm", "mlp"] as const;

/** Values of {@link PresetValues.targetEncoding}. */
export const TARGET_ENCODINGS = ["auto", "on", "off"] as const;

/** The presets `--preset` accepts. */
export const PRESETS = ["default", "mlp", "seed"] as const;

/** One of {@link PRESETS}. */
export type PresetName = typeof PRESETS[number];

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
  /** The regressor of each bag: one of {@link MODELS}. */
  model: string;
  /** Sub-networks of a `tabm` model (its prediction is their mean). */
  members: number;
  /** How a `tabm` model's sub-networks share weights: `batch` (TabM's rank-1 adapters) or `packed` (none). */
  sharing: string;
  /** Share of the bag's training rows each sub-network of a `tabm` model learns from (1 = all). */
  memberSample: number;
  /** Piecewise-linear bins per continuous input of a `tabm` model (0 = the scaled value only). */
  bins: number;
  /**
   * A `tabm` model's embedding width of categorical fields with more values than that (smaller fields are read
   * as one-hot flags; 0: every field as flags; below 0: one-hot columns not read, only their target encoding).
   */
  embedding: number;
  /** A `tabm` model learns a scale per dense input in front of its first layer (`TabmSpec.inputScale`). */
  inputScale: boolean;
  /** A `tabm` model reads collect's keyword word vectors (off: left out, see `TabmInputOptions.wordVectors`). */
  wordVectors: boolean;
  /**
   * A `tabm` model encodes every categorical field by its smoothed mean target (out of fold in training): `on`,
   * `off`, or `auto` (on when collect's features carry no target encoding of their own, as the seed's).
   */
  targetEncoding: string;
  /** Learning-rate schedule of a `tabm` model over its epochs (`schedule.ts`); `mlp` uses `lrDecay`. */
  schedule: string;
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
  /** L2 penalty on the kernels (weight matrices), per weight times the sum of squares. */
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
  /** Bags a tabm run trains at once on the CPU backends, each in its own worker (0 = one per core). */
  workers: number;
}

/** The checkpoint, bag and auto-encoder options of the CPU presets (the auto-encoder off; `--autoencoder`). */
const CPU_RUN = {
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
} as const;

/** The tabm options of the presets that train MLPs (unused by them). */
const NO_TABM = {
  model: "mlp",
  members: 1,
  sharing: "batch",
  memberSample: 1,
  bins: 0,
  embedding: 0,
  inputScale: false,
  wordVectors: true,
  targetEncoding: "off",
  schedule: "constant",
} as const;

/**
 * `default`: a TabM network per bag, fast on a laptop CPU (see README for the measurements behind it).
 * `mlp`: the previous default, a small MLP on the raw vectors.
 * `seed`: the original network: auto-encoder input→10000 (relu)→input (sigmoid), Adam 1e-5, MAE; regressor
 * 10000→16192→8096→2048→1, linear, dropout 0.2, SGD 1e-5, MAE, batch 1, 3 epochs.
 */
export const TRAIN_PRESETS: Record<PresetName, PresetValues> = {
  default: {
    ...CPU_RUN,
    model: "tabm",
    members: 4,
    sharing: "batch",
    memberSample: 1,
    bins: 16,
    embedding: 16,
    inputScale: true,
    wordVectors: false,
    targetEncoding: "auto",
    schedule: "cosine",
    epochs: 20,
    batchSize: 256,
    learningRate: 2e-3,
    lrDecay: 1,
    hidden: [128, 128],
    activation: "relu",
    dropout: 0.2,
    weightDecay: 1e-3,
    loss: "huber",
    optimizer: "adam",
    patience: 0,
    averageDecay: 0,
    standardize: true,
    maxBatches: 0,
  },
  mlp: {
    ...CPU_RUN,
    ...NO_TABM,
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
    ...NO_TABM,
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
  workers: 0,
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
  members: ["integer", "positive"],
  bins: ["integer", "nonNegative"],
  embedding: ["integer"],
  workers: ["integer", "nonNegative"],
};

/**
 * Resolve a partial config: base options, then the preset it names (default `default`), then its own values.
 *
 * @throws {RangeError} for an unknown preset, stage, backend, loss or optimiser, a size that is not a positive
 *   whole number, a rate that is not a positive number, or an empty list of stages or widths.
 */
export function resolveTrainConfig(config: Partial<TrainConfig> = {}): TrainConfig {
  const preset = config.preset ?? TRAIN_DEFAULTS.preset;
  if (!(PRESETS as readonly string[]).includes(preset)) {
    throw new RangeError(
      `Cannot use preset ${JSON.stringify(preset)}: expected one of ${PRESETS.join(", ")}`,
    );
  }
  const resolved = {
    ...TRAIN_DEFAULTS,
    ...TRAIN_PRESETS[preset as PresetName],
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
  oneOf("model", MODELS, resolved.model);
  oneOf("schedule", SCHEDULES, resolved.schedule);
  checkOptions(resolved, TRAIN_RULES);
  if (resolved.model === "tabm") {
    oneOf("activation", TABM_ACTIVATIONS, resolved.activation);
    oneOf("sharing", TABM_SHARINGS, resolved.sharing);
    oneOf("targetEncoding", TARGET_ENCODINGS, resolved.targetEncoding);
    if (resolved.autoencoder) {
      throw new RangeError(
        "Cannot train a tabm model on auto-encoder codes: use --no-autoencoder or --model mlp",
      );
    }
    if (resolved.optimizer !== "adam") {
      throw new RangeError(
        `Cannot train a tabm model with optimizer ${JSON.stringify(resolved.optimizer)}: it uses adam`,
      );
    }
  }
  if (resolved.embedding < -1) {
    throw new RangeError(`Cannot use embedding ${resolved.embedding}: must be ≥ -1`);
  }
  if (!(resolved.memberSample > 0 && resolved.memberSample <= 1)) {
    throw new RangeError(`Cannot use memberSample ${resolved.memberSample}: must be in (0, 1]`);
  }
  if (!(resolved.averageDecay >= 0 && resolved.averageDecay < 1)) {
    throw new RangeError(`Cannot use averageDecay ${resolved.averageDecay}: must be in [0, 1)`);
  }
  if (!(resolved.dropout >= 0 && resolved.dropout < 1)) {
    throw new RangeError(`Cannot use dropout ${resolved.dropout}: must be in [0, 1)`);
  }
  return resolved;
}
