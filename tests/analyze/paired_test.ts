/**
 * The paired analysis's statistics against reference values computed once with SciPy 1.17.1, NumPy 2.4.6 and
 * statsmodels 0.15.0 by tests/testdata/analyze/reference.py (the "paired" section of reference.json).
 */
import { assertAlmostEquals, assertEquals, assertThrows, assertTrue } from "../_assert.ts";
import { kolmogorovSf } from "../../core/analyze/kolmogorov_distribution.ts";
import { ksTwoSample } from "../../core/analyze/ks_two_sample.ts";
import { wilcoxonSignedRank } from "../../core/analyze/wilcoxon_signed_rank.ts";
import { pairedPermutationTest } from "../../core/analyze/paired_permutation_test.ts";
import { bcaInterval, pairedBootstrap } from "../../core/analyze/bootstrap.ts";
import { holmAdjust } from "../../core/analyze/holm.ts";
import { meanInterval } from "../../core/analyze/mean_interval.ts";
import { linearFit } from "../../core/analyze/linear_fit.ts";
import { normalQuantilePoints, shapeOf } from "../../core/analyze/shape.ts";
import { robustOutliers } from "../../core/analyze/outliers.ts";
import { wilsonInterval } from "../../core/analyze/wilson_interval.ts";
import { standardizedDifferences } from "../../core/analyze/standardized_difference.ts";
import { calibrationBins } from "../../core/analyze/calibration_bins.ts";
import { errorBands } from "../../core/analyze/error_bands.ts";
import { normalCdf } from "../../core/analyze/_distributions.ts";
import { quantileSorted } from "../../core/analyze/quantile.ts";
import {
  calibrateConformal,
  conformalHalfWidth,
  outOfBagPredictions,
  predictionIntervals,
} from "../../core/predict/conformal.ts";
import { intervalCoverage } from "../../core/analyze/interval_coverage.ts";
import { createRandom } from "../../core/random.ts";

// deno-lint-ignore no-explicit-any
type Json = any;
const { paired: ref } = JSON.parse(
  await Deno.readTextFile(new URL("../testdata/analyze/reference.json", import.meta.url)),
) as { paired: Json };

/** |actual − expected| ≤ abs + rel·|expected|. */
function close(actual: number | null, expected: number, rel: number, label: string, abs = 1e-300) {
  assertTrue(actual !== null, `${label}: got null, expected ${expected}`);
  assertAlmostEquals(actual, expected, abs + rel * Math.abs(expected), `${label}: ${actual} vs ${expected}`);
}

Deno.test("kolmogorovSf() matches SciPy's kstwo.sf from n = 1 to 250 000, far tail included", () => {
  for (const c of ref.kstwo) close(kolmogorovSf(c.d, c.n), c.sf, 1e-8, `n = ${c.n}, d = ${c.d}`);
  assertEquals(kolmogorovSf(0, 10), 1);
  assertEquals(kolmogorovSf(1, 10), 0);
  assertThrows(() => kolmogorovSf(0.3, 2.5), RangeError, "positive integer");
});

Deno.test("ksTwoSample() gives SciPy's exact and asymptotic p-values, and picks exact up to 10 000 values", async (t) => {
  for (const c of ref.ks) {
    await t.step(`${c.a.length} vs ${c.b.length}, ${c.method}`, () => {
      const method = c.method === "asymp" ? "asymptotic" : c.method;
      const r = ksTwoSample(c.a, c.b, { method });
      close(r.statistic, c.statistic, 1e-12, "D");
      close(r.pValue, c.pValue, 1e-9, "p-value");
      if (c.method === "auto") assertEquals(r.method, "exact");
    });
  }
  const big = Array.from({ length: 10_001 }, (_, i) => i / 10_001);
  assertEquals(ksTwoSample(big, [0.5]).method, "asymptotic");
});

Deno.test("wilcoxonSignedRank() matches SciPy's exact, permutation and normal p-values", async (t) => {
  for (const c of ref.wilcoxon) {
    await t.step(c.name, () => {
      const r = wilcoxonSignedRank(c.d);
      assertEquals(r.method, c.name.split(",")[0]);
      close(r.statistic, c.statistic, 1e-12, "statistic");
      close(r.pValue, c.pValue, 1e-9, "p-value");
    });
  }
  assertThrows(() => wilcoxonSignedRank([0, 0]), RangeError, "every difference is 0");
});

