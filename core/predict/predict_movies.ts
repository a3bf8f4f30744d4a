/**
 * The one prediction path shared by `deno task predict` and the report site's "Try a movie" page: encode new
 * movies with collect's saved encoders, run them through the auto-encoder when the members were trained on its
 * codes, predict with every member, undo the target standardisation and combine. TensorFlow.js is passed in
 * (the environment's, with its backend chosen), never imported here.
 *
 * @module
 */
import type * as tfjs from "../tfjs.ts";
import type { MovieRecord } from "../collect/movie_record.ts";
import type { Encoders } from "../features/encoders.ts";
import { encodeMovie, featureNames } from "../features/encode_movie.ts";
import type { WordVectors } from "../features/word2vec.ts";
import type { MemberRecord } from "../train/member_record.ts";
import { unscaleTarget } from "../train/target_scaling.ts";
import { tabmPredictRows, type TabmTf } from "../models/tabm.ts";
import { isTabmModel, type TabmModel } from "../models/tabm_files.ts";
import { type CombinedScore, combineMembers } from "./combine_members.ts";
import { type ConformalCalibration, type PredictionInterval, predictionIntervals } from "./conformal.ts";
import { matchVocabularyCase } from "./match_vocabulary_case.ts";
import { type ClampedScore, clampScore, type OutOfRangeInput, outOfRangeInputs } from "./out_of_range.ts";
import { type UnknownInput, unknownInputs } from "./unknown_inputs.ts";

/** Rows per `predict` batch (tfjs's default, 32, makes large tables slow on the CPU backends). */
const PREDICT_BATCH = 1024;

/** The part of the TensorFlow.js namespace (`core/tfjs.ts`) used here. */
export type Tfjs = Pick<typeof tfjs, "tensor2d" | "tidy" | "model"> & TabmTf;

/** One trained member: its best checkpoint, and from its record what it reads and how its output maps back. */
export interface EnsembleMember extends Pick<MemberRecord, "k" | "input" | "target"> {
  /** A tfjs layers model (MLP) or a tabular model (`tabm_files.ts`). */
  model: tfjs.LayersModel | TabmModel;
}

/** Everything needed to predict a new movie. */
export interface Ensemble {
  encoders: Encoders;
  /** `null` when the encoders use no keyword vectors. */
  words: WordVectors | null;
  /** The whole auto-encoder (its first layer is the encoder); `null` when no member reads codes. */
  autoencoder: tfjs.LayersModel | null;
  members: EnsembleMember[];
  /** The calibrated prediction intervals (train's `conformal.json`); `null` when train made none. */
  conformal?: ConformalCalibration | null;
}

/**
 * One movie's prediction. `score` is the members' mean clamped to the target's valid range; `min`, `max`,
 * `spread` and the members' scores are as the members gave them.
 */
export interface MoviePrediction extends CombinedScore {
  title: string;
  /** Source line (or record number) of the movie. */
  line: number;
  /** Each member's score, in member order. */
  members: { k: number; score: number }[];
  /** The 80% and 95% prediction intervals of `score` (score points); empty without a calibration. */
  intervals: PredictionInterval[];
  /** The inputs the model did not know and how they were handled. */
  unknown: UnknownInput[];
  /** The numeric inputs outside the range of the training rows (the model extrapolates on them). */
  outOfRange: OutOfRangeInput[];
  /** How `score` was clamped to the target's valid range; `null` when it was within it. */
  clamped: ClampedScore | null;
}

/**
 * Encode `movies` into a row-major matrix with the saved encoders, exactly as collect encoded its held-out rows
 * (full-data target statistics). Shape: [movies, encoders.width].
 *
 * @throws {TypeError} when a value encodes to a non-finite number, naming the movie and the column.
 */
