/**
 * The fitted encoder state saved as `encoders.json`: an ordered list of blocks, each turning one part of a
 * {@link MovieRecord} into columns. Everything in it was fitted on non-test rows only.
 *
 * @module
 */
import type { ColumnMap } from "../collect/column_map.ts";
import type { FeaturePreset } from "./fit_encoders.ts";

/** Where a block reads its values from: each yields a list of strings (possibly empty). */
export type ValueSource =
  | { role: "director" }
  /** All actors (shared vocabulary), or the one at 0-based billing `position`. */
  | { role: "actors"; position?: number }
  | { role: "genres" }
  | { role: "keywords" }
  | { role: "category"; name: string }
  /** A number or the year read as a category (the seed one-hot encodes year and aspect ratio). */
  | { role: "number"; name: string }
  | { role: "year" };

/** log1p (sign-preserving) or identity, then standardised; missing → median, and a 0/1 flag column. */
export interface NumberBlock {
  kind: "number";
  group: string;
  field: string;
  log: boolean;
  /** Median of the raw values. */
  median: number;
  /** Mean and standard deviation after the transform; sd 0 for a constant column, which always encodes 0. */
  mean: number;
  sd: number;
  /** Whether a `missing:<field>` flag column follows. */
  flag: boolean;
  /** The smallest and largest raw value seen in training (absent in encoders saved before they were kept). */
  min?: number;
  max?: number;
}

/** Min-max scaled to 0–100 (the seed's scaling); missing → median. */
export interface MinMaxBlock {
  kind: "minmax";
  group: string;
  field: string;
  min: number;
  max: number;
  median: number;
}

/** One column per vocabulary value (multi-hot for list sources), plus an "other" column when `other`. */
export interface OneHotBlock {
  kind: "onehot";
  group: string;
  /** Column name prefix (`actor1=`) or "" . */
  prefix: string;
  source: ValueSource;
  vocab: string[];
  other: boolean;
}

/** The mean of the keyword vectors a movie has (zeros when none is known): `dim` columns. */
export interface WordMeanBlock {
  kind: "wordMean";
  group: string;
  dim: number;
}

/** The keyword vectors concatenated by position, up to `slots` keywords (the seed): `slots · dim` columns. */
export interface WordConcatBlock {
  kind: "wordConcat";
  group: string;
  dim: number;
  slots: number;
}

/**
 * Smoothed target mean of the source's values, minus the prior: `(sum + m·prior) / (count + m) − prior`, computed as `(sum − count·prior) / (count + m)`, reduced
 * over a movie's values by `reduce`. `count` adds a `log1p(count)` column (how well known the values are).
 */
export interface TargetBlock {
  kind: "target";
  group: string;
  name: string;
  source: ValueSource;
  /** Key into {@link Encoders.targetStats}. */
  stats: string;
  reduce: "mean" | "max" | "min" | "first";
  count: boolean;
}

/** One encoder block. */
export type EncoderBlock =
  | NumberBlock
  | MinMaxBlock
  | OneHotBlock
  | WordMeanBlock
  | WordConcatBlock
  | TargetBlock;

/** Per-value target statistics: value → [count, sum of targets]. */
export type TargetStats = Record<string, Record<string, [number, number]>>;

/** `encoders.json`. */
export interface Encoders {
  schema: 1;
  preset: FeaturePreset;
  profile: string;
  /** The column map the movies were read with, so a new source row can be read the same way. */
  map: ColumnMap;
  /** How missing categories were handled ("impute": the value "unknown"). */
  missing: "impute" | "drop";
  blocks: EncoderBlock[];
  /** Mean target of the fitting rows (the target-encoding prior). */
  prior: number;
  /** Target-encoding smoothing weight m. */
  smoothing: number;
  targetStats: TargetStats;
  /** Number of columns {@link encodeMovie} produces. */
  width: number;
}
