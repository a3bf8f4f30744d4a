/**
 * `try/predictor.json`: what the report site's "Try a movie" page loads, written by the site build next to the
 * copied models. Paths are relative to the manifest's folder.
 *
 * @module
 */
import type { ConformalCalibration } from "./conformal.ts";

import type { MemberRecord } from "../train/member_record.ts";

/** One member's copied best checkpoint: its record, as in train's summary, and where its model is. */
export interface ManifestMember extends MemberRecord {
  /** tfjs layers `model.json` (its `weights.bin` beside it). */
  model: string;
}

/** The manifest. */
export interface PredictorManifest {
  schema: 1;
  /** The saved encoders (`encoders.json`). */
  encoders: string;
  /** Word2Vec text with the vectors the encoders may use; `null` when they use none. */
  words: string | null;
  /** The auto-encoder's `model.json`; `null` when no member reads its codes. */
  autoencoder: string | null;
  members: ManifestMember[];
  /** The prediction intervals' calibration (train's `conformal.json`); `null` when train made none. */
  conformal: ConformalCalibration | null;
  /** Bytes of every file the page loads (relative to the site root), their sum, and the sum gzipped. */
  bytes: { files: Record<string, number>; total: number; gzip: number };
}

/** What the site build tells the "Try a movie" template: the form, or why there is none. */
export type TryPageData =
  | { available: false; reason: string }
  | {
    available: true;
    /** The form fields (see `input_fields.ts`). */
    fields: import("./input_fields.ts").InputField[];
    /** Member numbers. */
    members: number[];
    /** Whether the members read the auto-encoder's codes. */
    autoencoder: boolean;
    /** The profile the encoders were fitted on. */
    profile: string;
    bytes: PredictorManifest["bytes"];
  };