export function encodeMovies(
  movies: readonly MovieRecord[],
  encoders: Encoders,
  words: WordVectors | null,
): Float32Array {
  const width = encoders.width;
  const matrix = new Float32Array(movies.length * width);
  movies.forEach((movie, i) => encodeMovie(movie, encoders, words, {}, matrix, i * width));
  const bad = matrix.findIndex((v) => !Number.isFinite(v));
  if (bad >= 0) {
    const movie = movies[Math.floor(bad / width)];
    throw new TypeError(
      `Cannot encode movie ${JSON.stringify(movie.title)} (line ${movie.line}): column ${
        JSON.stringify(featureNames(encoders)[bad % width])
      } is ${matrix[bad]}`,
    );
  }
  return matrix;
}

/**
 * Predict `movies` with `ensemble` on `tf`'s current backend. Scores are in target units (IMDb points);
 * `score` is the members' mean (clamped to the target's valid range, and said so), `intervals` its calibrated
 * prediction intervals and `spread` the members' standard deviation; numeric inputs outside the training
 * range are listed. Names and categories that differ from the vocabulary only in case are read as the
 * vocabulary spells them.
 *
 * @throws {TypeError} when a member's input width does not match the encoders (or the auto-encoder's codes).
 */
export async function predictMovies(
  movies: readonly MovieRecord[],
  ensemble: Ensemble,
  tf: Tfjs,
): Promise<MoviePrediction[]> {
  const { encoders, words, autoencoder, members } = ensemble;
  if (members.length === 0) throw new RangeError("Cannot predict: the ensemble has no members");
  if (movies.length === 0) return [];
  const matched = movies.map((m) => matchVocabularyCase(m, encoders));
  const matrix = encodeMovies(matched, encoders, words);
  const raw = tf.tensor2d(matrix, [matched.length, encoders.width]);
  let codes: tfjs.Tensor | null = null;
  const scores: Float32Array[] = [];
  try {
    if (members.some((m) => m.input === "autoencoder")) {
      if (!autoencoder) {
        throw new TypeError(
          "Cannot predict: a member reads auto-encoder codes, but there is no auto-encoder",
        );
      }
      const encoder = tf.model({
        inputs: autoencoder.inputs,
        outputs: autoencoder.layers[0].output as tfjs.SymbolicTensor,
      });
      codes = tf.tidy(() => encoder.predict(raw, { batchSize: PREDICT_BATCH }) as tfjs.Tensor);
    }
    for (const member of members) {
      const model = member.model;
      if (isTabmModel(model)) {
        if (model.spec.inputs.width !== encoders.width) {
          throw new TypeError(
            `Cannot predict with member ${member.k}: it reads ${model.spec.inputs.width} inputs, the encoders give ${encoders.width}`,
          );
        }
        const x = { data: matrix, shape: [matched.length, encoders.width] as const };
        scores.push(await tabmPredictRows(tf, model.spec, model.weights, x, undefined, PREDICT_BATCH));
        continue;
      }
      const x = member.input === "autoencoder" ? codes! : raw;
      const want = model.inputs[0].shape[1];
      if (want !== x.shape[1]) {
        throw new TypeError(
          `Cannot predict with member ${member.k}: it reads ${want} ${member.input} inputs, the encoders give ${
            x.shape[1]
          }`,
        );
      }
      const out = tf.tidy(() => model.predict(x, { batchSize: PREDICT_BATCH }) as tfjs.Tensor);
      scores.push((await out.data()) as Float32Array);
      out.dispose();
    }
  } finally {
    raw.dispose();
    codes?.dispose();
  }
  return matched.map((movie, i) => {
    const each = members.map((m, j) => ({ k: m.k, score: unscaleTarget(scores[j][i], m.target) }));
    const combined = combineMembers(each.map((e) => e.score));
    const clamped = clampScore(combined.score, encoders);
    return {
      title: movie.title,
      line: movie.line,
      ...combined,
      ...clamped,
      intervals: ensemble.conformal ? predictionIntervals(clamped.score, ensemble.conformal) : [],
      members: each,
      unknown: unknownInputs(movie, encoders, words),
      outOfRange: outOfRangeInputs(movie, encoders),
    };
  });
}
