/**
 * A trained model's fingerprint: digests of everything it learned from (input vectors, targets, its training
 * and validation rows, feature names, encoders) and the value of every option that shapes the result. A
 * checkpoint resumes, and a trained model predicts, only while its fingerprint matches the current one.
 *
 * @module
 */
import { sha256, sha256Json } from "../digest.ts";
import type { TrainConfig } from "./train_config.ts";

/** SHA-256 digests of collect's artifacts that a model reads, shared by every model trained on them. */
export interface DataDigests {
  /** The input matrix the model reads (shape and float32 values): the vectors, or the auto-encoder's codes. */
  inputs: string;
  /** The target of every row (float32). */
  targets: string;
  /** `feature_names.json`. */
  features: string;
  /** `encoders.json`: how a movie became its vector (predict encodes new movies with it). */
  encoders: string;
}

/** A JSON value an option may hold. */
export type OptionValue = string | number | boolean | null | readonly (string | number)[];

/** What a model learned from and how. */
export interface Fingerprint {
  data: DataDigests & {
    /** The rows it trained and validated on (indices into the vectors). */
    rows: string;
  };
  /** Every option that shapes the trained weights, by name (epochs excepted: see `resume_policy.ts`). */
  options: Record<string, OptionValue>;
}

/**
 * The options of {@link TrainConfig} that shape each kind of model's weights. For an MLP the epoch count is not
 * one of them: more epochs continue the same run (its learning rate depends on the epoch number, not the
 * total); a tabm model's schedules span its epochs, so for it the count is one. A new model kind adds its own
 * list here.
 */
export const SHAPING_OPTIONS = {
  mlp: [
    "hidden",
    "activation",
    "dropout",
    "weightDecay",
    "loss",
    "optimizer",
    "batchSize",
    "learningRate",
    "lrDecay",
    "patience",
    "averageDecay",
    "standardize",
    "maxBatches",
  ],
  tabm: [
    "members",
    "sharing",
    "memberSample",
    "bins",
    "embedding",
    "targetEncoding",
    "schedule",
    "epochs",
    "hidden",
    "activation",
    "dropout",
    "weightDecay",
    "loss",
    "batchSize",
    "learningRate",
    "patience",
    "averageDecay",
    "standardize",
    "maxBatches",
  ],
  autoencoder: [
    "aeDims",
    "aeActivation",
    "aeOutputActivation",
    "aeLoss",
    "aeOptimizer",
    "aeBatchSize",
    "aeLearningRate",
    "maxBatches",
  ],
} as const satisfies Record<string, readonly (keyof TrainConfig & string)[]>;

/** A kind of trained model that {@link SHAPING_OPTIONS} knows. */
export type FingerprintedKind = keyof typeof SHAPING_OPTIONS;

/**
 * The options that shape a model of `kind` trained with `config`, plus `extra` (the model's own derived
 * seed, the kind of input it reads).
 */
export function shapingOptions(
  kind: FingerprintedKind,
  config: TrainConfig,
  extra: Record<string, OptionValue>,
): Record<string, OptionValue> {
  const options: Record<string, OptionValue> = { kind };
  for (const key of SHAPING_OPTIONS[kind]) options[key] = config[key] as OptionValue;
  return { ...options, ...extra };
}

/** The digest of a row-major float32 matrix with its shape. */
export async function digestMatrix(data: Float32Array, shape: readonly number[]): Promise<string> {
  return sha256Json({ shape, data: await sha256(data) });
}

/** The digest of a list of row indices (or of several lists, e.g. training and validation). */
export function digestRows(rows: unknown): Promise<string> {
  return sha256Json(rows);
}

const DATA_NAMES: Record<keyof Fingerprint["data"], string> = {
  inputs: "input vectors",
  targets: "targets",
  features: "feature names",
  encoders: "encoders",
  rows: "training rows",
};

/**
 * What differs between a saved fingerprint and the current one, in words (`["the input vectors",
 * "seed 42 → 7"]`); empty when they match. A missing saved fingerprint (a checkpoint from before
 * fingerprints) is one difference.
 */
export function fingerprintChanges(saved: Fingerprint | null | undefined, now: Fingerprint): string[] {
  if (!saved?.data || !saved.options) return ["no fingerprint (an older checkpoint)"];
  const changes: string[] = [];
  const data = (Object.keys(DATA_NAMES) as (keyof Fingerprint["data"])[])
    .filter((key) => saved.data[key] !== now.data[key]);
  if (data.length > 0) changes.push(`the ${data.map((key) => DATA_NAMES[key]).join(", ")}`);
  const keys = [...new Set([...Object.keys(saved.options), ...Object.keys(now.options)])];
  for (const key of keys) {
    const was = JSON.stringify(saved.options[key] ?? null);
    const is = JSON.stringify(now.options[key] ?? null);
    if (was !== is) changes.push(`${key} ${was} → ${is}`);
  }
  return changes;
}
