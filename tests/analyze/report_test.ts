import {
  assertAlmostEquals,
  assertEquals,
  assertMatch,
  assertRejects,
  assertThrows,
  assertTrue,
} from "../_assert.ts";
import { writeCollectFixture, writePredictionFixture } from "../_fixtures.ts";
import { parse } from "csv-parse/sync";
import { PATHS } from "../../core/artifacts.ts";
import { FORMATTED_COLUMNS } from "../../core/analyze/format_predictions.ts";
import { validateReport } from "../../core/report/validate_report.ts";
import { parseCli } from "../../scripts/_cli.ts";
import { defaults, run, spec } from "../../scripts/analyze.ts";
import { ENSEMBLE_ID, MEAN_BASELINE_ID, RIDGE_BASELINE_ID } from "../../core/report/predictor_ids.ts";

async function withFixture(
  fn: (
    out: string,
    preds: number[][],
    fixture: Awaited<ReturnType<typeof writeCollectFixture>>,
  ) => Promise<void>,
  rows = 120,
) {
  const out = await Deno.makeTempDir({ prefix: "imdb-analyze-test-" });
  try {
    const fixture = await writeCollectFixture(out, { rows, features: 6 });
    const preds = await writePredictionFixture(out, fixture);
    await fn(out, preds, fixture);
  } finally {
    await Deno.remove(out, { recursive: true });
  }
}

Deno.test("analyze writes a report that passes the schema, and the seed's formatted CSVs", async () => {
  await withFixture(async (out, preds, fixture) => {
    const { report } = await run({ out, bootstrap: 300 });
    const onDisk = validateReport(JSON.parse(await Deno.readTextFile(`${out}/${PATHS.report}`)));
    assertEquals(onDisk.counts, {
      members: 3,
      test: fixture.test.length,
      training: 120 - fixture.test.length,
    });
    assertEquals(onDisk.tests.map((t) => t.id), report.tests.map((t) => t.id));
    for (let k = 1; k <= 3; k++) {
      const text = await Deno.readTextFile(`${out}/${PATHS.formatted(k)}`);
      const records = parse(text, { columns: true }) as Record<string, string>[];
      assertEquals(Object.keys(records[0]), [...FORMATTED_COLUMNS]);
      assertEquals(records.length, fixture.test.length);
      const r = records[0];
      assertAlmostEquals(Number(r.Predicted_Score), preds[k - 1][0], 1e-9);
      assertAlmostEquals(Number(r.Error), Number(r.Predicted_Score) - Number(r.Real_Score), 1e-9);
      assertAlmostEquals(Number(r.Percent_Error), (100 * Number(r.Error)) / Number(r.Real_Score), 1e-9);
    }
  });
});

Deno.test("analyze averages the members per movie and scores the average, each member and both baselines", async () => {
  await withFixture(async (out, preds, fixture) => {
    const { report } = await run({ out, bootstrap: 100 });
    assertEquals(report.predictors.map((p) => p.id), [
      ENSEMBLE_ID,
      "member-1",
      "member-2",
      "member-3",
      MEAN_BASELINE_ID,
      RIDGE_BASELINE_ID,
    ]);
    report.points.forEach((p, i) => {
      assertEquals(p.row, fixture.test[i]);
      assertAlmostEquals(p.predicted, (preds[0][i] + preds[1][i] + preds[2][i]) / 3, 1e-9);
      assertAlmostEquals(p.actual, fixture.targets[fixture.test[i]], 1e-6);
    });
    const trainMean = fixture.bags[0].train.concat(fixture.bags[0].validation)
      .reduce((s, r) => s + fixture.targets[r], 0) / (120 - fixture.test.length);
    const base = report.predictors.find((p) => p.id === MEAN_BASELINE_ID)!.metrics;
    assertAlmostEquals(base.meanPredicted, trainMean, 1e-6);
    assertEquals(base.pearson, null, "a constant prediction has no correlation");
    // The fixture's target is linear in the inputs: ridge must beat the training mean by far.
    const ridge = report.predictors.find((p) => p.id === RIDGE_BASELINE_ID)!.metrics;
    assertTrue(ridge.rmse < base.rmse / 2, `ridge ${ridge.rmse} vs mean ${base.rmse}`);
    // Outliers: the seed's rule on percent errors, and the robust rule on errors in points.
    const { mean, sd } = report.outliers.seed;
    const expected = report.points.flatMap((p, i) => (Math.abs(p.percentError - mean) > sd ? [i] : []));
    assertEquals(report.outliers.seed.rows, expected);
    const r = report.outliers.robust;
    assertEquals(
      r.rows,
      report.points.flatMap((p, i) => (Math.abs(p.error - r.median) > 3 * r.mad ? [i] : [])),
    );
    assertEquals(report.largestErrors.length, 18);
  });
});

