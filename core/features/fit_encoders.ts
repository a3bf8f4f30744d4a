/**
 * Fit the encoder blocks of a feature preset on the fitting (non-test) rows: vocabularies with a minimum count,
 * medians, means and standard deviations, and target statistics.
 *
 * @module
 */
import type { ColumnMap } from "../collect/column_map.ts";
import type { MovieRecord } from "../collect/movie_record.ts";
import type { EncoderBlock, Encoders, OneHotBlock, ValueSource } from "./encoders.ts";
import { blockWidth, signedLog1p } from "./encode_movie.ts";
import { movieValues } from "./movie_values.ts";
import { standardScale } from "./standard_scale.ts";
import { targetStatistics } from "./target_statistics.ts";
import { WORD2VEC_DEFAULTS } from "./word2vec.ts";
import { CLEAN_DEFAULTS } from "../collect/clean_movies.ts";
import { extent } from "../extent.ts";

/**
 * The feature presets: `default`, what predicts best; `seed`, the seed's 15 fields, encoded as the seed did;
 * `prerelease`, the default encoding of the fields known before a movie opens (the caller reads the movies
 * with `prereleaseMap`: the profile's `postRelease` fields left out).
 */
export const FEATURE_PRESETS = ["default", "seed", "prerelease"] as const;

/** One of {@link FEATURE_PRESETS}. */
export type FeaturePreset = typeof FEATURE_PRESETS[number];

/** The keyword vectors of each preset: their size, Word2Vec passes and minimum keyword count. */
export const PRESET_WORD_VECTORS: Record<
  FeaturePreset,
  { wordDim: number; wordEpochs: number; wordMinCount: number }
> = {
  default: {
    wordDim: WORD2VEC_DEFAULTS.dim,
    wordEpochs: WORD2VEC_DEFAULTS.epochs,
    wordMinCount: WORD2VEC_DEFAULTS.minCount,
  },
  seed: { wordDim: 300, wordEpochs: 5, wordMinCount: 1 },
  prerelease: {
    wordDim: WORD2VEC_DEFAULTS.dim,
    wordEpochs: WORD2VEC_DEFAULTS.epochs,
    wordMinCount: WORD2VEC_DEFAULTS.minCount,
  },
};

/** Options of {@link fitEncoders}; {@link FIT_ENCODER_DEFAULTS} holds their defaults. */
export interface FitEncoderOptions {
  /** One of {@link FEATURE_PRESETS} (`prerelease` is encoded as `default`). @default "default" */
  preset?: FeaturePreset;
  /** Recorded in the encoders. @default "impute" */
  missing?: "impute" | "drop";
  /** Categories (and genres) seen fewer times are folded into "other" (default preset). @default 5 */
  minCount?: number;
  /** Directors and actors seen fewer times get no one-hot column (default preset). @default 8 */
  peopleMinCount?: number;
  /**
   * One-hot columns per field at most, the most frequent values (default preset): bounds the width on large
   * tables (IMDb's 300k movies); the rest fold into "other" and reach the model through target encodings.
   * @default 256
   */
  maxVocab?: number;
  /** Word vector size; 0 for no keyword-vector block. @default the preset's (32; seed 300) */
  wordDim?: number;
  /** Target-encoding smoothing weight m (default preset). @default 10 */
  smoothing?: number;
}

/** The defaults of {@link FitEncoderOptions} (`wordDim`: see {@link PRESET_WORD_VECTORS}). */
export const FIT_ENCODER_DEFAULTS = {
  preset: "default",
  missing: CLEAN_DEFAULTS.missing,
  minCount: 5,
  peopleMinCount: 8,
  maxVocab: 256,
  smoothing: 10,
} as const satisfies Omit<Required<FitEncoderOptions>, "wordDim">;

