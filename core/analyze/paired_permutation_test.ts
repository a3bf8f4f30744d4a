/**
 * A permutation test for paired data: under H0 the two values of each pair are exchangeable, so swapping them
 * within any pair leaves the joint distribution unchanged.
 *
 * @module
 */
import type { Random } from "../random.ts";

/** A permutation test's outcome. */
export interface PermutationResult {
  statistic: number;
  pValue: number;
  /** `exact`: all 2ⁿ swaps; `random`: `resamples` random swaps (p-value counts the observed arrangement). */
  method: "exact" | "random";
  resamples: number;
}

/**
 * Test H0 "a[i] and b[i] are exchangeable within each pair" with `statistic(a, b)`, as
 * `scipy.stats.permutation_test((a, b), statistic, permutation_type="samples")`: with 2ⁿ ≤ `resamples` every
 * arrangement is enumerated (p-value = share of arrangements at least as extreme), otherwise `resamples` random
 * ones are drawn and p = (count + 1) / (resamples + 1). `greater`: large statistics are extreme; `two-sided`:
 * twice the smaller one-sided p-value.
 *
 * @param options.resamples @default 9999
 * @param options.alternative @default "greater"
 */
export function pairedPermutationTest(
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  statistic: (a: Float64Array, b: Float64Array) => number,
  rng: Random,
  { resamples = 9999, alternative = "greater" }: {
    resamples?: number;
    alternative?: "greater" | "two-sided";
  } = {},
): PermutationResult {
  const n = a.length;
  if (b.length !== n) {
    throw new TypeError(`Cannot run a paired permutation test: ${n} and ${b.length} values do not pair up`);
  }
  const x = Float64Array.from(a), y = Float64Array.from(b);
  const observed = statistic(x, y);
  const gamma = Math.abs(observed) * 100 * Number.EPSILON;
  const px = new Float64Array(n), py = new Float64Array(n);
  let less = 0, greater = 0;
  const count = (swap: (i: number) => boolean) => {
    for (let i = 0; i < n; i++) {
      const s = swap(i);
      px[i] = s ? y[i] : x[i];
      py[i] = s ? x[i] : y[i];
    }
    const t = statistic(px, py);
    if (t <= observed + gamma) less++;
    if (t >= observed - gamma) greater++;
  };
  const exact = n < 31 && 2 ** n <= resamples;
  const total = exact ? 2 ** n : resamples;
  if (exact) { for (let mask = 0; mask < total; mask++) count((i) => Boolean((mask >> i) & 1)); }
  else for (let r = 0; r < total; r++) count(() => rng.next() < 0.5);
  const adjust = exact ? 0 : 1;
  const pGreater = (greater + adjust) / (total + adjust);
  const pLess = (less + adjust) / (total + adjust);
  const pValue = alternative === "greater" ? pGreater : Math.min(1, 2 * Math.min(pGreater, pLess));
  return { statistic: observed, pValue, method: exact ? "exact" : "random", resamples: total };
}