Deno.test("every test answers one question; within a question p-values are Holm-adjusted and decide", async () => {
  await withFixture(async (out) => {
    const { report } = await run({ out, alpha: 0.01, bootstrap: 100, permutations: 199 });
    assertEquals(report.tests.map((t) => t.id), [
      "bias-t",
      "bias-wilcoxon",
      `vs-${MEAN_BASELINE_ID}`,
      `vs-${RIDGE_BASELINE_ID}`,
      "distribution-permutation",
      "sampling-ks",
      "sampling-welch",
      "seed-z",
    ]);
    assertEquals(report.families.map((f) => [f.id, f.tests.length]), [
      ["bias", 2],
      ["baselines", 2],
      ["distribution", 1],
      ["sampling", 2],
      ["seed", 1],
    ]);
    for (const f of report.families) {
      const tests = report.tests.filter((t) => t.family === f.id);
      const sorted = [...tests].sort((a, b) => a.pValue - b.pValue);
      sorted.forEach((t, i) => {
        const holm = Math.min(
          1,
          Math.max(...sorted.slice(0, i + 1).map((u, j) => (tests.length - j) * u.pValue)),
        );
        assertAlmostEquals(t.adjustedPValue, holm, 1e-12, t.id);
      });
    }
    for (const t of report.tests) {
      assertEquals(t.alpha, 0.01);
      assertEquals(t.decision, t.adjustedPValue < 0.01 ? "reject H0" : "do not reject H0");
      for (const text of [t.reading, t.caveat]) {
        assertEquals(
          /\b(are|is) (the )?same\b|\bequal(ly)? distributed\b|\bidentical\b/i.test(
            text.replace(/does not show that [^.;]*|not prove[^.;]*|not show the[^.;]*/g, ""),
          ),
          false,
          `${t.id}: ${text}`,
        );
      }
    }
    assertEquals(report.tests.find((t) => t.id === "seed-z")!.name.includes("reproduced"), true);
    assertTrue(
      report.tests.find((t) => t.id === `vs-${MEAN_BASELINE_ID}`)!.adjustedPValue < 0.05,
      "the fixture model beats the mean",
    );
    const again = await run({ out, alpha: 0.01, bootstrap: 100, permutations: 199 });
    assertEquals(again.report.tests, report.tests, "the permutation test is seeded");
  });
});

Deno.test("every headline figure has a seeded BCa interval around it, and the ensemble is compared with every predictor", async () => {
  await withFixture(async (out) => {
    const { report } = await run({ out, bootstrap: 300 });
    for (const p of report.predictors) {
      for (const key of ["rmse", "mae"] as const) {
        const i = p.intervals[key];
        assertAlmostEquals(i.estimate, p.metrics[key], 1e-12);
        assertTrue(
          i.low !== null && i.high !== null && i.low <= i.estimate && i.estimate <= i.high,
          `${p.id} ${key}`,
        );
      }
    }
    assertEquals(report.comparisons.map((c) => c.versus), report.predictors.slice(1).map((p) => p.id));
    const rmse = (id: string) => report.predictors.find((p) => p.id === id)!.metrics.rmse;
    for (const c of report.comparisons) {
      assertAlmostEquals(c.estimate, rmse(ENSEMBLE_ID) - rmse(c.versus), 1e-12, c.id);
    }
    const vsMean = report.comparisons.find((c) => c.versus === MEAN_BASELINE_ID)!;
    assertTrue(vsMean.high! < 0, "the fixture's ensemble beats the training mean, interval and all");
    assertEquals(report.comparisons.filter((c) => c.best).length, 1, "one best member");
    assertEquals(report.bootstrap.resamples, 300);
    const b = report.bias;
    assertTrue(b.low! < b.mean && b.mean < b.high!);
    const again = await run({ out, bootstrap: 300 });
    assertEquals(again.report.predictors, report.predictors, "the bootstrap is seeded");
  });
});

