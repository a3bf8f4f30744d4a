/**
 * Typed access to the distribution functions of the statistics libraries pinned in `deno.json`: jStat for the
 * normal and Student t distributions, and stdlib's Marsaglia–Tsang–Wang evaluation of the Kolmogorov
 * distribution (the exact law of the one-sample statistic D_n). Nothing here approximates a CDF by hand.
 *
 * @module
 */
import jStatModule from "jstat";
// @ts-types="./_stdlib_marsaglia.d.ts"
import marsaglia from "@stdlib/stats-kstest/lib/marsaglia.js";

interface JStat {
  normal: {
    cdf(x: number, mean: number, sd: number): number;
    pdf(x: number, mean: number, sd: number): number;
  };
  studentt: { cdf(x: number, df: number): number };
}

const jStat = ((jStatModule as unknown as { jStat?: JStat }).jStat ?? jStatModule) as unknown as JStat;

/** P(X ≤ x) for X ~ Normal(mean, sd). */
export function normalCdf(x: number, mean = 0, sd = 1): number {
  return jStat.normal.cdf(x, mean, sd);
}

/** The density of Normal(mean, sd) at x. */
export function normalPdf(x: number, mean = 0, sd = 1): number {
  return jStat.normal.pdf(x, mean, sd);
}

/** P(T ≤ t) for T ~ Student t with `df` degrees of freedom (df may be fractional, as in Welch's test). */
export function studentTCdf(t: number, df: number): number {
  return jStat.studentt.cdf(t, df);
}

/** P(D_n < d): the CDF of the two-sided one-sample Kolmogorov–Smirnov statistic for sample size n. */
export function kolmogorovCdf(d: number, n: number): number {
  if (d <= 0) return 0;
  if (d >= 1) return 1;
  return marsaglia(d, n);
}
