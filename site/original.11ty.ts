/**
 * The seed's analysis, reproduced: its z test, Gaussian fits and percent-error outliers, each with a correct
 * reading.
 */
import type { Report } from "../core/report/report_schema.ts";
import { html } from "./_lib/html.ts";
import { layout } from "./_lib/layout.ts";
import { num } from "./_lib/format.ts";
import { fitTable, movieTable, testTable } from "./_lib/tables.ts";
import { createPlotDocument } from "./_charts/plot_document.ts";
import { histogramChart } from "./_charts/histogram_chart.ts";

export const data = { permalink: "original.html" };

export function render({ report }: { report: Report }): string {
  const document = createPlotDocument();
  const s = report.outliers.seed;
  const r = report.percentErrorRange;
  const flagged = s.rows.map((i) => report.points[i]).sort((a, b) =>
    Math.abs(b.percentError) - Math.abs(a.percentError)
  );
  return layout({
    file: "original.html",
    title: "The seed's analysis, reproduced",
    intro:
      "The original notebooks tested the predictions with a z test, fitted Gaussians to the scores and called a movie an outlier when its percent error was more than one standard deviation from the mean. Each is reproduced here as it was computed, with what it can and cannot show.",
    report,
    body: html`
      <h2>The z test</h2>
      ${testTable(report.tests.filter((t) => t.family === "seed"), "The seed's z test")}
      <p>${report.seedZ.reading}</p>
      <h2>Gaussian fits</h2>
      ${fitTable(report.fits, "Gaussian fits: mean and sample standard deviation (points, 0–10)")}
      ${histogramChart(report.histograms.scores, {
        document,
        title: "Actual and predicted scores with the seed's Gaussian fits",
        description:
          "Density histograms of the test movies' actual scores and the averaged predictions, each with the normal distribution of the same mean and SD, as the seed drew them. The actual scores are skewed to the left (a long tail of low-rated movies), which the Gaussian misses.",
      })}
      <h2>Percent-error outliers</h2>
      <p>Rule: ${s.rule}: outside ${num(s.low, 1)}% to ${num(s.high, 1)}%. ${s.rows.length} of ${report.counts
        .test} movies are beyond it. ${s.bias}</p>
      ${histogramChart(report.histograms.percentError, {
        document,
        title: "Percent errors of the averaged prediction",
        description: `Density histogram of the percent errors between their 1st and 99th percentiles (${
          num(r.low, 1)
        }% to ${
          num(r.high, 1)
        }%); ${r.below} movies below and ${r.above} above are not drawn. Dashed lines: the seed's cut-offs. No Gaussian is drawn: percent errors are far from normal.`,
        rules: [{ x: s.low, label: "mean − SD" }, { x: s.high, label: "mean + SD" }],
        curves: false,
      })}
      ${movieTable(
        flagged,
        `${flagged.length} movies flagged by the seed's rule, largest percent error first`,
        {
          percentError: true,
        },
      )}
    `,
  });
}