Deno.test("analyze measures the conformal intervals' coverage on the test rows, and says so when they are missing", async () => {
  await withFixture(async (out, _preds, fixture) => {
    const { report } = await run({ out, bootstrap: 50 });
    const iv = report.intervals!;
    assertEquals(iv.levels.map((l) => l.nominal), [0.8, 0.95]);
    for (const [j, l] of iv.levels.entries()) {
      const covered = report.points.filter((p) =>
        p.actual >= p.intervals[j].low && p.actual <= p.intervals[j].high
      );
      assertEquals(l.count, covered.length);
      assertEquals(l.n, fixture.test.length);
      assertTrue(l.low <= l.rate && l.rate <= l.high);
    }
    assertEquals(iv.byBand.reduce((s, b) => s + b.n, 0), fixture.test.length);
    await Deno.remove(`${out}/${PATHS.conformal}`);
    const without = await run({ out, bootstrap: 50 });
    assertEquals(without.report.intervals, null);
    assertTrue(without.report.points.every((p) => p.intervals.length === 0));
    assertTrue(without.report.warnings.some((w) => w.id === "no-intervals"));
  });
});

Deno.test("analyze never crashes on a 2-row test set, and warns that its figures are rough", async () => {
  await withFixture(async (out, _preds, fixture) => {
    assertEquals(fixture.test.length, 2);
    const { report } = await run({ out, bootstrap: 100 });
    assertEquals(report.counts.test, 2);
    assertTrue(
      report.warnings.some((w) => w.id === "small-test-set" && w.text.includes("Only 2 test movies")),
    );
    validateReport(report);
  }, 12);
});
Deno.test("validateReport() rejects a wrong shape, naming the path", async () => {
  await withFixture(async (out) => {
    const { report } = await run({ out, bootstrap: 50 });
    // deno-lint-ignore no-explicit-any
    type Loose = Record<string, any>;
    const cases: [string, (r: Loose) => void, string][] = [
      ["a p-value above 1", (r) => (r.tests[2].pValue = 1.5), "report.tests[2].pValue"],
      ["a null in the model card", (r) => (r.card.commit = null), "report.card.commit"],
      ["a missing field", (r) => delete r.alpha, "report.alpha"],
      ["an unknown field", (r) => (r.extra = 1), "report.extra"],
      [
        "a non-finite number",
        (r) => (r.predictors[0].metrics.rmse = null),
        "report.predictors[0].metrics.rmse",
      ],
      [
        "an outlier index beyond the points",
        (r) => r.outliers.robust.rows.push(10_000),
        "report.outliers.robust.rows",
      ],
      ["another schema version", (r) => (r.schema = 1), "report.schema"],
    ];
    for (const [what, mutate, path] of cases) {
      const copy = structuredClone(report) as Loose;
      mutate(copy);
      assertThrows(() => validateReport(copy), TypeError, path);
      void what;
    }
  });
});

Deno.test("analyze reports a prediction file that does not match the test index", async () => {
  await withFixture(async (out) => {
    const path = `${out}/${PATHS.prediction(2)}`;
    const lines = (await Deno.readTextFile(path)).trimEnd().split("\n");
    await Deno.writeTextFile(path, lines.slice(0, -1).join("\n") + "\n");
    await assertRejects(() => run({ out }), TypeError, "member 2");
  });
});

Deno.test("analyze's command line has typed defaults and rejects a bad alpha", async () => {
  const parsed = await parseCli(["--alpha", "0.01", "--ridge-lambda", "3", "--out", "x"], spec);
  assertEquals(parsed.help ? null : parsed.config, { ...defaults, alpha: 0.01, ridgeLambda: 3, out: "x" });
  await withFixture(async (out) => {
    await assertRejects(() => run({ out, alpha: 1.5 }), RangeError, "alpha");
  });
});

