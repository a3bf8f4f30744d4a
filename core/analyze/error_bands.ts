/**
 * Errors by band of score: where the model is good and where it is not.
 *
 * @module
 */
import type { Random } from "../random.ts";
import { pairedBootstrap } from "./bootstrap.ts";
import { meanInterval } from "./mean_interval.ts";

/** The default band edges, in score points: below 5, 5–6, 6–7, 7–8, 8 and above. */
export const SCORE_BAND_EDGES = [5, 6, 7, 8] as const;

/** The errors of the movies in one band. Errors are predicted − actual, in points. */
export interface ErrorBand {
  label: string;
  /** The band is [from, to); `null`: unbounded. */
  from: number | null;
  to: number | null;
  n: number;
  /** Mean error and its t interval; `null` where the band has too few movies. */
  bias: number | null;
  biasLow: number | null;
  biasHigh: number | null;
  /** RMSE and its BCa bootstrap interval. */
  rmse: number | null;
  rmseLow: number | null;
  rmseHigh: number | null;
  mae: number | null;
}

/** The band labels for `edges`: "< 5", "5–6", …, "≥ 8". */
export function bandLabels(edges: readonly number[]): string[] {
  return [
    `< ${edges[0]}`,
    ...edges.slice(1).map((e, i) => `${edges[i]}–${e}`),
    `≥ ${edges[edges.length - 1]}`,
  ];
}

/** The band index of `value` for `edges` (0 … edges.length). */
export function bandOf(value: number, edges: readonly number[]): number {
  let b = 0;
  while (b < edges.length && value >= edges[b]) b++;
  return b;
}

/**
 * Group the movies by band of `by` (the actual or the predicted score) and give each band's n, bias with its t
 * interval, RMSE with its BCa bootstrap interval (`rng` resamples each band in turn) and MAE.
 *
 * @param options.edges @default SCORE_BAND_EDGES
 * @param options.resamples @default 2000
 * @param options.level @default 0.95
 */
export function errorBands(
  by: ArrayLike<number>,
  errors: ArrayLike<number>,
  rng: Random,
  { edges = SCORE_BAND_EDGES, resamples = 2000, level = 0.95 }: {
    edges?: readonly number[];
    resamples?: number;
    level?: number;
  } = {},
): ErrorBand[] {
  const labels = bandLabels(edges);
  const members: number[][] = labels.map(() => []);
  for (let i = 0; i < by.length; i++) members[bandOf(by[i], edges)].push(errors[i]);
  return labels.map((label, b) => {
    const e = members[b];
    const from = b === 0 ? null : edges[b - 1];
    const to = b === edges.length ? null : edges[b];
    if (e.length === 0) {
      return {
        label,
        from,
        to,
        n: 0,
        bias: null,
        biasLow: null,
        biasHigh: null,
        rmse: null,
        rmseLow: null,
        rmseHigh: null,
        mae: null,
      };
    }
    const bias = meanInterval(e, level);
    const [rmse] = pairedBootstrap([e.map((x) => x * x)], [(m) => Math.sqrt(m[0])], rng, {
      resamples,
      level,
    });
    return {
      label,
      from,
      to,
      n: e.length,
      bias: bias.mean,
      biasLow: bias.low,
      biasHigh: bias.high,
      rmse: rmse.estimate,
      rmseLow: rmse.low,
      rmseHigh: rmse.high,
      mae: e.reduce((s, x) => s + Math.abs(x), 0) / e.length,
    };
  });
}
