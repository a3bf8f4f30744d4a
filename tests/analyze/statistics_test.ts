/**
 * Each statistic against reference values computed once with SciPy 1.17.1 / NumPy 2.4.6 by
 * tests/testdata/analyze/reference.py (its output is tests/testdata/analyze/reference.json).
 */
import { assertAlmostEquals, assertEquals, assertThrows } from "../_assert.ts";
import { ksTwoSample } from "../../core/analyze/ks_two_sample.ts";
import { pairedTTest } from "../../core/analyze/paired_t_test.ts";
import { regressionMetrics } from "../../core/analyze/regression_metrics.ts";
import { fitRidge, predictRidge } from "../../core/analyze/ridge.ts";
import { seedZTest } from "../../core/analyze/seed_z_test.ts";
import { welchTTest } from "../../core/analyze/welch_t_test.ts";
import { fitGaussian } from "../../core/analyze/gaussian_fit.ts";
import { quantileSorted } from "../../core/analyze/quantile.ts";
import type { TestResult } from "../../core/analyze/test_result.ts";
import { createRandom } from "../../core/random.ts";

interface Case {
  name: string;
  kind: string;
  a: string;
  b: string;
  statistic?: number;
  df?: number | null;
  pValue?: number;
  metrics?: Record<string, number>;
}
const reference = JSON.parse(
  await Deno.readTextFile(new URL("../testdata/analyze/reference.json", import.meta.url)),
) as {
  samples: Record<string, number[]>;
  cases: Case[];
  ridge: { x: number[][]; y: number[]; lambda: number; weights: number[]; predictions: number[] };
  quantile: { values: number[]; q025: number; q975: number; q50: number };
};

/** The closed-form samples of reference.py, rebuilt here. */
const seq = (n: number, base: number, amp: number, freq: number, phase = 0) =>
  Array.from({ length: n }, (_, i) => base + amp * Math.sin(freq * (i + 1) + phase));
const bigA = seq(200, 6.4, 1.5, 1.3);
const samples: Record<string, number[]> = {
  ...reference.samples,
  big_a: bigA,
  big_b: seq(150, 6.9, 1.1, 0.7, 0.4),
  big_p: bigA.map((x, i) => x + 0.25 + 0.3 * Math.cos(2.1 * i)),
};

const tests: Record<string, (a: number[], b: number[]) => TestResult> = {
  welch: welchTTest,
  paired: pairedTTest,
  // The reference asked SciPy for the asymptotic p-value (paired_test.ts checks the exact one).
  ks: (a, b) => ksTwoSample(a, b, { method: "asymptotic" }),
  "seed-z": seedZTest,
};

/** |actual − expected| within an absolute floor plus a relative part, for p-values spanning many decades. */
function close(actual: number, expected: number, rel: number, label: string) {
  assertAlmostEquals(
    actual,
    expected,
    1e-300 + rel * Math.abs(expected),
    `${label}: ${actual} vs ${expected}`,
  );
}

Deno.test("hypothesis tests match SciPy's statistic, degrees of freedom and p-value", async (t) => {
  for (const c of reference.cases.filter((c) => c.kind in tests)) {
    await t.step(c.name, () => {
      const r = tests[c.kind](samples[c.a], samples[c.b]);
      close(r.statistic, c.statistic!, 1e-9, "statistic");
      if (c.df === null) assertEquals(r.df, null);
      else close(r.df!, c.df!, 1e-9, "df");
      close(r.pValue, c.pValue!, 1e-7, "p-value");
    });
  }
});

Deno.test("regressionMetrics() matches NumPy/SciPy for RMSE, MAE, R², Pearson r and percent errors", async (t) => {
  for (const c of reference.cases.filter((c) => c.kind === "metrics")) {
    await t.step(c.name, () => {
      const m = regressionMetrics(samples[c.a], samples[c.b]) as unknown as Record<string, number>;
      for (const [key, expected] of Object.entries(c.metrics!)) close(m[key], expected, 1e-10, key);
    });
  }
});