Deno.test("pairedPermutationTest() enumerates all 2ⁿ swaps like SciPy's permutation_test", () => {
  const c = ref.permutation;
  const ks = (x: Float64Array, y: Float64Array) => ksTwoSample(x, y).statistic;
  const r = pairedPermutationTest(c.a, c.b, ks, createRandom(1), { resamples: 9999 });
  assertEquals(r.method, "exact");
  assertEquals(r.resamples, 1024);
  close(r.statistic, c.statistic, 1e-12, "statistic");
  close(r.pValue, c.pValue, 1e-12, "p-value");
  // Too many pairs to enumerate: random swaps, p = (count + 1) / (resamples + 1), reproducible by seed.
  const a = Array.from({ length: 40 }, (_, i) => 5 + Math.sin(i)), b = a.map((x) => x + 0.8);
  const r1 = pairedPermutationTest(
    a,
    b,
    (x, y) => Math.abs(x.reduce((s, v, i) => s + v - y[i], 0)),
    createRandom(3),
    {
      resamples: 999,
    },
  );
  assertEquals(r1.method, "random");
  assertEquals(r1.pValue, 1 / 1000, "no random swap is as extreme as a constant shift");
});

Deno.test("bcaInterval() reproduces scipy.stats.bootstrap's BCa interval from the same replicates", () => {
  const c = ref.bca;
  const n = c.actual.length;
  const rmseDiff = (rows: number[]) => {
    let m = 0, b = 0;
    for (const i of rows) {
      m += (c.model[i] - c.actual[i]) ** 2;
      b += (c.baseline[i] - c.actual[i]) ** 2;
    }
    return Math.sqrt(m / rows.length) - Math.sqrt(b / rows.length);
  };
  const all = Array.from({ length: n }, (_, i) => i);
  const jackknife = all.map((i) => rmseDiff(all.filter((j) => j !== i)));
  close(rmseDiff(all), c.estimate, 1e-12, "estimate");
  const bca = bcaInterval(c.estimate, c.replicates, jackknife, 0.95)!;
  close(bca.low, c.low, 1e-9, "low");
  close(bca.high, c.high, 1e-9, "high");
});

Deno.test("pairedBootstrap() agrees with SciPy's own BCa bootstrap within Monte Carlo error, and is seeded", () => {
  const c = ref.bca;
  const sq = (p: number[]) => p.map((v, i) => (v - c.actual[i]) ** 2);
  const stat = (m: Float64Array) => Math.sqrt(m[0]) - Math.sqrt(m[1]);
  const [r] = pairedBootstrap([sq(c.model), sq(c.baseline)], [stat], createRandom(9), { resamples: 20000 });
  close(r.estimate, c.estimate, 1e-12, "estimate");
  close(r.low, ref.bcaMonteCarlo.low, 0, "low", 0.02);
  close(r.high, ref.bcaMonteCarlo.high, 0, "high", 0.02);
  const again = pairedBootstrap([sq(c.model), sq(c.baseline)], [stat], createRandom(9), { resamples: 20000 });
  assertEquals(again, [r]);
  // Below 2 rows there is no interval, only the estimate.
  assertEquals(pairedBootstrap([[1]], [(m) => m[0]], createRandom(1))[0], {
    estimate: 1,
    low: null,
    high: null,
    level: 0.95,
    resamples: 2000,
  });
  assertThrows(() => pairedBootstrap([[1, 2], [1]], [stat], createRandom(1)), TypeError, "differ in length");
});

Deno.test("holmAdjust() matches statsmodels' Holm adjustment, in input order", () => {
  holmAdjust(ref.holm.p).forEach((p, i) => close(p, ref.holm.adjusted[i], 1e-12, `p ${i}`));
  assertEquals(holmAdjust([]), []);
});

Deno.test("meanInterval() is SciPy's t interval of the mean; linearFit() is linregress with t intervals", () => {
  const m = meanInterval(ref.meanInterval.values);
  close(m.mean, ref.meanInterval.mean, 1e-12, "mean");
  // Student t quantiles come from jStat, good to about 1e-8: the bounds agree to that, relative to the half-width.
  close(m.low, ref.meanInterval.low, 1e-8, "low", 1e-9);
  close(m.high, ref.meanInterval.high, 1e-8, "high", 1e-9);
  assertEquals(meanInterval([3]).low, null);
  const l = ref.linearFit;
  const fit = linearFit(l.x, l.y) as unknown as Record<string, number>;
  for (const key of ["slope", "intercept", "slopeSe", "interceptSe"]) close(fit[key], l[key], 1e-10, key);
  for (const key of ["slopeLow", "slopeHigh", "interceptLow", "interceptHigh"]) {
    close(fit[key], l[key], 1e-8, key, 1e-9);
  }
  assertThrows(() => linearFit([1, 1, 1], [1, 2, 3]), RangeError, "constant");
});

