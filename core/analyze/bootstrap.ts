/**
 * The paired bootstrap with bias-corrected and accelerated (BCa) intervals, for statistics that are smooth
 * functions of column means (RMSE, MAE, R², bias, their differences between predictors): every resample draws
 * n rows with replacement and keeps each row's columns together, so comparisons stay paired movie by movie.
 *
 * @module
 */
import type { Random } from "../random.ts";
import { normalCdf, normalQuantile } from "./_distributions.ts";
import { quantileSorted } from "./quantile.ts";

/** A statistic computed from the means of the bootstrap's columns (in the order given). */
export type MeanStatistic = (means: Float64Array) => number;

/** A BCa interval; `low`/`high` are `null` where BCa is undefined (a degenerate bootstrap distribution). */
export interface BootstrapInterval {
  /** The statistic on the rows as they are. */
  estimate: number;
  low: number | null;
  high: number | null;
  /** Confidence level, e.g. 0.95. */
  level: number;
  resamples: number;
}

/**
 * The BCa interval (Efron & Tibshirani 1993, 14.3 and 15.4) from bootstrap `replicates` and the leave-one-out
 * jackknife values of the statistic, as `scipy.stats.bootstrap(..., method="BCa")` computes it: z₀ from the
 * share of replicates below the estimate (ties counted half), the acceleration from the jackknife's skewness,
 * then NumPy-linear quantiles of the replicates at the adjusted levels. `null` when z₀ or the acceleration is
 * not finite.
 */
export function bcaInterval(
  estimate: number,
  replicates: ArrayLike<number>,
  jackknife: ArrayLike<number>,
  level: number,
): { low: number; high: number } | null {
  const sorted = Float64Array.from(replicates).filter((v) => !Number.isNaN(v)).sort();
  const b = sorted.length;
  if (b === 0) return null;
  let below = 0;
  for (const v of sorted) below += v < estimate ? 2 : v === estimate ? 1 : 0;
  const z0 = normalQuantile(below / (2 * b));
  const n = jackknife.length;
  let dot = 0;
  for (let i = 0; i < n; i++) dot += jackknife[i];
  dot /= n;
  let num = 0, den = 0;
  for (let i = 0; i < n; i++) {
    const u = (n - 1) * (dot - jackknife[i]);
    num += u ** 3;
    den += u ** 2;
  }
  const a = num / 6 / den ** 1.5;
  if (!Number.isFinite(z0) || !Number.isFinite(a)) return null;
  const alpha = (1 - level) / 2;
  const adjusted = (z: number) => normalCdf(z0 + (z0 + z) / (1 - a * (z0 + z)));
  const lo = adjusted(normalQuantile(alpha));
  const hi = adjusted(-normalQuantile(alpha));
  if (!(lo >= 0 && lo <= 1 && hi >= 0 && hi <= 1)) return null;
  return { low: quantileSorted(sorted, lo), high: quantileSorted(sorted, hi) };
}

/**
 * Paired bootstrap of several statistics at once. `columns` are per-row values (each of length n, e.g. the
 * squared errors of two predictors); each statistic maps the columns' means to a number. Every resample draws the
 * same n row indices for all columns, so the statistics' intervals come from one set of resamples.
 *
 * @param options.resamples @default 2000
 * @param options.level @default 0.95
 * @throws {TypeError} when the columns differ in length.
 */
export function pairedBootstrap(
  columns: readonly ArrayLike<number>[],
  statistics: readonly MeanStatistic[],
  rng: Random,
  { resamples = 2000, level = 0.95 }: { resamples?: number; level?: number } = {},
): BootstrapInterval[] {
  if (!(resamples >= 1) || !Number.isInteger(resamples)) {
    throw new RangeError(`Cannot bootstrap: resamples must be a positive integer, got ${resamples}`);
  }
  if (!(level > 0 && level < 1)) {
    throw new RangeError(`Cannot bootstrap: level must be in (0, 1), got ${level}`);
  }
  const p = columns.length;
  const n = columns[0]?.length ?? 0;
  if (columns.some((c) => c.length !== n)) {
    throw new TypeError(`Cannot bootstrap: the columns differ in length (${columns.map((c) => c.length)})`);
  }
  const sums = new Float64Array(p);
  columns.forEach((c, j) => {
    for (let i = 0; i < n; i++) sums[j] += c[i];
  });
  const estimates = statistics.map((f) => f(sums.map((s) => s / n)));
  if (n < 2) {
    return estimates.map((estimate) => ({ estimate, low: null, high: null, level, resamples }));
  }
  const replicates = statistics.map(() => new Float64Array(resamples));
  const means = new Float64Array(p);
  const rows = new Int32Array(n);
  for (let r = 0; r < resamples; r++) {
    for (let i = 0; i < n; i++) rows[i] = rng.int(n);
    for (let j = 0; j < p; j++) {
      const c = columns[j];
      let s = 0;
      for (let i = 0; i < n; i++) s += c[rows[i]];
      means[j] = s / n;
    }
    statistics.forEach((f, k) => (replicates[k][r] = f(means)));
  }
  const jackknife = statistics.map(() => new Float64Array(n));
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < p; j++) means[j] = (sums[j] - columns[j][i]) / (n - 1);
    statistics.forEach((f, k) => (jackknife[k][i] = f(means)));
  }
  return statistics.map((_, k) => {
    const bca = bcaInterval(estimates[k], replicates[k], jackknife[k], level);
    return { estimate: estimates[k], low: bca?.low ?? null, high: bca?.high ?? null, level, resamples };
  });
}