function median(values: number[]): number {
  if (values.length === 0) return 0;
  const s = values.slice().sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

function vocabulary(
  movies: readonly MovieRecord[],
  source: ValueSource,
  minCount: number,
  maxVocab = Infinity,
): string[] {
  const counts = new Map<string, number>();
  for (const m of movies) {
    for (const v of new Set(movieValues(m, source))) counts.set(v, (counts.get(v) ?? 0) + 1);
  }
  return [...counts].filter(([, c]) => c >= minCount)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .slice(0, maxVocab)
    .map(([v]) => v);
}

/**
 * Fit encoders for `preset` on `movies` (the non-test rows only: the caller guarantees it). Blocks exist only
 * for the roles `map` provides.
 */
export function fitEncoders(
  movies: readonly MovieRecord[],
  map: ColumnMap,
  options: FitEncoderOptions = {},
): Encoders {
  const {
    preset = FIT_ENCODER_DEFAULTS.preset,
    missing = FIT_ENCODER_DEFAULTS.missing,
    minCount = FIT_ENCODER_DEFAULTS.minCount,
    peopleMinCount = FIT_ENCODER_DEFAULTS.peopleMinCount,
    maxVocab = FIT_ENCODER_DEFAULTS.maxVocab,
    wordDim = PRESET_WORD_VECTORS[preset].wordDim,
    smoothing = FIT_ENCODER_DEFAULTS.smoothing,
  } = options;
  const numbers = map.numbers ?? {};
  const categories = Object.keys(map.categories ?? {});
  const hasActors = (map.actors ?? []).length > 0;
  const blocks: EncoderBlock[] = [];
  const onehot = (
    group: string,
    source: ValueSource,
    min: number,
    other: boolean,
    prefix = "",
    vocab = vocabulary(movies, source, min, preset === "seed" ? Infinity : maxVocab),
  ): OneHotBlock => ({ kind: "onehot", group, prefix, source, vocab, other });
  const targets = movies.map((m) => m.target).filter((t): t is number => t !== null);
  const prior = targets.length ? targets.reduce((a, b) => a + b, 0) / targets.length : 0;

  if (preset === "seed") {
    if (categories.includes("color")) {
      blocks.push(onehot("cat", { role: "category", name: "color" }, 1, false, "color="));
    }
    if (map.director) blocks.push(onehot("director", { role: "director" }, 1, false));
    if (hasActors) {
      const vocab = vocabulary(movies, { role: "actors" }, 1);
      const positions = extent(movies.map((m) => m.actors.length)).max;
      for (let p = 0; p < positions; p++) {
        blocks.push(onehot("actor", { role: "actors", position: p }, 1, false, `actor${p + 1}=`, vocab));
      }
    }
    for (const name of ["country", "content_rating"]) {
      if (categories.includes(name)) {
        blocks.push(onehot("cat", { role: "category", name }, 1, false, `${name}=`));
      }
    }
    if (map.year) blocks.push(onehot("year", { role: "year" }, 1, false));
    if ("aspect_ratio" in numbers) {
      blocks.push(onehot("aspect", { role: "number", name: "aspect_ratio" }, 1, false));
    }
    if (map.genres) blocks.push(onehot("genre", { role: "genres" }, 1, false));
    if (map.keywords && wordDim > 0) {
      const slots = extent(movies.map((m) => m.keywords.length)).max;
      if (slots > 0) blocks.push({ kind: "wordConcat", group: "kw", dim: wordDim, slots });
    }
    for (const field of ["critic_reviews", "duration", "gross", "budget"]) {
      if (!(field in numbers)) continue;
      const present = movies.map((m) => m.numbers[field]).filter((v): v is number => v !== null);
      blocks.push({ kind: "minmax", group: "num", field, ...extent(present), median: median(present) });
    }
  } else {
    for (const [field, spec] of Object.entries(numbers)) {
      const present = movies.map((m) => m.numbers[field]).filter((v): v is number => v !== null);
      const med = median(present);
      const log = spec.scale === "log";
      const t = movies.map((m) => {
        const v = m.numbers[field];
        return log ? signedLog1p(v ?? med) : v ?? med;
      });
      const { mean, sd } = standardScale(t);
      // A constant column carries nothing to learn from: sd 0 encodes it as 0 whatever a new movie says.
      const constant = t.every((v) => v === t[0]);
      blocks.push({
        kind: "number",
        group: "num",
        field,
        log,
        median: med,
        mean,
        sd: constant ? 0 : sd,
        flag: present.length < movies.length,
        ...extent(present),
      });
    }
    for (const name of categories) {
      blocks.push(onehot("cat", { role: "category", name }, minCount, true, `${name}=`));
    }
    if (map.genres) blocks.push(onehot("genre", { role: "genres" }, minCount, true));
    if (map.keywords && wordDim > 0) blocks.push({ kind: "wordMean", group: "kw", dim: wordDim });
    if (map.director) {
      blocks.push(onehot("director", { role: "director" }, peopleMinCount, false));
      blocks.push({
        kind: "target",
        group: "te",
        name: "director",
        source: { role: "director" },
        stats: "director",
        reduce: "first",
        count: true,
      });
    }
    if (hasActors) {
      blocks.push(onehot("actor", { role: "actors" }, peopleMinCount, false));
      blocks.push({
        kind: "target",
        group: "te",
        name: "actors_mean",
        source: { role: "actors" },
        stats: "actors",
        reduce: "mean",
        count: true,
      });
      blocks.push({
        kind: "target",
        group: "te",
        name: "actors_max",
        source: { role: "actors" },
        stats: "actors",
        reduce: "max",
        count: false,
      });
      blocks.push({
        kind: "target",
        group: "te",
        name: "actor_1",
        source: { role: "actors", position: 0 },
        stats: "actors",
        reduce: "first",
        count: false,
      });
    }
    if (map.keywords) {
      blocks.push({
        kind: "target",
        group: "te",
        name: "keywords_mean",
        source: { role: "keywords" },
        stats: "keywords",
        reduce: "mean",
        count: true,
      });
    }
  }
  const usesTarget = blocks.some((b) => b.kind === "target");
  const encoders: Encoders = {
    schema: 1,
    preset,
    profile: map.name,
    map,
    missing,
    blocks,
    prior,
    smoothing,
    targetStats: usesTarget ? targetStatistics(movies) : {},
    width: blocks.reduce((a, b) => a + blockWidth(b), 0),
  };
  return encoders;
}
