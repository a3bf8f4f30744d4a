/**
 * Every predictor's figures on the test movies with BCa bootstrap intervals, and the ensemble's RMSE against
 * each other predictor's, from one paired bootstrap (the same resampled movies for every figure).
 *
 * @module
 */
import type { Random } from "../random.ts";
import { type MeanStatistic, pairedBootstrap } from "../analyze/bootstrap.ts";
import { mean } from "../analyze/moments.ts";
import { regressionMetrics } from "../analyze/regression_metrics.ts";
import type { Report } from "./report_schema.ts";
import { ENSEMBLE_ID } from "./predictor_ids.ts";
import { fmt } from "./_format.ts";

/** One predictor to score: what it is and its prediction of each test movie. */
export interface PredictorSeries {
  id: string;
  label: string;
  /** How sentences name it: "member 2", "the ridge baseline". */
  short: string;
  kind: "ensemble" | "member" | "baseline";
  description: string;
  /** Shape: [test rows]. */
  predicted: ArrayLike<number>;
}

const finiteOrNull = (x: number) => (Number.isFinite(x) ? x : null);

/**
 * Score each series against `actual` (RMSE, MAE, R² with BCa intervals) and compare the ensemble (the series
 * with id {@link ENSEMBLE_ID}) with every other one: RMSE(ensemble) − RMSE(other).
 */
export function scorePredictors(
  actual: ArrayLike<number>,
  series: readonly PredictorSeries[],
  rng: Random,
  { resamples, level }: { resamples: number; level: number },
): Pick<Report, "predictors" | "comparisons"> {
  const n = actual.length;
  const centre = mean(actual);
  // Columns: centred actual, its square, then per series: squared and absolute error.
  const columns: Float64Array[] = [
    Float64Array.from(actual, (a) => a - centre),
    Float64Array.from(actual, (a) => (a - centre) ** 2),
  ];
  for (const s of series) {
    columns.push(Float64Array.from(actual, (a, i) => (s.predicted[i] - a) ** 2));
    columns.push(Float64Array.from(actual, (a, i) => Math.abs(s.predicted[i] - a)));
  }
  const sq = (j: number) => 2 + 2 * j, ab = (j: number) => 3 + 2 * j;
  const statistics: MeanStatistic[] = [];
  series.forEach((_, j) => {
    statistics.push((m) => Math.sqrt(m[sq(j)]));
    statistics.push((m) => m[ab(j)]);
    statistics.push((m) => 1 - m[sq(j)] / (m[1] - m[0] * m[0]));
  });
  const ensemble = series.findIndex((s) => s.id === ENSEMBLE_ID);
  const others = series.map((_, j) => j).filter((j) => j !== ensemble);
  for (const j of others) statistics.push((m) => Math.sqrt(m[sq(ensemble)]) - Math.sqrt(m[sq(j)]));
  const boot = pairedBootstrap(columns, statistics, rng, { resamples, level });
  const asInterval = (k: number) => ({
    estimate: boot[k].estimate,
    low: boot[k].low === null ? null : finiteOrNull(boot[k].low!),
    high: boot[k].high === null ? null : finiteOrNull(boot[k].high!),
    level,
  });
  const predictors: Report["predictors"] = series.map((s, j) => {
    const m = regressionMetrics(actual, s.predicted);
    const r2 = asInterval(3 * j + 2);
    return {
      id: s.id,
      label: s.label,
      kind: s.kind,
      description: s.description,
      metrics: { ...m, r2: finiteOrNull(m.r2), pearson: finiteOrNull(m.pearson) },
      intervals: {
        rmse: asInterval(3 * j),
        mae: asInterval(3 * j + 1),
        r2: Number.isFinite(r2.estimate) ? r2 : null,
      },
    };
  });
  const rmse = predictors.map((p) => p.metrics.rmse);
  const memberIndices = series.map((s, j) => (s.kind === "member" ? j : -1)).filter((j) => j >= 0);
  const best = memberIndices.reduce((b, j) => (b < 0 || rmse[j] < rmse[b] ? j : b), -1);
  const comparisons: Report["comparisons"] = others.map((j, c) => {
    const r = asInterval(3 * series.length + c);
    const name = series[j].short;
    const pct = `${level * 100}%`;
    const reading = r.low === null || r.high === null
      ? `With ${n} movies there is no CI: the difference of ${fmt(r.estimate)} points is not established.`
      : r.high < 0
      ? `The ensemble's RMSE is lower than ${name}'s by ${fmt(-r.high)} to ${
        fmt(-r.low)
      } points (${pct} CI): it predicts better.`
      : r.low > 0
      ? `The ensemble's RMSE is higher than ${name}'s by ${fmt(r.low)} to ${
        fmt(r.high)
      } points (${pct} CI): it predicts worse.`
      : `The ${pct} CI (${fmt(r.low)} to ${
        fmt(r.high)
      }) contains 0: these movies do not show which of the two errs less.`;
    return {
      id: `rmse-vs-${series[j].id}`,
      versus: series[j].id,
      label: `Ensemble vs ${name}`,
      estimate: r.estimate,
      low: r.low,
      high: r.high,
      level,
      best: j === best,
      reading,
    };
  });
  return { predictors, comparisons };
}