Deno.test("regressionMetrics() reports no Pearson r for a constant prediction and R² below 0 for a poor one", () => {
  const m = regressionMetrics([5, 6, 7, 8], [6.5, 6.5, 6.5, 6.5]);
  assertEquals(Number.isNaN(m.pearson), true);
  assertAlmostEquals(m.r2, 0);
  assertEquals(regressionMetrics([5, 6, 7, 8], [9, 1, 9, 1]).r2 < 0, true);
});

Deno.test("fitGaussian() uses the sample (n − 1) standard deviation", () => {
  const fit = fitGaussian([2, 4, 4, 4, 5, 5, 7, 9]);
  assertEquals(fit.n, 8);
  assertAlmostEquals(fit.mean, 5);
  assertAlmostEquals(fit.sd, Math.sqrt(32 / 7), 1e-12);
});

Deno.test("fitRidge() matches NumPy's closed-form solution on standardised columns, ignoring a constant one", () => {
  const { x, y, lambda, weights, predictions } = reference.ridge;
  const f = x[0].length;
  const flat = x.flat();
  const model = fitRidge(flat, f, y, undefined, { lambda });
  weights.forEach((w, j) => close(model.weights[j], w, 1e-9, `weight ${j}`));
  predictRidge(model, flat).forEach((p, i) => close(p, predictions[i], 1e-9, `prediction ${i}`));
});

Deno.test("fitRidge() fits on the given rows only and rejects a negative lambda", () => {
  const x = [1, 2, 3, 100];
  const y = [2, 4, 6, -50];
  const model = fitRidge(x, 1, y, [0, 1, 2], { lambda: 0 });
  assertAlmostEquals(predictRidge(model, [4])[0], 8, 1e-9);
  assertThrows(() => fitRidge(x, 1, y, [0, 1, 2], { lambda: -1 }), RangeError, "lambda");
});

Deno.test("quantileSorted() interpolates like NumPy's default quantile", () => {
  const q = reference.quantile;
  const sorted = [...q.values].sort((a, b) => a - b);
  close(quantileSorted(sorted, 0.025), q.q025, 1e-12, "2.5%");
  close(quantileSorted(sorted, 0.975), q.q975, 1e-12, "97.5%");
  close(quantileSorted(sorted, 0.5), q.q50, 1e-12, "50%");
});

Deno.test("fitRidge() with more columns than rows (its dual form) gives the primal solution's weights", () => {
  // 43 rows: the dense block's product also takes its rows four and two at a time, and has ends to handle.
  for (const rows of [40, 43]) dualEqualsPrimal(rows);
});

function dualEqualsPrimal(rows: number) {
  const random = createRandom(5);
  const features = 90;
  const x = new Float64Array(rows * features);
  for (let r = 0; r < rows; r++) {
    for (let j = 0; j < features; j++) {
      // Dense numbers, sparse one-hot columns and a constant column, as collect's features are.
      x[r * features + j] = j < 10 ? random.next() * 4 - 2 : j === 89 ? 3 : random.next() < 0.1 ? 1 : 0;
    }
  }
  const y = Array.from(
    { length: rows },
    (_, r) => x[r * features] * 2 - x[r * features + 11] + random.next(),
  );
  const dual = fitRidge(x, features, y, undefined, { lambda: 2 });
  // The same problem in the primal form: every row three times (3 × rows ≥ 90 columns; means and sds do not
  // change, ‖y − ȳ − Zw‖² triples) with λ tripled has the same minimiser.
  const x3 = new Float64Array(3 * rows * features);
  for (let copy = 0; copy < 3; copy++) x3.set(x, copy * rows * features);
  const primal = fitRidge(x3, features, [...y, ...y, ...y], undefined, { lambda: 6 });
  for (let j = 0; j < features; j++) {
    assertAlmostEquals(dual.weights[j], primal.weights[j], 1e-8, `${rows} rows, weight ${j}`);
  }
  assertEquals(dual.weights[89], 0, "the constant column gets no weight");
  const p = predictRidge(dual, x);
  assertAlmostEquals(p[0], predictRidge(primal, x)[0], 1e-8);
}
