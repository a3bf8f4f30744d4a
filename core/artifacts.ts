/**
 * The contract between stages: where each artifact lives under the output folder (`--out`, default
 * `artifacts/`) and what it holds. Data flows forward only: collect → train → analyze → site.
 *
 * @module
 */
import type { MemberRecord } from "./train/member_record.ts";

/** The output folder every stage reads and writes unless `--out` names another. */
export const DEFAULT_OUT = "artifacts";

/** The folder the site stage writes the report site to unless `--site-out` names another. */
export const DEFAULT_SITE = "_site";

/** Paths relative to the output folder. */
export const PATHS = {
  /** Everything collect writes (replaced as a whole, atomically). */
  trainingData: "training_data",
  /** Shape: [rows, features], float32. Row i is the movie `rows.json[i]`. */
  inputVectors: "training_data/input_vectors.npy",
  /** Shape: [rows], float32: the target score (IMDb rating, 0–10). */
  outputData: "training_data/output_data.npy",
  /** `string[]`, one per column of input_vectors; the group is the part before the first ":" (`num:budget`). */
  featureNames: "training_data/feature_names.json",
  /** Fitted encoder state (vocabularies, scalers, medians), to encode new movies exactly as training rows. */
  encoders: "training_data/encoders.json",
  /** {@link RowInfo}[], one per vector row, in order. */
  rows: "training_data/rows.json",
  /** Word2Vec keyword vectors in the standard word2vec text format. */
  wordModel: "training_data/word_model.txt",
  /** {@link TestIndex}. */
  testIndex: "training_data/test_index.json",
  /** {@link TrainIndex} of bag k (1-based). */
  trainIndex: (k: number) => `training_data/train${k}_index.json`,
  /** {@link CollectManifest}. */
  manifest: "training_data/manifest.json",

  /** Auto-encoder checkpoints: `epoch-N/` folders. */
  autoencoderCheckpoints: "training_data/autoen_training_weights",
  /** Shape: [rows, aeDims], float32: input_vectors through the auto-encoder's encoder. */
  transformed: "transformed_data/transformed_data.npy",
  /** Which auto-encoder checkpoint (epoch and fingerprint) made `transformed_data.npy`. */
  transformedInfo: "transformed_data/transformed_data.json",
  /** Regressor checkpoints of bag k: `epoch-N/` folders and `best/`. */
  regressorCheckpoints: (k: number) => `imdb_training_data/train${k}`,
  /** {@link TrainSummary}. */
  trainSummary: "prediction_results/train_summary.json",

  /** Prediction CSVs and copies of the index files, as in the seed. */
  predictionResults: "prediction_results",
  /** CSV with header {@link PREDICTION_COLUMNS}: member k's prediction of every test row. */
  prediction: (k: number) => `prediction_results/movie_prediction_${k}.csv`,
  /** CSV with header {@link PREDICTION_COLUMNS}: member k's prediction of the rows its bag left out. */
  outOfBag: (k: number) => `prediction_results/oob_prediction_${k}.csv`,
  /** `ConformalCalibration` (core/predict/conformal.ts): the prediction intervals' half-widths. */
  conformal: "prediction_results/conformal.json",
  /** The seed's formatted predictions, written by analyze. */
  formatted: (k: number) => `prediction_results/formatted_predictions/formatted_${k}.csv`,

  /** The analyze stage's output, the only input of the site. */
  report: "report/report.json",

  /** Held (locked) by the stage writing the folder, with its pid: a second run refuses to start. */
  lock: ".lock",
} as const;

/** One vector row's origin, so every result can be joined back to the source table. */
export interface RowInfo {
  /** 1-based line of the source file where the row starts (the header is line 1); for JSON, 1-based record. */
  line: number;
  /** The movie's id or link in the source (IMDB 5000: movie_imdb_link), or the title where there is none. */
  id: string;
  title: string;
  year: number | null;
  director: string | null;
  genres: string[];
}

/** `test_index.json`: the held-out rows (indices into the vector rows), sorted. */
export interface TestIndex {
  seed: number;
  test: number[];
}

/** `train{k}_index.json`: bag k's training rows and the non-test rows it left out (its validation set). */
export interface TrainIndex {
  k: number;
  seed: number;
  train: number[];
  validation: number[];
}

/** Rows dropped for one reason: how many, and the first few source lines. */
export interface DropCount {
  count: number;
  lines: number[];
}

/** `manifest.json`, written last by collect. */
export interface CollectManifest {
  schema: 1;
  profile: string;
  input: { path: string; sha256: string; bytes: number; records: number };
  rows: { kept: number; test: number; train: number[]; validation: number[] };
  dropped: Record<string, DropCount>;
  features: { count: number; groups: Record<string, number> };
  config: Record<string, unknown>;
  versions: Record<string, string>;
  /** Seconds per step. */
  timings: Record<string, number>;
  createdAt: string;
}

/** Header of every `movie_prediction_{k}.csv`. `row` indexes the vector rows; `line` is the source line. */
export const PREDICTION_COLUMNS = ["row", "line", "title", "Real_Score", "Predicted_Score"] as const;

/** One line of a prediction CSV. */
export interface PredictionRow {
  row: number;
  line: number;
  title: string;
  Real_Score: number;
  Predicted_Score: number;
}

/** Per-member outcome of training: the member's record (what predicts) and how its training went. */
export interface MemberSummary extends MemberRecord {
  /** Epochs trained. */
  epochs: number;
  bestValLoss: number;
  seconds: number;
  /** RMSE of this member on the test rows (score units), for the record. */
  testRmse?: number;
}

/** SHA-256 digests of the collect artifacts that train's predictions were made from. */
export interface PredictionData {
  /** `input_vectors.npy` (shape and values). */
  vectors: string;
  /** `output_data.npy`. */
  targets: string;
  /** The test rows (`test_index.json`'s `test`). */
  test: string;
}

/**
 * `train_summary.json`, written by train after predict. Its `members` are the ensemble: analyze, the site
 * and predict use exactly these, and train removes the prediction CSVs of any other.
 */
export interface TrainSummary {
  /** What the predictions were made from (analyze refuses predictions of other data). */
  data: PredictionData;
  backend: string;
  adapter: string | null;
  config: Record<string, unknown>;
  autoencoder: { epochs: number; loss: number; seconds: number } | null;
  members: MemberSummary[];
  /** Seconds per stage. */
  timings: Record<string, number>;
  versions: Record<string, string>;
  /** RMSE of the members' mean prediction on the test rows (score units), for the record. */
  testRmse?: number;
}
