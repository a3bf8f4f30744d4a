/**
 * Seeded pseudo-random numbers for everything in `core/` that needs chance (splits, bagging, shuffles, Word2Vec
 * initialisation). `Math.random` is never used: the same seed gives the same artifacts on every machine.
 *
 * @module
 */

/** The project's one default seed: every stage's `--seed` and every seeded core function default to it. */
export const DEFAULT_SEED = 42;

/** A source of uniform numbers in [0, 1), with helpers built on it. */
export interface Random {
  /** A uniform float in [0, 1). */
  next(): number;
  /** A uniform 32-bit unsigned integer: the draw `next()` divides by 2³² (four random bytes). */
  uint32(): number;
  /** A uniform integer in [0, n). */
  int(n: number): number;
  /** A standard normal deviate (Box–Muller). */
  normal(): number;
  /** A new array holding `items` in a random order (Fisher–Yates); the input is untouched. */
  shuffle<T>(items: readonly T[]): T[];
  /** The state, to save in a checkpoint and give back to {@link createRandom} to continue the same stream. */
  state(): number;
}

/**
 * Create a generator (mulberry32) from a 32-bit seed, or from a state saved by `state()`.
 *
 * @example
 * const rng = createRandom(42);
 * rng.shuffle([1, 2, 3]);
 */
export function createRandom(seed: number): Random {
  let s = seed >>> 0;
  const uint32 = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
  const next = () => uint32() / 4294967296;
  const rng: Random = {
    next,
    uint32,
    int: (n) => Math.floor(next() * n),
    normal: () => {
      const u = 1 - next();
      const v = next();
      return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    },
    shuffle: (items) => {
      const out = items.slice();
      for (let i = out.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [out[i], out[j]] = [out[j], out[i]];
      }
      return out;
    },
    state: () => s,
  };
  return rng;
}

/**
 * Derive an independent 32-bit seed from a base seed and a label, so that ensemble member `k` or a named stage
 * gets its own stream: `deriveSeed(42, "train", 2)`.
 */
export function deriveSeed(seed: number, ...labels: (string | number)[]): number {
  let h = (seed >>> 0) ^ 0x9e3779b9;
  for (const ch of labels.join("/")) {
    h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0;
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b) >>> 0;
  h ^= h >>> 13;
  return h >>> 0;
}
