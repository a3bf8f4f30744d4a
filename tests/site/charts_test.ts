/**
 * One SVG snapshot per chart kind, from small fixed data: rendering is deterministic, so any change to a chart's
 * markup shows up here. Run with UPDATE_SNAPSHOTS=1 to rewrite the files in tests/testdata/analyze/snapshots/
 * after checking the new charts by eye.
 */
import { assertEquals, assertMatch } from "../_assert.ts";
import { MAX_DOTS, MAX_TABLE_ROWS } from "../../site/_lib/thin_points.ts";
import { movieTable } from "../../site/_lib/tables.ts";
import { histogram } from "../../core/analyze/histogram.ts";
import type { Report, ReportPoint, ReportPredictor } from "../../core/report/report_schema.ts";
import { createPlotDocument } from "../../site/_charts/plot_document.ts";
import { facetHistogramChart } from "../../site/_charts/facet_histogram_chart.ts";
import { histogramChart } from "../../site/_charts/histogram_chart.ts";
import { metricBarChart } from "../../site/_charts/metric_bar_chart.ts";
import { residualChart } from "../../site/_charts/residual_chart.ts";
import { calibrationChart } from "../../site/_charts/calibration_chart.ts";
import { qqChart } from "../../site/_charts/qq_chart.ts";
import { intervalChart } from "../../site/_charts/interval_chart.ts";
import { calibrationBins } from "../../core/analyze/calibration_bins.ts";
import { linearFit } from "../../core/analyze/linear_fit.ts";
import { normalQuantilePoints } from "../../core/analyze/shape.ts";
import { scatterChart } from "../../site/_charts/scatter_chart.ts";
import type { Html } from "../../site/_lib/html.ts";

const SNAPSHOTS = new URL("../testdata/analyze/snapshots/", import.meta.url);
const update = Deno.env.get("UPDATE_SNAPSHOTS") === "1";

async function assertSnapshot(name: string, chart: Html) {
  const file = new URL(`${name}.snap`, SNAPSHOTS);
  const actual = chart.value + "\n";
  if (update) {
    await Deno.mkdir(SNAPSHOTS, { recursive: true });
    await Deno.writeTextFile(file, actual);
    return;
  }
  let expected: string;
  try {
    expected = await Deno.readTextFile(file);
  } catch {
    throw new Error(
      `Cannot compare chart ${name}: ${file.pathname} is missing (run with UPDATE_SNAPSHOTS=1)`,
    );
  }
  assertEquals(actual, expected, `chart ${name} differs from its snapshot (UPDATE_SNAPSHOTS=1 rewrites it)`);
}

const actual = [5.1, 6.3, 7.2, 8.0, 6.8, 4.4, 7.7, 6.1];
const predicted = [5.6, 6.1, 6.9, 7.4, 6.9, 5.3, 7.1, 6.4];
const points = actual.map((a, i) => ({
  title: i === 0 ? "<b>Bold</b> & Co" : `Movie ${i}`,
  actual: a,
  predicted: predicted[i],
  error: predicted[i] - a,
  intervals: [
    { level: 0.8, low: predicted[i] - 0.6, high: predicted[i] + 0.6 },
    { level: 0.95, low: predicted[i] - 1.2, high: predicted[i] + 1.2 },
  ],
})) as ReportPoint[];
const errors = points.map((p) => p.error);

Deno.test("scatterChart() renders predicted vs actual with the identity line, as in its snapshot", async () => {
  await assertSnapshot("scatter", scatterChart(points, { document: createPlotDocument() }));
});

Deno.test("residualChart() renders errors vs prediction with the zero line and the fitted line, as in its snapshot", async () => {
  const fit = linearFit(predicted, errors);
  await assertSnapshot("residual", residualChart(points, { document: createPlotDocument(), fit }));
});

Deno.test("calibrationChart() renders binned actual vs predicted with intervals and y = x, as in its snapshot", async () => {
  const calibration = {
    fit: linearFit(predicted, actual),
    residual: linearFit(predicted, errors),
    bins: calibrationBins(predicted, actual, { bins: 2, minPerBin: 4 }),
    reading: "",
  };
  await assertSnapshot(
    "calibration",
    calibrationChart(calibration, points, { document: createPlotDocument(), level: 0.95 }),
  );
});

