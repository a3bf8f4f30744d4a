/** The sampling page: were the training and test movies drawn alike? */
import type { Report } from "../core/report/report_schema.ts";
import { html } from "./_lib/html.ts";
import { layout } from "./_lib/layout.ts";
import { fitTable, testTable } from "./_lib/tables.ts";
import { createPlotDocument } from "./_charts/plot_document.ts";
import { histogramChart } from "./_charts/histogram_chart.ts";

export const data = { permalink: "sampling.html" };

export function render({ report }: { report: Report }): string {
  const document = createPlotDocument();
  const h = report.histograms.sampling;
  return layout({
    file: "sampling.html",
    title: "Training vs test movies",
    intro:
      `The ${report.counts.test} test movies were held out before training; the ${report.counts.training} others were used to train the members (each on its own bag) and to fit the baselines. If the split is random, their scores should be distributed alike.`,
    report,
    body: html`
      ${histogramChart(h, {
        document,
        title: "Scores of the training and the test movies",
        description:
          "Overlaid density histograms of the actual IMDb scores of the training movies and of the held-out test movies, with their fitted Gaussians.",
      })}
      ${fitTable(
        h.fits.map((f) => ({ series: f.series, n: f.n, mean: f.mean, sd: f.sd })),
        "Gaussian fits of the training and test scores (points, 0–10)",
      )}
      ${testTable(
        report.tests.filter((t) => t.group === "Training vs test"),
        "Tests of training vs test scores",
      )}
    `,
  });
}