Deno.test("analyze copies train's summary into the model card", async () => {
  await withFixture(async (out) => {
    const path = `${out}/${PATHS.trainSummary}`;
    const summary = JSON.parse(await Deno.readTextFile(path));
    await Deno.writeTextFile(
      path,
      JSON.stringify({
        ...summary,
        config: { epochs: 4, out: "/home/someone/secret/artifacts", hidden: [16, 8], fresh: null },
        members: summary.members.map((m: object, i: number) => ({
          ...m,
          epochs: 4,
          bestEpoch: 3,
          bestValLoss: 0.2 + i,
          seconds: 1.5,
          extra: "ignored",
        })),
        timings: { regress: 3.5 },
        versions: { tfjs: "4.22.0" },
      }),
    );
    const { report } = await run({ out, bootstrap: 20 });
    assertEquals(report.card.backend, "wasm");
    assertEquals(report.card.adapter, "none");
    assertEquals(report.card.members[0], {
      k: 1,
      epochs: 4,
      bestEpoch: 3,
      bestValLoss: "0.2000",
      seconds: 1.5,
    });
    assertEquals(report.card.versions.find((v) => v.name === "tfjs")?.value, "4.22.0");
    assertEquals(report.card.trainConfig, [
      { name: "epochs", value: "4" },
      { name: "out", value: "artifacts" },
      { name: "hidden", value: "[16,8]" },
      { name: "fresh", value: "none" },
    ]);
    assertTrue(
      report.card.timings.some((t) => t.stage === "train" && t.step === "regress" && t.seconds === 3.5),
    );
  });
});

Deno.test("the model card holds no null, no absolute path of the build machine, and the git commit", async () => {
  await withFixture(async (out) => {
    const { report } = await run({ out, bootstrap: 20 });
    const walk = (v: unknown, path: string): void => {
      assertTrue(v !== null && v !== undefined, `${path} is ${v}`);
      if (typeof v === "string") {
        assertEquals(/(^|\s)\/(tmp|home|work|Users|root)\//.test(v), false, `${path}: ${v}`);
      }
      if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${path}[${i}]`));
      else if (typeof v === "object") {
        for (const [k, x] of Object.entries(v as object)) walk(x, `${path}.${k}`);
      }
    };
    walk(report.card, "card");
    assertEquals(
      JSON.stringify(report).includes(out),
      false,
      "the artifacts folder's path is nowhere in the report",
    );
    assertMatch(report.card.commit, /^([0-9a-f]{40}|not a git checkout)$/);
    assertTrue(report.card.intendedUse.length > 0 && report.card.limitations.length > 0);
  });
});

Deno.test("the split-to-split spread is taken from the bench's results when they describe the same data", async () => {
  await withFixture(async (out, _preds, fixture) => {
    const bench = `${out}/results.json`;
    const summary = (rows: number) => ({
      protocol: "impute",
      seeds: [1, 2, 3],
      rows,
      features: 6,
      stages: {},
      metrics: {
        [ENSEMBLE_ID]: {
          rmse: { mean: 0.7, sd: 0.02, n: 3 },
          mae: { mean: 0.5, sd: 0.01, n: 3 },
          r2: { mean: 0.6, sd: 0.03, n: 3 },
        },
      },
    });
    const write = (rows: number, data: string) =>
      Deno.writeTextFile(
        bench,
        JSON.stringify({ createdAt: "2026-11-25", config: { data }, summaries: [summary(rows)] }),
      );
    await write(fixture.rows.length, "../somewhere/fixture");
    const { report } = await run({ out, bootstrap: 20, bench });
    assertEquals(report.bench?.rmse, { mean: 0.7, sd: 0.02 });
    await write(fixture.rows.length + 1, "fixture");
    assertEquals(
      (await run({ out, bootstrap: 20, bench })).report.bench,
      null,
      "other rows: another dataset",
    );
    assertEquals((await run({ out, bootstrap: 20, bench: `${out}/none.json` })).report.bench, null);
    // Results that record their protocols' collect flags match by those, whatever the split's feature count.
    const withProtocols = (collect: string[]) =>
      Deno.writeTextFile(
        bench,
        JSON.stringify({
          createdAt: "2026-11-25",
          config: { data: "fixture" },
          summaries: [{ ...summary(fixture.rows.length), features: 999 }],
          protocols: { impute: { collect } },
        }),
      );
    await withProtocols([]);
    assertEquals((await run({ out, bootstrap: 20, bench })).report.bench?.protocol, "impute");
    await withProtocols(["--missing", "drop", "--no-dedupe"]);
    assertEquals((await run({ out, bootstrap: 20, bench })).report.bench, null, "another protocol");
  });
});
