/**
 * The Wilcoxon signed-rank test of a paired difference.
 *
 * @module
 */
import { normalCdf } from "./_distributions.ts";
import type { TestResult } from "./test_result.ts";

/** A signed-rank result, with the method that gave the p-value. */
export interface WilcoxonResult extends TestResult {
  /** `exact`: the null distribution of the rank sum; `permutation`: all 2ⁿ sign flips (ties, n ≤ 13); `normal`. */
  method: "exact" | "permutation" | "normal";
  /** Non-zero differences (zeros are dropped, Wilcoxon's rule). */
  n: number;
}

/** Average ranks (1-based) of `values`, and whether any tie occurred. */
function averageRanks(values: readonly number[]): { ranks: number[]; ties: number[] } {
  const order = values.map((_, i) => i).sort((a, b) => values[a] - values[b]);
  const ranks = new Array<number>(values.length);
  const ties: number[] = [];
  for (let i = 0; i < order.length;) {
    let j = i;
    while (j + 1 < order.length && values[order[j + 1]] === values[order[i]]) j++;
    const rank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) ranks[order[k]] = rank;
    ties.push(j - i + 1);
    i = j + 1;
  }
  return { ranks, ties };
}

/** The exact null distribution of W⁺ for n untied, non-zero differences: counts of each rank sum 0…n(n+1)/2. */
function rankSumCounts(n: number): Float64Array {
  const max = (n * (n + 1)) / 2;
  const counts = new Float64Array(max + 1);
  counts[0] = 1;
  for (let r = 1; r <= n; r++) {
    for (let s = max; s >= r; s--) counts[s] += counts[s - r];
  }
  return counts;
}

/**
 * Wilcoxon signed-rank test of H0: the differences `d` are symmetric about 0, two-sided, as
 * `scipy.stats.wilcoxon(d)` with its defaults (zeros dropped, no continuity correction, method "auto"): exact
 * for n ≤ 50 without ties or zeros, all 2ⁿ sign flips for n ≤ 13 with them, else the normal approximation
 * with the tie-corrected variance. The statistic is min(W⁺, W⁻), as SciPy reports it.
 *
 * @throws {RangeError} when every difference is 0.
 */
export function wilcoxonSignedRank(d: ArrayLike<number>): WilcoxonResult {
  const all = Array.from(d);
  const nonZero = all.filter((x) => x !== 0);
  const n = nonZero.length;
  if (n === 0) throw new RangeError("Cannot run a Wilcoxon signed-rank test: every difference is 0");
  const { ranks, ties } = averageRanks(nonZero.map(Math.abs));
  let plus = 0, minus = 0;
  nonZero.forEach((x, i) => (x > 0 ? (plus += ranks[i]) : (minus += ranks[i])));
  const statistic = Math.min(plus, minus);
  const hasTies = ties.some((t) => t > 1);
  const zeros = all.length - n;
  if (all.length <= 50 && !hasTies && zeros === 0) {
    const counts = rankSumCounts(n);
    const total = 2 ** n;
    let sf = 0, cdf = 0;
    for (let s = Math.floor(plus); s < counts.length; s++) sf += counts[s];
    for (let s = 0; s <= Math.ceil(plus); s++) cdf += counts[s];
    return { statistic, df: null, pValue: Math.min(1, (2 * Math.min(sf, cdf)) / total), method: "exact", n };
  }
  if (all.length <= 13) {
    // Every sign flip of the non-zero differences (SciPy flips the zeros too: they add nothing, and each of
    // their flips repeats the same rank sums, which leaves the shares unchanged).
    const flips = 2 ** n;
    const gamma = Math.abs(plus) * 1e-14;
    let less = 0, greater = 0;
    for (let mask = 0; mask < flips; mask++) {
      let w = 0;
      nonZero.forEach((x, i) => {
        if ((x > 0) !== Boolean((mask >> i) & 1)) w += ranks[i];
      });
      if (w <= plus + gamma) less++;
      if (w >= plus - gamma) greater++;
    }
    return {
      statistic,
      df: null,
      pValue: Math.min(1, (2 * Math.min(less, greater)) / flips),
      method: "permutation",
      n,
    };
  }
  const mean = (n * (n + 1)) / 4;
  const tieCorrection = ties.reduce((s, t) => s + t ** 3 - t, 0);
  const se = Math.sqrt((n * (n + 1) * (2 * n + 1) - tieCorrection / 2) / 24);
  const z = (plus - mean) / se;
  return { statistic, df: null, pValue: Math.min(1, 2 * normalCdf(-Math.abs(z))), method: "normal", n };
}