Deno.test("qqChart() renders sorted errors against normal quantiles with a robust reference line", async () => {
  const e = { n: 8, skewness: 0, excessKurtosis: 0, qq: normalQuantilePoints(errors) } as Report["errors"];
  await assertSnapshot("qq", qqChart(e, { median: 0, mad: 0.5 }, { document: createPlotDocument() }));
});

Deno.test("intervalChart() draws each movie's 80% and 95% intervals and its actual score, as in its snapshot", async () => {
  await assertSnapshot("interval", intervalChart(points, { document: createPlotDocument(), count: 5 }));
});

Deno.test("histogramChart() overlays density histograms and Gaussian curves, labels rules apart, as in its snapshot", async () => {
  const h = histogram(
    [{ name: "Actual", values: actual }, { name: "Averaged prediction", values: predicted }],
    "IMDb score (0–10)",
    {
      bins: 6,
      curvePoints: 12,
    },
  );
  await assertSnapshot(
    "histogram",
    histogramChart(h, {
      document: createPlotDocument(),
      title: "Actual vs predicted",
      description: "Two overlaid histograms.",
      rules: [{ x: 6, label: "cut-off" }, { x: 6.2, label: "another" }],
    }),
  );
});

Deno.test("facetHistogramChart() draws one histogram per series, as in its snapshot", async () => {
  const h = histogram(
    [{ name: "Actual", values: actual }, { name: "Member 1", values: predicted }],
    "IMDb score (0–10)",
    {
      bins: 6,
      curvePoints: 12,
    },
  );
  await assertSnapshot(
    "facet_histogram",
    facetHistogramChart(h, {
      document: createPlotDocument(),
      title: "Per member",
      description: "One per series.",
    }),
  );
});

Deno.test("metricBarChart() draws one bar per predictor with its interval, as in its snapshot", async () => {
  const m = (rmse: number) => ({ rmse, mae: rmse * 0.8 }) as ReportPredictor["metrics"];
  const iv = (x: number) => ({ estimate: x, low: x - 0.05, high: x + 0.07, level: 0.95 });
  const intervals = (x: number) => ({ rmse: iv(x), mae: iv(0.8 * x), r2: null });
  const predictors = [
    { id: "averaged", label: "Ensemble", kind: "ensemble", metrics: m(0.61), intervals: intervals(0.61) },
    {
      id: "baseline-mean",
      label: "Baseline: mean",
      kind: "baseline",
      metrics: m(1.02),
      intervals: intervals(1.02),
    },
    { id: "member-1", label: "Member 1", kind: "member", metrics: m(0.7), intervals: intervals(0.7) },
  ] as ReportPredictor[];
  await assertSnapshot("metric_bar", metricBarChart(predictors, { document: createPlotDocument() }));
});

Deno.test("a chart escapes data text in its tooltips and caption", () => {
  const chart = scatterChart(points, { document: createPlotDocument(), title: "A <i>title</i>" }).value;
  assertEquals(chart.includes("<b>Bold</b>"), false);
  assertEquals(chart.includes("&lt;b&gt;Bold&lt;/b&gt; &amp; Co"), true);
  assertEquals(chart.includes("<strong>A &lt;i&gt;title&lt;/i&gt;</strong>"), true);
});

Deno.test("per-movie charts draw at most 4000 dots of a large test set and say so; tables list 500", () => {
  const many = Array.from(
    { length: 10_000 },
    (_, i) => ({ ...points[i % points.length], title: `Movie ${i}` }),
  );
  const document = createPlotDocument();
  for (const chart of [scatterChart(many, { document }), residualChart(many, { document })]) {
    assertEquals(chart.value.match(/<circle/g)?.length, MAX_DOTS);
    assertMatch(chart.value, /Drawn: 4000 of the 10000 movies/);
  }
  assertEquals(scatterChart(points, { document }).value.match(/<circle/g)?.length, points.length);
  const table = movieTable(many.map((p) => ({ ...p, year: 2000, director: null, genres: [] })), "All");
  assertEquals(table.value.match(/<tr>/g)!.length - 1, MAX_TABLE_ROWS);
  assertMatch(table.value, /All \(the first 500 shown; outliers\.csv has them all\)/);
});
