/** The overview page: headline figures with their intervals, the comparisons, and predicted vs actual. */
import type { Report } from "../core/report/report_schema.ts";
import { ENSEMBLE_ID, MEAN_BASELINE_ID, RIDGE_BASELINE_ID } from "../core/report/predictor_ids.ts";
import { html } from "./_lib/html.ts";
import { layout } from "./_lib/layout.ts";
import { num, percent, range } from "./_lib/format.ts";
import { comparisonTable, orderedPredictors, predictorTable } from "./_lib/tables.ts";
import { createPlotDocument } from "./_charts/plot_document.ts";
import { metricBarChart } from "./_charts/metric_bar_chart.ts";
import { scatterChart } from "./_charts/scatter_chart.ts";

export const data = { permalink: "index.html" };

/** One headline figure: the value, its interval, and what it is. */
function stat(value: string, interval: string, label: string) {
  return html`<div class="stat"><span class="value">${value}</span><span class="ci">${interval}</span><span
      class="label">${label}</span></div>`;
}

export function render({ report }: { report: Report }): string {
  const document = createPlotDocument();
  const ens = report.predictors.find((p) => p.id === ENSEMBLE_ID)!;
  const level = `${report.bootstrap.level * 100}%`;
  const cmp = (id: string) => report.comparisons.find((c) => c.versus === id);
  const best = report.comparisons.find((c) => c.best);
  const vs = [cmp(MEAN_BASELINE_ID), cmp(RIDGE_BASELINE_ID), best].filter((c) => c !== undefined);
  const b = report.bench;
  const iv = (low: number | null | undefined, high: number | null | undefined) =>
    `${level} CI: ${range(low, high)}`;
  return layout({
    file: "index.html",
    title: "How well does the model predict IMDb scores?",
    intro:
      `An ensemble of ${report.counts.members} neural networks predicts the IMDb score of ${report.counts.test} movies it never saw. Every figure comes with its ${level} confidence interval (CI: a BCa bootstrap of the test movies, ${report.bootstrap.resamples} resamples) and is set against two simple baselines fitted on the same ${report.counts.training} training movies.`,
    report,
    body: html`
      <section class="headline" aria-label="Headline figures">
        ${stat(
          num(ens.metrics.rmse),
          iv(ens.intervals.rmse.low, ens.intervals.rmse.high),
          "RMSE of the ensemble (points)",
        )}
        ${stat(
          num(ens.metrics.mae),
          iv(ens.intervals.mae.low, ens.intervals.mae.high),
          "MAE of the ensemble (points)",
        )}
        ${stat(num(ens.metrics.r2), iv(ens.intervals.r2?.low, ens.intervals.r2?.high), "R² of the ensemble")}
        ${stat(
          num(report.bias.mean),
          iv(report.bias.low, report.bias.high),
          "Mean error, predicted − actual (points)",
        )}
        ${(report.intervals?.levels ?? []).map((l) =>
          stat(
            percent(l.rate),
            `${level} CI: ${percent(l.low)} to ${percent(l.high)}`,
            `of test movies inside their ${percent(l.nominal, 0)} prediction interval (${
              l.halfWidth === null ? "whole range" : `±\u00a0${num(l.halfWidth, 2)} points`
            })`,
          )
        )}
      </section>
      <ul class="findings">
        ${vs.map((c) =>
          html`<li><strong>${c!.label}:</strong> ${num(c!.estimate)} points (${level} CI ${
            range(c!.low, c!.high)
          }). ${c!.reading}</li>`
        )}
        <li><strong>Bias:</strong> ${report.bias.reading}</li>
        ${report.intervals
          ? html`<li><strong>Prediction intervals:</strong> ${report.intervals.reading}</li>`
          : ""}
        ${b
          ? html`<li><strong>From split to split:</strong> over ${b.seeds.length} other random splits of the same data
          (<code>deno task bench</code>, ${
            b.createdAt.slice(0, 10)
          }, protocol ${b.protocol}) the ensemble's RMSE was
          ${num(b.rmse.mean)} ± ${num(b.rmse.sd)} (mean ± SD) and its R² ${num(b.r2.mean)} ± ${
            num(b.r2.sd)
          }: the CI above describes this test set, the spread how much another split would move it.</li>`
          : ""}
      </ul>
      <p>Where the model errs most, and whether it is calibrated, is on the <a href="errors.html">errors</a> page;
      what each test does and does not establish on the <a href="tests.html">hypothesis tests</a> page.</p>
      ${comparisonTable(report)}
      ${predictorTable(report)}
      ${metricBarChart(orderedPredictors(report), { document })}
      ${scatterChart(report.points, { document })}
    `,
  });
}
