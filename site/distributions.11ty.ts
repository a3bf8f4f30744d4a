/** The distributions page: actual vs predicted scores, and each member's predictions, with Gaussian fits. */
import type { Report } from "../core/report/report_schema.ts";
import { html } from "./_lib/html.ts";
import { layout } from "./_lib/layout.ts";
import { fitTable } from "./_lib/tables.ts";
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
      "Histograms are drawn as densities (each integrates to 1) on shared bins, with the normal distribution fitted to each series by its mean and standard deviation.",
    report,
    body: html`
      ${histogramChart(report.histograms.scores, {
        document,
        title: "Actual scores vs the ensemble's averaged predictions",
        description:
          `Overlaid density histograms of the ${report.counts.test} test movies' actual scores and of the averaged predictions, with their fitted Gaussians. A narrower prediction curve means the model hedges toward the average score.`,
      })}
      ${facetHistogramChart(report.histograms.members, {
        document,
        title: "Each member's predictions, and the actual scores",
        description:
          `One density histogram per ensemble member (and the actual scores, top) on the same bins and axes, each with its fitted Gaussian.`,
      })}
      ${fitTable(report.fits, "Gaussian fits: mean and sample standard deviation (points, 0–10)")}
      <p>Whether the two distributions differ is tested on the <a href="tests.html">hypothesis tests</a> page.</p>
    `,
  });
}
