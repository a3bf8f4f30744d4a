/**
 * Encode one movie into its feature vector with fitted encoders: the single function collect uses for every
 * row, and the one to use for a new movie so it is encoded exactly as the training rows were.
 *
 * @module
 */
import type { MovieRecord } from "../collect/movie_record.ts";
import type { EncoderBlock, Encoders, TargetStats } from "./encoders.ts";
import { movieValues, UNKNOWN } from "./movie_values.ts";
import { targetStat } from "./target_statistics.ts";
import type { WordVectors } from "./word2vec.ts";

/** Options of {@link encodeMovie}. */
export interface EncodeOptions {
  /**
   * Target statistics to use instead of `encoders.targetStats`: collect passes out-of-fold statistics for the
   * rows the encoders were fitted on, so no row sees its own target. @default encoders.targetStats
   */
  targetStats?: TargetStats;
  /**
   * Factor on the target-encoding counts: out-of-fold statistics see (folds − 1) / folds of the rows, so
   * collect passes folds / (folds − 1) for them to keep counts on the scale of the saved statistics. @default 1
   */
  countScale?: number;
}

/** Sign-preserving log1p. */
export const signedLog1p = (x: number): number => Math.sign(x) * Math.log1p(Math.abs(x));

/** Number of columns a block produces. */
export function blockWidth(block: EncoderBlock): number {
  switch (block.kind) {
    case "number":
      return block.flag ? 2 : 1;
    case "minmax":
      return 1;
    case "onehot":
      return block.vocab.length + (block.other ? 1 : 0);
    case "wordMean":
      return block.dim;
    case "wordConcat":
      return block.dim * block.slots;
    case "target":
      return block.count ? 2 : 1;
  }
}

/** The column names of `encoders`, `"group:name"`, one per column of {@link encodeMovie}'s output. */
export function featureNames(encoders: Encoders): string[] {
  const names: string[] = [];
  for (const b of encoders.blocks) {
    switch (b.kind) {
      case "number":
        names.push(`${b.group}:${b.field}`);
        if (b.flag) names.push(`missing:${b.field}`);
        break;
      case "minmax":
        names.push(`${b.group}:${b.field}`);
        break;
      case "onehot":
        for (const v of b.vocab) names.push(`${b.group}:${b.prefix}${v}`);
        if (b.other) names.push(`${b.group}:${b.prefix}(other)`);
        break;
      case "wordMean":
        for (let d = 0; d < b.dim; d++) names.push(`${b.group}:mean_${d}`);
        break;
      case "wordConcat":
        for (let s = 0; s < b.slots; s++) {
          for (let d = 0; d < b.dim; d++) names.push(`${b.group}:${s + 1}_${d}`);
        }
        break;
      case "target":
        names.push(`${b.group}:${b.name}`);
        if (b.count) names.push(`${b.group}:${b.name}_count`);
        break;
    }
  }
  return names;
}

const vocabIndex = new WeakMap<string[], Map<string, number>>();
function indexOf(vocab: string[], value: string): number {
  let map = vocabIndex.get(vocab);
  if (!map) {
    map = new Map(vocab.map((v, i) => [v, i]));
    vocabIndex.set(vocab, map);
  }
  return map.get(value) ?? -1;
}

/**
 * Encode `movie` into `encoders.width` values (written into `out` at `offset` when given, else a new array).
 * Missing numbers take the fitted median (and set their flag), unseen categories go to "other" (or nowhere),
 * unknown keywords are skipped, unseen names get the target-encoding prior.
 *
 * Shape: [encoders.width].
 */
export function encodeMovie(
  movie: MovieRecord,
  encoders: Encoders,
  words: WordVectors | null,
  options: EncodeOptions = {},
  out: Float32Array = new Float32Array(encoders.width),
  offset = 0,
): Float32Array {
  const { targetStats = encoders.targetStats, countScale = 1 } = options;
  let c = offset;
  for (const b of encoders.blocks) {
    switch (b.kind) {
      case "number": {
        const raw = movie.numbers[b.field];
        const missing = raw === null || raw === undefined;
        const x = missing ? b.median : raw;
        const t = b.log ? signedLog1p(x) : x;
        out[c++] = b.sd > 0 ? (t - b.mean) / b.sd : 0;
        if (b.flag) out[c++] = missing ? 1 : 0;
        break;
      }
      case "minmax": {
        const raw = movie.numbers[b.field];
        const x = raw === null || raw === undefined ? b.median : raw;
        out[c++] = b.max > b.min ? (100 * (x - b.min)) / (b.max - b.min) : 0;
        break;
      }
      case "onehot": {
        const values = movieValues(movie, b.source);
        for (const v of values) {
          const i = indexOf(b.vocab, v);
          if (i >= 0) out[c + i] = 1;
          else if (b.other) out[c + b.vocab.length] = 1;
        }
        c += b.vocab.length + (b.other ? 1 : 0);
        break;
      }
      case "wordMean": {
        let n = 0;
        for (const token of movieValues(movie, { role: "keywords" })) {
          const v = words?.vectors.get(token);
          if (!v) continue;
          n++;
          for (let d = 0; d < b.dim; d++) out[c + d] += v[d];
        }
        if (n > 1) { for (let d = 0; d < b.dim; d++) out[c + d] /= n; }
        c += b.dim;
        break;
      }
      case "wordConcat": {
        const tokens = movieValues(movie, { role: "keywords" }).slice(0, b.slots);
        tokens.forEach((token, s) => {
          const v = words?.vectors.get(token);
          if (v) out.set(v, c + s * b.dim);
        });
        c += b.dim * b.slots;
        break;
      }
      case "target": {
        const stats = targetStats[b.stats] ?? {};
        const m = encoders.smoothing;
        const values = movieValues(movie, b.source).filter((v) => v !== UNKNOWN);
        const scored = (b.reduce === "first" ? values.slice(0, 1) : values).map((v) => {
          const [n, sum] = targetStat(stats, v) ?? [0, 0];
          return { te: n + m > 0 ? (sum - n * encoders.prior) / (n + m) : 0, n };
        });
        let te = 0;
        let n = 0;
        if (scored.length > 0) {
          if (b.reduce === "max") te = Math.max(...scored.map((s) => s.te));
          else if (b.reduce === "min") te = Math.min(...scored.map((s) => s.te));
          else te = scored.reduce((a, s) => a + s.te, 0) / scored.length;
          n = scored.reduce((a, s) => a + s.n, 0) / scored.length;
        }
        out[c++] = te;
        if (b.count) out[c++] = Math.log1p(n * countScale);
        break;
      }
    }
  }
  return out;
}
