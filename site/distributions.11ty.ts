/** The distributions page: actual vs predicted scores, each member's predictions, and why they differ. */
import type { Report } from "../core/report/report_schema.ts";
import { html } from "./_lib/html.ts";
import { layout } from "./_lib/layout.ts";
import { createPlotDocument } from "./_charts/plot_document.ts";
import { facetHistogramChart } from "./_charts/facet_histogram_chart.ts";
import { histogramChart } from "./_charts/histogram_chart.ts";

export const data = { permalink: "distributions.html" };

export function render({ report }: { report: Report }): string {
  const document = createPlotDocument();
  return layout({
    file: "distributions.html",
    title: "Distributions of actual and predicted scores",
    intro:
      "Histograms are drawn as densities (each integrates to 1) on shared bins. Whether the model is accurate is not read here but on the errors page: two distributions can match while every single prediction is wrong.",
    report,
    body: html`
      <p>${report.shrinkage.reading}</p>
      ${histogramChart(report.histograms.scores, {
        document,
        title: "Actual scores vs the ensemble's averaged predictions",
        description:
          `Overlaid density histograms of the ${report.counts.test} test movies' actual scores and of the averaged predictions. The predictions are narrower: shrinkage toward the mean, expected of any imperfect predictor.`,
        curves: false,
      })}
      ${facetHistogramChart(report.histograms.members, {
        document,
        title: "Each member's predictions, and the actual scores",
        description:
          `One density histogram per ensemble member (and the actual scores, top) on the same bins and axes.`,
      })}
      <p>The paired test of whether the two distributions differ is on the <a href="tests.html">hypothesis
      tests</a> page; the seed's Gaussian fits are on <a href="original.html">the seed's analysis</a> page.</p>
    `,
  });
}