Deno.test("shapeOf(), normalQuantilePoints() and robustOutliers() match SciPy's skew, kurtosis, probplot and MAD", () => {
  const s = ref.shape;
  const shape = shapeOf(s.values);
  close(shape.skewness, s.skewness, 1e-10, "skewness");
  close(shape.excessKurtosis, s.excessKurtosis, 1e-10, "excess kurtosis");
  const qq = normalQuantilePoints(s.values);
  qq.theoretical.forEach((q, i) => close(q, s.theoretical[i], 1e-8, `quantile ${i}`, 1e-12));
  assertEquals(qq.sample, s.sample);
  const thinned = normalQuantilePoints(s.values, 10);
  assertEquals(thinned.sample.length, 10);
  assertEquals([thinned.sample[0], thinned.sample[9]], [s.sample[0], s.sample.at(-1)]);
  const o = robustOutliers(s.values);
  close(o.median, s.median, 1e-12, "median");
  close(o.mad, s.mad, 1e-12, "MAD");
  assertEquals(o.indices, s.outliers);
});

Deno.test("wilsonInterval() matches statsmodels' Wilson interval, including 0 and n successes", () => {
  for (const c of ref.wilson) {
    const w = wilsonInterval(c.count, c.n);
    close(w.low, c.low, 1e-9, `${c.count}/${c.n} low`, 1e-12);
    close(w.high, c.high, 1e-9, `${c.count}/${c.n} high`);
  }
  assertThrows(() => wilsonInterval(3, 2), RangeError);
});

Deno.test("standardizedDifferences() uses pooled sample SDs and has no value for a constant column", () => {
  const c = ref.smd;
  const smd = standardizedDifferences(c.x.flat(), 3, c.a, c.b);
  close(smd[0], c.smd[0], 1e-10, "normal column");
  close(smd[1], c.smd[1], 1e-10, "binary column");
  assertEquals(smd[2], null);
});

Deno.test("calibrationBins() cuts the sorted predictions like numpy.array_split, with t intervals", () => {
  const c = ref.bca;
  const bins = calibrationBins(c.model, c.actual, { bins: 2 });
  ref.calibrationBins.forEach((b: Json, i: number) => {
    assertEquals(bins[i].n, b.n);
    for (const key of ["predicted", "actual"] as const) close(bins[i][key], b[key], 1e-12, key);
    close(bins[i].low, b.low, 1e-8, "low", 1e-9);
    close(bins[i].high, b.high, 1e-8, "high", 1e-9);
  });
  assertEquals(calibrationBins(c.model, c.actual).length, 2, "at least 20 movies per bin");
});

Deno.test("errorBands() groups by band of score and gives SciPy's bias t interval, RMSE and MAE per band", () => {
  const c = ref.bca;
  const errors = c.model.map((m: number, i: number) => m - c.actual[i]);
  const bands = errorBands(c.actual, errors, createRandom(3), { resamples: 200 });
  assertEquals(bands.map((b) => b.label), ["< 5", "5–6", "6–7", "7–8", "≥ 8"]);
  ref.bands.forEach((expected: Json, i: number) => {
    const b = bands[i];
    assertEquals(b.n, expected.n, b.label);
    close(b.bias, expected.bias, 1e-12, `${b.label} bias`);
    close(b.biasLow, expected.biasLow, 1e-8, `${b.label} bias low`, 1e-9);
    close(b.biasHigh, expected.biasHigh, 1e-8, `${b.label} bias high`, 1e-9);
    close(b.rmse, expected.rmse, 1e-12, `${b.label} RMSE`);
    close(b.mae, expected.mae, 1e-12, `${b.label} MAE`);
    assertTrue(b.rmseLow! <= b.rmse! && b.rmse! <= b.rmseHigh!, `${b.label} RMSE inside its interval`);
  });
});

