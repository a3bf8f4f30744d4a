/**
 * What a checkpoint folder's `state.json` holds: where the training loop is ({@link TrainingState}), what the
 * model is (a {@link MemberRecord} for an ensemble member, its shape for the auto-encoder), the configuration
 * it ran with, the layout of the optimiser's and live weights, and a checksum of every file beside it.
 *
 * @module
 */
import type * as tf from "../tfjs.ts";
import type { TrainingState } from "./fit_model.ts";
import type { Fingerprint } from "./fingerprint.ts";
import type { MemberRecord } from "./member_record.ts";
import type { OptimizerExtras } from "./optimizer_state.ts";
import type { TrainConfig } from "./train_config.ts";

/** What `state.json` keeps of the optimiser: its extras and the layout of `optimizer.bin`. */
export type SavedOptimizer = OptimizerExtras & { weights: tf.io.WeightsManifestEntry[] };

/** SHA-256 of each file of a checkpoint folder (`model.json`, `weights.bin`, …), by file name. */
export type CheckpointFiles = Record<string, string>;

/** The auto-encoder's state. */
export interface AutoencoderState extends TrainingState {
  kind: "autoencoder";
  inputDim: number;
  /** Code width. */
  dims: number;
  fingerprint: Fingerprint;
  config: TrainConfig;
}

/** An ensemble member's state. */
export interface MemberState extends TrainingState, MemberRecord {
  config: TrainConfig;
}

/** The state of either kind of model. */
export type ModelState = AutoencoderState | MemberState;

/**
 * `state.json`: the model's state plus what restores the optimiser and, when the model holds averaged
 * weights, the layout of `live.bin` (the weights training continues from), and the files' checksums.
 */
export type CheckpointState<S extends object = ModelState> = S & {
  optimizer: SavedOptimizer | null;
  liveWeights?: tf.io.WeightsManifestEntry[];
  files: CheckpointFiles;
};
