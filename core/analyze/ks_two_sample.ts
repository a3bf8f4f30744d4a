/**
 * The two-sample Kolmogorov–Smirnov test, with SciPy's exact p-value for samples of up to 10 000 values and its
 * asymptotic one beyond.
 *
 * @module
 */
import { kolmogorovSf } from "./kolmogorov_distribution.ts";
import type { TestResult } from "./test_result.ts";

/** How the p-value is computed: `auto` is exact when both samples have at most 10 000 values. */
export type KsMethod = "auto" | "exact" | "asymptotic";

/** A two-sample KS result, with the method that gave the p-value. */
export interface KsResult extends TestResult {
  method: "exact" | "asymptotic";
}

/** SciPy's limit of `method="auto"`: exact when max(n₁, n₂) ≤ this. */
export const KS_EXACT_MAX_N = 10_000;

/**
 * P(D ≥ h·g/(n₁n₂)) under H0, for continuous data: the share of the lattice paths from (0, 0) to (n₁, n₂) that
 * touch |i·n₂ − j·n₁| ≥ h·g. Every path is equally likely, so the walk is a Markov chain whose step probabilities
 * are the remaining counts; the p-value is the sum of the probability that leaves the band, a sum of positive
 * terms that stays accurate in the far tail. O(n₁·n₂) time, O(n₂) memory.
 */
function exactPValue(n1: number, n2: number, bound: number): number {
  const outside = (i: number, j: number) => Math.abs(i * n2 - j * n1) >= bound;
  let row = new Float64Array(n2 + 1);
  row[0] = 1;
  let exit = 0;
  for (let i = 0; i <= n1; i++) {
    for (let j = 0; j < n2; j++) {
      const mass = row[j];
      if (mass === 0) continue;
      const up = (mass * (n2 - j)) / (n1 + n2 - i - j);
      if (outside(i, j + 1)) exit += up;
      else row[j + 1] += up;
    }
    if (i === n1) break;
    const next = new Float64Array(n2 + 1);
    for (let j = 0; j <= n2; j++) {
      const mass = row[j];
      if (mass === 0) continue;
      const right = (mass * (n1 - i)) / (n1 + n2 - i - j);
      if (outside(i + 1, j)) exit += right;
      else next[j] += right;
    }
    row = next;
  }
  return Math.min(1, exit);
}

/**
 * Two-sample Kolmogorov–Smirnov test of H0: a and b come from the same continuous distribution, two-sided, as
 * `scipy.stats.ks_2samp(a, b, method=…)`. D is the largest distance between the two empirical CDFs (ties
 * handled as SciPy does). The exact p-value counts lattice paths (Hodges 1958); the asymptotic one is
 * `kstwo.sf(D, round(n₁n₂/(n₁ + n₂)))`. With ties the exact p-value is that of continuous data, as in SciPy.
 *
 * @param options.method @default "auto"
 */
export function ksTwoSample(
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  { method = "auto" }: { method?: KsMethod } = {},
): KsResult {
  if (a.length === 0 || b.length === 0) {
    throw new RangeError(
      `Cannot run a Kolmogorov–Smirnov test: a sample is empty (${a.length}, ${b.length})`,
    );
  }
  const x = Float64Array.from(a).sort();
  const y = Float64Array.from(b).sort();
  const n1 = x.length, n2 = y.length;
  // The largest |i·n₂ − j·n₁| over the points where both empirical CDFs are evaluated, in integers.
  let i = 0, j = 0, gap = 0;
  while (i < n1 && j < n2) {
    const v = Math.min(x[i], y[j]);
    while (i < n1 && x[i] === v) i++;
    while (j < n2 && y[j] === v) j++;
    gap = Math.max(gap, Math.abs(i * n2 - j * n1));
  }
  const d = gap / (n1 * n2);
  const exact = method === "exact" || (method === "auto" && Math.max(n1, n2) <= KS_EXACT_MAX_N);
  if (exact) {
    return { statistic: d, df: null, pValue: gap === 0 ? 1 : exactPValue(n1, n2, gap), method: "exact" };
  }
  const en = Math.round((n1 * n2) / (n1 + n2));
  return { statistic: d, df: null, pValue: kolmogorovSf(d, en), method: "asymptotic" };
}
