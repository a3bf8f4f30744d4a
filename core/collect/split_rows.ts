/**
 * The seeded test split and the K bags of the ensemble.
 *
 * @module
 */
import type { TestIndex, TrainIndex } from "../artifacts.ts";
import { createRandom, DEFAULT_SEED, deriveSeed } from "../random.ts";

/** The smallest test set collect makes unless told otherwise (`--allow-small`): fewer rows say little. */
export const MIN_TEST_ROWS = 20;

/** Options of {@link splitRows}; {@link SPLIT_DEFAULTS} holds their defaults. */
export interface SplitOptions {
  /** @default 42 ({@link DEFAULT_SEED}) */
  seed?: number;
  /** Share of rows held out for the test set, rounded up. @default 0.15 */
  testFraction?: number;
  /** Number of bags (ensemble members). @default 3 */
  k?: number;
  /** Share of the non-test rows in each bag, rounded; the rest is the bag's validation set. @default 0.9 */
  bagFraction?: number;
  /** The fewest test rows accepted. @default 1 */
  minTest?: number;
}

/** The defaults of {@link SplitOptions}. */
export const SPLIT_DEFAULTS = {
  seed: DEFAULT_SEED,
  testFraction: 0.15,
  k: 3,
  bagFraction: 0.9,
  minTest: 1,
} as const satisfies Required<SplitOptions>;

/** The test set and bags 1..K. */
export interface Split {
  test: TestIndex;
  bags: TrainIndex[];
}

/**
 * Split `n` rows: `ceil(testFraction · n)` seeded test rows, then K bags, each a seeded random `bagFraction` of
 * the non-test rows, the rest of them its validation set. All index lists are sorted.
 *
 * @throws {RangeError} for fractions outside (0, 1), K < 1, too few rows, or fewer test rows than `minTest`.
 */
export function splitRows(n: number, options: SplitOptions = {}): Split {
  const {
    seed = SPLIT_DEFAULTS.seed,
    testFraction = SPLIT_DEFAULTS.testFraction,
    k = SPLIT_DEFAULTS.k,
    bagFraction = SPLIT_DEFAULTS.bagFraction,
    minTest = SPLIT_DEFAULTS.minTest,
  } = options;
  if (!(testFraction > 0 && testFraction < 1)) {
    throw new RangeError(`Cannot split rows: test fraction ${testFraction} is not in (0, 1)`);
  }
  if (!(bagFraction > 0 && bagFraction < 1)) {
    throw new RangeError(`Cannot split rows: bag fraction ${bagFraction} is not in (0, 1)`);
  }
  if (!Number.isInteger(k) || k < 1) {
    throw new RangeError(`Cannot split rows: K ${k} is not a positive integer`);
  }
  const nTest = Math.ceil(testFraction * n);
  const nRest = n - nTest;
  const nBag = Math.round(bagFraction * nRest);
  if (n > 0 && nTest < minTest) {
    throw new RangeError(
      `Cannot split ${n} rows: the test set would have ${nTest} (${
        Math.round(testFraction * 100)
      }%), fewer than ${minTest}; use more movies, a larger --test-fraction, or --allow-small to go on anyway`,
    );
  }
  if (nTest < 1 || nBag < 1 || nBag >= nRest) {
    throw new RangeError(`Cannot split ${n} rows: too few for a test set and bags with validation rows`);
  }
  const byIndex = (a: number, b: number) => a - b;
  const order = createRandom(deriveSeed(seed, "test")).shuffle(Array.from({ length: n }, (_, i) => i));
  const test = order.slice(0, nTest).sort(byIndex);
  const rest = order.slice(nTest).sort(byIndex);
  const bags: TrainIndex[] = [];
  for (let b = 1; b <= k; b++) {
    const shuffled = createRandom(deriveSeed(seed, "bag", b)).shuffle(rest);
    bags.push({
      k: b,
      seed: deriveSeed(seed, "bag", b),
      train: shuffled.slice(0, nBag).sort(byIndex),
      validation: shuffled.slice(nBag).sort(byIndex),
    });
  }
  return { test: { seed, test }, bags };
}
