/**
 * From clean movies and a test split to the feature matrix: Word2Vec and encoders fitted on the non-test rows,
 * out-of-fold target statistics for those rows, then {@link encodeMovie} for every row.
 *
 * @module
 */
import type { ColumnMap } from "../collect/column_map.ts";
import type { MovieRecord } from "../collect/movie_record.ts";
import { createRandom, DEFAULT_SEED, deriveSeed } from "../random.ts";
import type { Encoders, TargetStats } from "./encoders.ts";
import { encodeMovie, featureNames } from "./encode_movie.ts";
import {
  FIT_ENCODER_DEFAULTS,
  type FitEncoderOptions,
  fitEncoders,
  PRESET_WORD_VECTORS,
} from "./fit_encoders.ts";
import { keywordToken } from "./movie_values.ts";
import { targetStatistics } from "./target_statistics.ts";
import { trainWord2Vec, type WordVectors } from "./word2vec.ts";

/**
 * Options of {@link buildFeatures}; {@link BUILD_FEATURES_DEFAULTS} and, for the keyword vectors, the preset's
 * {@link PRESET_WORD_VECTORS} hold their defaults.
 */
export interface BuildFeaturesOptions extends FitEncoderOptions {
  /** @default 42 ({@link DEFAULT_SEED}) */
  seed?: number;
  /** Word2Vec passes. @default the preset's (10; seed 5) */
  wordEpochs?: number;
  /** Keywords seen fewer times get no vector. @default the preset's (2; seed 1) */
  wordMinCount?: number;
  /** Folds for out-of-fold target encoding of the non-test rows. @default 5 */
  targetFolds?: number;
}

/** The defaults of {@link BuildFeaturesOptions} beyond the fit options and the preset's word vectors. */
export const BUILD_FEATURES_DEFAULTS = { seed: DEFAULT_SEED, targetFolds: 5 } as const;

/**
 * The largest feature matrix collect makes, in bytes: 4 GiB, what a wasm training worker can address at all.
 * The seed preset one-hot encodes every director, actor and year: on an IMDb dump that would be hundreds of GB.
 */
export const MAX_MATRIX_BYTES = 4 * 2 ** 30;

/** The encoded dataset. */
export interface Features {
  encoders: Encoders;
  /** `null` when the profile has no keywords or the word dimension is 0. */
  words: WordVectors | null;
  /** Shape: [rows, width], row-major. */
  matrix: Float32Array;
  width: number;
  /** One per column, `"group:name"`. */
  names: string[];
  /** Shape: [rows]. */
  targets: Float32Array;
  /** Seconds per step. */
  timings: Record<string, number>;
}

/**
 * Encode `movies` (all with a target). Everything fitted (word vectors, vocabularies, scalers, target
 * statistics) sees only the rows not in `testRows`; each of those rows gets target statistics from the other
 * folds, never its own target.
 *
 * @param testRows Indices into `movies` of the held-out rows.
 */
export function buildFeatures(
  movies: readonly MovieRecord[],
  testRows: readonly number[],
  map: ColumnMap,
  options: BuildFeaturesOptions = {},
): Features {
  const presetWords = PRESET_WORD_VECTORS[options.preset ?? FIT_ENCODER_DEFAULTS.preset];
  const {
    seed = BUILD_FEATURES_DEFAULTS.seed,
    wordEpochs = presetWords.wordEpochs,
    wordMinCount = presetWords.wordMinCount,
    targetFolds = BUILD_FEATURES_DEFAULTS.targetFolds,
    wordDim = presetWords.wordDim,
  } = options;
  const timings: Record<string, number> = {};
  let t0 = performance.now();
  const lap = (name: string) => {
    const t = performance.now();
    timings[name] = Math.round(t - t0) / 1000;
    t0 = t;
  };
  const isTest = new Uint8Array(movies.length);
  for (const i of testRows) isTest[i] = 1;
  const fitRows = movies.map((_, i) => i).filter((i) => !isTest[i]);
  const fitMovies = fitRows.map((i) => movies[i]);

  const words = map.keywords && wordDim > 0
    ? trainWord2Vec(fitMovies.map((m) => m.keywords.map(keywordToken)), {
      dim: wordDim,
      epochs: wordEpochs,
      minCount: wordMinCount,
      seed: deriveSeed(seed, "word2vec"),
    })
    : null;
  lap("word2vec");

  const encoders = fitEncoders(fitMovies, map, { ...options, wordDim });
  const fold = new Int32Array(movies.length).fill(-1);
  const foldStats: TargetStats[] = [];
  if (encoders.blocks.some((b) => b.kind === "target")) {
    const order = createRandom(deriveSeed(seed, "target-folds")).shuffle(fitRows);
    order.forEach((row, j) => (fold[row] = j % targetFolds));
    for (let f = 0; f < targetFolds; f++) {
      foldStats.push(targetStatistics(fitRows.filter((i) => fold[i] !== f).map((i) => movies[i])));
    }
  }
  lap("fit");

  const width = encoders.width;
  const bytes = movies.length * width * 4;
  if (bytes > MAX_MATRIX_BYTES) {
    throw new RangeError(
      `Cannot encode ${movies.length} movies × ${width} columns (--features ${encoders.preset}): the matrix ` +
        `would take ${(bytes / 2 ** 30).toFixed(1)} GiB, over the ${MAX_MATRIX_BYTES / 2 ** 30} GiB that ` +
        `training can hold; use --features default (one-hot capped by --max-vocab), fewer movies ` +
        `(--min-votes) or a smaller --max-vocab`,
    );
  }
  const matrix = new Float32Array(movies.length * width);
  const targets = new Float32Array(movies.length);
  movies.forEach((movie, i) => {
    const options = fold[i] >= 0
      ? { targetStats: foldStats[fold[i]], countScale: targetFolds / (targetFolds - 1) }
      : {};
    encodeMovie(movie, encoders, words, options, matrix, i * width);
    targets[i] = movie.target ?? NaN;
  });
  lap("encode");
  return { encoders, words, matrix, width, names: featureNames(encoders), targets, timings };
}
