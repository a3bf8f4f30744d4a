/**
 * A small, deterministic Word2Vec: skip-gram with negative sampling, single-threaded and seeded, so the same
 * sentences and seed give the same vectors on every machine.
 *
 * @module
 */
import { createRandom, DEFAULT_SEED } from "../random.ts";

/** Word vectors by word, in vocabulary order (most frequent first). Each vector has `dim` values. */
export interface WordVectors {
  dim: number;
  vectors: Map<string, Float32Array>;
}

/** Options of {@link trainWord2Vec}; {@link WORD2VEC_DEFAULTS} holds their defaults. */
export interface Word2VecOptions {
  /** Vector size. @default 32 */
  dim?: number;
  /** Passes over the sentences. @default 10 */
  epochs?: number;
  /** Context words each side; 0 means the whole sentence (keyword lists have no order). @default 0 */
  window?: number;
  /** Negative samples per positive pair. @default 5 */
  negative?: number;
  /** Words seen fewer times are left out. @default 2 */
  minCount?: number;
  /** Initial learning rate, decayed linearly to 1% of it. @default 0.025 */
  learningRate?: number;
  /** @default 42 ({@link DEFAULT_SEED}) */
  seed?: number;
}

/** The defaults of {@link Word2VecOptions} (also the `default` feature preset's keyword vectors). */
export const WORD2VEC_DEFAULTS = {
  dim: 32,
  epochs: 10,
  window: 0,
  negative: 5,
  minCount: 2,
  learningRate: 0.025,
  seed: DEFAULT_SEED,
} as const satisfies Required<Word2VecOptions>;

/**
 * Train skip-gram vectors on `sentences` (each a list of tokens). The vocabulary is ordered by count, then by
 * word, so the output order is stable.
 *
 * @throws {RangeError} for a non-positive dimension or epoch count.
 */
export function trainWord2Vec(sentences: readonly string[][], options: Word2VecOptions = {}): WordVectors {
  const {
    dim = WORD2VEC_DEFAULTS.dim,
    epochs = WORD2VEC_DEFAULTS.epochs,
    window = WORD2VEC_DEFAULTS.window,
    negative = WORD2VEC_DEFAULTS.negative,
    minCount = WORD2VEC_DEFAULTS.minCount,
    learningRate = WORD2VEC_DEFAULTS.learningRate,
    seed = WORD2VEC_DEFAULTS.seed,
  } = options;
  if (!Number.isInteger(dim) || dim < 1) throw new RangeError(`Cannot train Word2Vec: dimension ${dim} < 1`);
  if (!Number.isInteger(epochs) || epochs < 1) {
    throw new RangeError(`Cannot train Word2Vec: epochs ${epochs} < 1`);
  }
  const counts = new Map<string, number>();
  for (const s of sentences) for (const w of s) counts.set(w, (counts.get(w) ?? 0) + 1);
  const words = [...counts].filter(([, c]) => c >= minCount)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .map(([w]) => w);
  const id = new Map(words.map((w, i) => [w, i]));
  const V = words.length;
  const rng = createRandom(seed);
  const input = new Float32Array(V * dim);
  for (let i = 0; i < input.length; i++) input[i] = (rng.next() - 0.5) / dim;
  const output = new Float32Array(V * dim);

  // Unigram^0.75 sampling table.
  const tableSize = Math.max(1000, V * 20);
  const table = new Int32Array(tableSize);
  if (V > 0) {
    let total = 0;
    for (const w of words) total += Math.pow(counts.get(w)!, 0.75);
    let i = 0;
    let cumulative = Math.pow(counts.get(words[0])!, 0.75) / total;
    for (let t = 0; t < tableSize; t++) {
      table[t] = i;
      if ((t + 1) / tableSize > cumulative && i < V - 1) {
        i++;
        cumulative += Math.pow(counts.get(words[i])!, 0.75) / total;
      }
    }
  }

  const encoded = sentences.map((s) => s.map((w) => id.get(w)).filter((i): i is number => i !== undefined))
    .filter((s) => s.length > 1);
  let pairsTotal = 0;
  for (const s of encoded) {
    pairsTotal += s.length * (window > 0 ? Math.min(2 * window, s.length - 1) : s.length - 1);
  }
  const totalSteps = Math.max(1, pairsTotal * epochs);
  const grad = new Float32Array(dim);
  let step = 0;
  for (let epoch = 0; epoch < epochs; epoch++) {
    for (const s of encoded) {
      for (let a = 0; a < s.length; a++) {
        const lo = window > 0 ? Math.max(0, a - window) : 0;
        const hi = window > 0 ? Math.min(s.length - 1, a + window) : s.length - 1;
        for (let b = lo; b <= hi; b++) {
          if (b === a) continue;
          const lr = learningRate * Math.max(0.01, 1 - step / totalSteps);
          step++;
          const inOff = s[b] * dim;
          grad.fill(0);
          for (let n = 0; n <= negative; n++) {
            let target: number;
            let label: number;
            if (n === 0) {
              target = s[a];
              label = 1;
            } else {
              target = table[rng.int(tableSize)];
              if (target === s[a]) continue;
              label = 0;
            }
            const outOff = target * dim;
            let dot = 0;
            for (let d = 0; d < dim; d++) dot += input[inOff + d] * output[outOff + d];
            const sig = dot > 6 ? 1 : dot < -6 ? 0 : 1 / (1 + Math.exp(-dot));
            const g = (label - sig) * lr;
            for (let d = 0; d < dim; d++) {
              grad[d] += g * output[outOff + d];
              output[outOff + d] += g * input[inOff + d];
            }
          }
          for (let d = 0; d < dim; d++) input[inOff + d] += grad[d];
        }
      }
    }
  }
  const vectors = new Map<string, Float32Array>();
  words.forEach((w, i) => vectors.set(w, input.slice(i * dim, (i + 1) * dim)));
  return { dim, vectors };
}

/** Cosine similarity of two vectors of equal length (0 when either is all zeros). */
export function cosine(a: Float32Array, b: Float32Array): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i] * b[i];
    na += a[i] * a[i];
    nb += b[i] * b[i];
  }
  return na === 0 || nb === 0 ? 0 : dot / Math.sqrt(na * nb);
}
