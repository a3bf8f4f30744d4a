import { assertAlmostEquals, assertEquals, assertRejects, assertThrows, assertTrue } from "../_assert.ts";
import { writeCollectFixture, writePredictionFixture } from "../_fixtures.ts";
import { parse } from "csv-parse/sync";
import { PATHS } from "../../core/artifacts.ts";
import { FORMATTED_COLUMNS } from "../../core/analyze/format_predictions.ts";
import { validateReport } from "../../core/report/validate_report.ts";
import { parseCli } from "../../scripts/_cli.ts";
import { defaults, run, spec } from "../../scripts/analyze.ts";

async function withFixture(
  fn: (
    out: string,
    preds: number[][],
    fixture: Awaited<ReturnType<typeof writeCollectFixture>>,
  ) => Promise<void>,
) {
  const out = await Deno.makeTempDir({ prefix: "imdb-analyze-test-" });
  try {
    const fixture = await writeCollectFixture(out, { rows: 120, features: 6 });
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
      "averaged",
      "member-1",
      "member-2",
      "member-3",
      "baseline-mean",
      "baseline-ridge",
    ]);
    report.points.forEach((p, i) => {
      assertEquals(p.row, fixture.test[i]);
      assertAlmostEquals(p.predicted, (preds[0][i] + preds[1][i] + preds[2][i]) / 3, 1e-9);
      assertAlmostEquals(p.actual, fixture.targets[fixture.test[i]], 1e-6);
    });
    const trainMean = fixture.bags[0].train.concat(fixture.bags[0].validation)
      .reduce((s, r) => s + fixture.targets[r], 0) / (120 - fixture.test.length);
    const base = report.predictors.find((p) => p.id === "baseline-mean")!.metrics;
    assertAlmostEquals(base.meanPredicted, trainMean, 1e-6);
    assertEquals(base.pearson, null, "a constant prediction has no correlation");
    // The fixture's target is linear in the inputs: ridge must beat the training mean by far.
    const ridge = report.predictors.find((p) => p.id === "baseline-ridge")!.metrics;
    assertTrue(ridge.rmse < base.rmse / 2, `ridge ${ridge.rmse} vs mean ${base.rmse}`);
    // Outliers follow the seed's rule on the averaged prediction's percent errors.
    const { mean, sd } = report.outliers;
    const expected = report.points.flatMap((p, i) => (Math.abs(p.percentError - mean) > sd ? [i] : []));
    assertEquals(report.outliers.rows, expected);
    assertEquals(report.largestErrors.length, 18);
  });
});

Deno.test("every hypothesis test has statistic, p-value, α, decision and a reading that never claims sameness", async () => {
  await withFixture(async (out) => {
    const { report } = await run({ out, alpha: 0.01, bootstrap: 100 });
    assertEquals(report.tests.map((t) => t.id), [
      "seed-z",
      "welch-means",
      "ks-distributions",
      "paired-mean",
      "paired-ridge",
      "sampling-ks",
      "sampling-welch",
    ]);
    for (const t of report.tests) {
      assertEquals(t.alpha, 0.01);
      assertEquals(t.decision, t.pValue < 0.01 ? "reject H0" : "do not reject H0");
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
    assertEquals(
      report.tests.find((t) => t.id === "paired-mean")!.decision,
      "reject H0",
      "the fixture model beats the mean",
    );
    const b = report.bootstrap;
    assertTrue(b.low <= b.estimate && b.estimate <= b.high && b.high < 0);
    const again = await run({ out, alpha: 0.01, bootstrap: 100 });
    assertEquals(again.report.bootstrap, b, "the bootstrap is seeded");
  });
});

Deno.test("validateReport() rejects a wrong shape, naming the path", async () => {
  await withFixture(async (out) => {
    const { report } = await run({ out, bootstrap: 50 });
    // deno-lint-ignore no-explicit-any
    type Loose = Record<string, any>;
    const cases: [string, (r: Loose) => void, string][] = [
      ["a p-value above 1", (r) => (r.tests[2].pValue = 1.5), "report.tests[2].pValue"],
      ["a missing field", (r) => delete r.alpha, "report.alpha"],
      ["an unknown field", (r) => (r.extra = 1), "report.extra"],
      [
        "a non-finite number",
        (r) => (r.predictors[0].metrics.rmse = null),
        "report.predictors[0].metrics.rmse",
      ],
      ["an outlier index beyond the points", (r) => r.outliers.rows.push(10_000), "report.outliers.rows"],
      ["another schema version", (r) => (r.schema = 2), "report.schema"],
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

Deno.test("analyze copies train's summary into the model card, and does without it", async () => {
  await withFixture(async (out) => {
    const without = await run({ out, bootstrap: 20 });
    assertEquals(without.report.card.backend, null);
    assertEquals(without.report.card.members, null);
    await Deno.writeTextFile(
      `${out}/${PATHS.trainSummary}`,
      JSON.stringify({
        backend: "wasm",
        adapter: null,
        config: { epochs: 4 },
        autoencoder: null,
        members: [{ k: 1, epochs: 4, bestEpoch: 3, bestValLoss: 0.2, seconds: 1.5, extra: "ignored" }],
        timings: { regress: 3.5 },
        versions: { tfjs: "4.22.0" },
      }),
    );
    const { report } = await run({ out, bootstrap: 20 });
    assertEquals(report.card.backend, "wasm");
    assertEquals(report.card.members, [{ k: 1, epochs: 4, bestEpoch: 3, bestValLoss: 0.2, seconds: 1.5 }]);
    assertEquals(report.card.versions.tfjs, "4.22.0");
    assertTrue(
      report.card.timings.some((t) => t.stage === "train" && t.step === "regress" && t.seconds === 3.5),
    );
  });
});
