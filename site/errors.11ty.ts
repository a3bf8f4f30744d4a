/** The errors page: calibration, errors by band, the errors' shape, and outliers by a robust rule. */
import type { Report } from "../core/report/report_schema.ts";
import { html } from "./_lib/html.ts";
import { layout } from "./_lib/layout.ts";
import { num } from "./_lib/format.ts";
import { bandTable, movieTable } from "./_lib/tables.ts";
import { createPlotDocument } from "./_charts/plot_document.ts";
import { calibrationChart } from "./_charts/calibration_chart.ts";
import { histogramChart } from "./_charts/histogram_chart.ts";
import { qqChart } from "./_charts/qq_chart.ts";
import { residualChart } from "./_charts/residual_chart.ts";

export const data = { permalink: "errors.html" };

export function render({ report }: { report: Report }): string {
  const document = createPlotDocument();
  const o = report.outliers.robust;
  const outliers = o.rows.map((i) => report.points[i]).sort((a, b) => Math.abs(b.error) - Math.abs(a.error));
  const e = report.errors;
  const level = report.bands.level;
  return layout({
    file: "errors.html",
    title: "Errors",
    intro:
      "Error is predicted − actual, in score points: positive means the model over-predicted. A user holds a prediction, not the actual score, so the charts that say what to expect are the ones against the prediction.",
    report,
    body: html`
      <h2>Calibration</h2>
      ${report.calibration
        ? html`
          <p>${report.calibration.reading}</p>
          ${calibrationChart(report.calibration, report.points, { document, level })}
          ${residualChart(report.points, { document, fit: report.calibration.residual })}
        `
        : html`<p>There are too few distinct predictions to fit a calibration line.</p>`}
      <h2>Errors by band of score</h2>
      <p>${report.bands.reading}</p>
      ${bandTable(report.bands.predicted, "By predicted score (what a user holds)", level)}
      ${bandTable(report.bands.actual, "By actual score (where the model is weak)", level)}
      <p>Bias CIs are t intervals; RMSE CIs are BCa bootstrap intervals within the band. The bands as
      CSV: <a href="bands.csv" download>bands.csv</a>.</p>
      <h2>The errors as they are</h2>
      <p>Skewness ${num(e.skewness, 2)} and excess kurtosis ${num(e.excessKurtosis, 2)} (0 and 0 for a normal
      distribution). ${(e.excessKurtosis ?? 0) > 1
        ? "The tails are heavier than a normal distribution's: a few movies are missed by far more than the RMSE suggests, so no Gaussian is drawn over the errors."
        : "The errors are close to normal in shape."}</p>
      ${histogramChart(e.histogram, {
        document,
        title: "Errors of the averaged prediction",
        description:
          `Density histogram of the ${e.n} test movies' errors in points. Dashed lines: the robust outlier cut-offs (median ± ${o.k} scaled MADs).`,
        rules: [{ x: o.low, label: `median − ${o.k} MAD` }, { x: o.high, label: `median + ${o.k} MAD` }],
        curves: false,
      })}
      ${qqChart(e, o, { document })}
      <h2>Outliers</h2>
      <p>Rule: ${o.rule}. The median error is ${num(o.median)} and the scaled MAD ${num(
        o.mad,
      )}, so the cut-offs
      are ${num(o.low, 2)} and ${num(o.high, 2)} points. ${o.rows.length} of ${report.counts.test} movies lie
      beyond them, largest error first. The seed's percent-error rule is on
      <a href="original.html">the seed's analysis</a> page; both are in
      <a href="outliers.csv" download>outliers.csv</a>.</p>
      ${movieTable(outliers, `${outliers.length} movies with an error beyond median ± ${o.k} scaled MADs`)}
      <h2>The ${report.largestErrors.length} largest errors</h2>
      ${movieTable(
        report.largestErrors.map((i) => report.points[i]),
        `The ${report.largestErrors.length} movies with the largest |predicted − actual|, largest first`,
      )}
    `,
  });
}
