/** The overview page: headline figures against the baselines, and predicted vs actual. */
import type { Report } from "../core/report/report_schema.ts";
import { html } from "./_lib/html.ts";
import { layout } from "./_lib/layout.ts";
import { num } from "./_lib/format.ts";
import { predictorTable } from "./_lib/tables.ts";
import { createPlotDocument } from "./_charts/plot_document.ts";
import { metricBarChart } from "./_charts/metric_bar_chart.ts";
import { scatterChart } from "./_charts/scatter_chart.ts";

export const data = { permalink: "index.html" };

export function render({ report }: { report: Report }): string {
  const document = createPlotDocument();
  const byId = Object.fromEntries(report.predictors.map((p) => [p.id, p]));
  const ens = byId["averaged"].metrics;
  const mean = byId["baseline-mean"].metrics;
  const ridge = byId["baseline-ridge"].metrics;
  const b = report.bootstrap;
  const order = { ensemble: 0, baseline: 1, member: 2 } as const;
  return layout({
    file: "index.html",
    title: "How well does the model predict IMDb scores?",
    intro:
      `An ensemble of ${report.counts.members} neural networks predicts the IMDb score of ${report.counts.test} movies it never saw. Every figure is set against two simple baselines fitted on the same ${report.counts.training} training movies.`,
    report,
    body: html`
      <section class="headline" aria-label="Headline figures">
        <div
          class="stat"><span class="value">${num(
            ens.rmse,
          )}</span><span class="label">RMSE of the ensemble (points)</span></div>
        <div
          class="stat"><span class="value">${num(
            mean.rmse,
          )}</span><span class="label">RMSE of always predicting the training mean</span></div>
        <div
          class="stat"><span class="value">${num(
            ridge.rmse,
          )}</span><span class="label">RMSE of ridge regression on the same features</span></div>
        <div class="stat"><span class="value">${num(
          ens.r2,
        )}</span><span class="label">R² of the ensemble</span></div>
      </section>
      <p>The difference in RMSE between the ensemble and the training-mean baseline is ${num(
        b.estimate,
      )} points
      (${b.level * 100}% bootstrap interval ${num(b.low)} to ${num(b.high)}, ${b.resamples} resamples). ${b
        .reading}
      The <a href="tests.html">hypothesis tests</a> say what is and is not established.</p>
      ${predictorTable(report)}
      ${metricBarChart([...report.predictors].sort((a, b) => order[a.kind] - order[b.kind]), { document })}
      ${scatterChart(report.points, { document })}
    `,
  });
}
