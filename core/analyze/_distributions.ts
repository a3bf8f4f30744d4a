/**
 * Typed access to the distribution functions of jStat (pinned in `deno.json`): the normal and Student t
 * distributions and their quantiles. The Kolmogorov distribution is in `kolmogorov_distribution.ts`.
 *
 * @module
 */
import jStatModule from "jstat";

interface JStat {
  normal: {
    cdf(x: number, mean: number, sd: number): number;
    pdf(x: number, mean: number, sd: number): number;
    inv(p: number, mean: number, sd: number): number;
  };
  studentt: {
    cdf(x: number, df: number): number;
    pdf(x: number, df: number): number;
    inv(p: number, df: number): number;
  };
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

/** The p-quantile of the standard normal (SciPy's `ndtri`): −∞ at 0, +∞ at 1, NaN outside [0, 1]. */
export function normalQuantile(p: number): number {
  if (!(p >= 0 && p <= 1)) return NaN;
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  return jStat.normal.inv(p, 0, 1);
}

/** P(T ≤ t) for T ~ Student t with `df` degrees of freedom (df may be fractional, as in Welch's test). */
export function studentTCdf(t: number, df: number): number {
  return jStat.studentt.cdf(t, df);
}

/**
 * The p-quantile of Student's t with `df` degrees of freedom: jStat's inverse, polished by Newton steps on the
 * CDF (jStat's inverse alone is good to about 1e-8).
 */
export function studentTQuantile(p: number, df: number): number {
  let t = jStat.studentt.inv(p, df);
  for (let i = 0; i < 3 && Number.isFinite(t); i++) {
    const step = (jStat.studentt.cdf(t, df) - p) / jStat.studentt.pdf(t, df);
    if (!Number.isFinite(step)) break;
    t -= step;
  }
  return t;
}