Deno.test("conformalHalfWidth() is the ⌈(n + 1)·level⌉-th smallest absolute residual", () => {
  const c = ref.conformal;
  for (const l of c.levels) close(conformalHalfWidth(c.residuals, l.level), l.halfWidth, 0, `${l.level}`);
  assertEquals(conformalHalfWidth([0.1, 0.2, 0.3], 0.8), null, "⌈4 · 0.8⌉ = 4 > 3 rows");
  assertThrows(() => conformalHalfWidth([1], 1), RangeError);
});

Deno.test("split conformal intervals cover new scores as often as theory says (synthetic data, known coverage)", () => {
  // Residuals N(0, σ): given a calibration set, an interval ± q covers a new score with probability exactly
  // 2Φ(q/σ) − 1. Over calibration sets that coverage follows Beta(k, n + 1 − k), k = ⌈(n + 1)·level⌉: SciPy's
  // mean and deciles of that law are the reference.
  const sigma = 0.7;
  const n = ref.conformal.residuals.length;
  const rng = createRandom(2026);
  const reps = 4000;
  for (const l of ref.conformal.levels) {
    const coverage = new Float64Array(reps);
    for (let r = 0; r < reps; r++) {
      const residuals = Array.from({ length: n }, () => Math.abs(sigma * rng.normal()));
      const q = conformalHalfWidth(residuals, l.level)!;
      coverage[r] = 2 * normalCdf(q / sigma) - 1;
    }
    const mean = coverage.reduce((s, v) => s + v, 0) / reps;
    close(mean, l.coverageMean, 0, `mean coverage at ${l.level}`, 0.003);
    coverage.sort();
    close(quantileSorted(coverage, 0.1), l.coverageQ10, 0, `10% quantile at ${l.level}`, 0.006);
    close(quantileSorted(coverage, 0.9), l.coverageQ90, 0, `90% quantile at ${l.level}`, 0.006);
  }
});

Deno.test("out-of-bag calibration end to end: a noisy model's intervals cover fresh test rows at the nominal rate", () => {
  // y = 6 + x + N(0, 0.5²); the "model" is 6 + 0.9x (slightly wrong). Three members each leave out 300 rows.
  const rng = createRandom(77);
  const rows = 3000;
  const x = Array.from({ length: rows }, () => rng.normal());
  const y = x.map((v) => 6 + v + 0.5 * rng.normal());
  const model = (i: number) => 6 + 0.9 * x[i];
  const members = [0, 1, 2].map((m) => {
    const left = Array.from({ length: 300 }, (_, j) => m * 250 + j);
    return { rows: left, predictions: left.map(model) };
  });
  const oob = outOfBagPredictions(members, y);
  assertEquals(oob.rows.length, 800, "rows left out by two members count once");
  assertEquals(oob.members.filter((c) => c === 2).length, 100);
  const calibration = calibrateConformal(oob, [0, 12]);
  assertEquals(calibration.membersPerRow, { 1: 700, 2: 100 });
  const test = Array.from({ length: 20000 }, () => rng.normal());
  const actual = test.map((v) => 6 + v + 0.5 * rng.normal());
  const predicted = test.map((v) => 6 + 0.9 * v);
  const { overall } = intervalCoverage(actual, predicted, calibration);
  for (const c of overall) {
    // Given this calibration set the true coverage is known in closed form (the error is N(0.1x, 0.5²)
    // mixed over x ~ N(0, 1): N(0, 0.01 + 0.25)); the measured rate must be within its binomial error.
    const sd = Math.sqrt(0.01 + 0.25);
    const truth = 2 * normalCdf(c.halfWidth! / sd) - 1;
    close(c.rate, truth, 0, `coverage at ${c.nominal}`, 4 * Math.sqrt((truth * (1 - truth)) / 20000));
    assertTrue(Math.abs(truth - c.nominal) < 0.03, `true coverage ${truth} is near ${c.nominal}`);
  }
  const [i80, i95] = predictionIntervals(6.5, calibration);
  assertTrue(i80.low < 6.5 && 6.5 < i80.high && i95.low < i80.low && i95.high > i80.high);
  assertEquals(predictionIntervals(11.9, calibration)[1].high, 12, "clipped to the score range");
  for (const score of [-3, 15]) {
    for (const { low, high } of predictionIntervals(score, calibration)) {
      assertTrue(low <= score && score <= high, `a score beyond the range (${score}) lies in its interval`);
    }
  }
});
