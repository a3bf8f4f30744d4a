/** The errors and outliers page. */
import type { Report } from "../core/report/report_schema.ts";
import { html } from "./_lib/html.ts";
import { layout } from "./_lib/layout.ts";
import { num } from "./_lib/format.ts";
import { movieTable } from "./_lib/tables.ts";
import { createPlotDocument } from "./_charts/plot_document.ts";
import { histogramChart } from "./_charts/histogram_chart.ts";
import { residualChart } from "./_charts/residual_chart.ts";

export const data = { permalink: "errors.html" };

export function render({ report }: { report: Report }): string {
  const document = createPlotDocument();
  const o = report.outliers;
  const outliers = o.rows.map((i) => report.points[i]).sort((a, b) =>
    Math.abs(b.percentError) - Math.abs(a.percentError)
  );
  return layout({
    file: "errors.html",
    title: "Errors and outliers",
    intro:
      "Error is predicted − actual, in score points; percent error is that error as a percentage of the actual score. Positive: the model over-predicted.",
    report,
    body: html`
      ${histogramChart(report.histograms.percentError, {
        document,
        title: "Percent errors of the averaged prediction",
        description:
          `Density histogram of the ${report.counts.test} test movies' percent errors with its fitted Gaussian (mean ${
            num(o.mean, 1)
          }%, SD ${
            num(o.sd, 1)
          }%). The dashed lines are the outlier cut-offs, one SD either side of the mean.`,
        rules: [{ x: o.low, label: "mean − SD" }, { x: o.high, label: "mean + SD" }],
      })}
      ${residualChart(report.points, { document })}
      <h2>Outliers by the seed's rule</h2>
      <p>Rule: ${o.rule}, i.e. outside ${num(o.low, 1)}% to ${num(o.high, 1)}%. ${o.rows.length} of ${report
        .counts.test} movies
      (${num((100 * o.rows.length) / report.counts.test, 0)}%) are beyond it, largest percent error first.</p>
      ${movieTable(
        outliers,
        `${outliers.length} movies whose percent error is more than one SD from the mean`,
      )}
      <h2>The ${report.largestErrors.length} largest absolute errors</h2>
      ${movieTable(
        report.largestErrors.map((i) => report.points[i]),
        `The ${report.largestErrors.length} movies with the largest |predicted − actual|, largest first`,
      )}
    `,
  });
}
