/** The sampling page: were the training and test movies drawn alike, in scores and in features? */
import type { Report } from "../core/report/report_schema.ts";
import { html } from "./_lib/html.ts";
import { layout } from "./_lib/layout.ts";
import { num, percent } from "./_lib/format.ts";
import { gridTable, testTable } from "./_lib/tables.ts";
import { createPlotDocument } from "./_charts/plot_document.ts";
import { histogramChart } from "./_charts/histogram_chart.ts";

export const data = { permalink: "sampling.html" };

export function render({ report }: { report: Report }): string {
  const document = createPlotDocument();
  const bal = report.sampling.balance;
  return layout({
    file: "sampling.html",
    title: "Training vs test movies",
    intro:
      `The ${report.counts.test} test movies were held out before training; the ${report.counts.training} others were used to train the members (each on its own bag) and to fit the baselines and encoders. If the split is random, both their scores and their features should be distributed alike.`,
    report,
    body: html`
      ${histogramChart(report.histograms.sampling, {
        document,
        title: "Scores of the training and the test movies",
        description:
          "Overlaid density histograms of the actual IMDb scores of the training movies and of the held-out test movies.",
        curves: false,
      })}
      ${testTable(
        report.tests.filter((t) => t.family === "sampling"),
        "Tests of training vs test scores",
      )}
      <h2>Feature balance</h2>
      <p>For each of the ${bal
        .features} input features, the standardised mean difference (SMD): the test movies'
      mean minus the training movies', in pooled standard deviations. ${bal.reading}</p>
      ${gridTable(
        "Standardised differences by feature group",
        [
          { label: "Group" },
          { label: "Features", num: true },
          { label: "Largest |SMD|", num: true },
          { label: `Beyond 2 SE (${num(2 * bal.nullSe, 3)})`, num: true },
          { label: "Expected by chance", num: true },
        ],
        bal.groups.map((g) => [g.group, g.features, num(g.maxAbs), g.beyond, num(g.expected, 1)]),
      )}
      ${gridTable(
        `The ${bal.top.length} features with the largest |SMD|`,
        [
          { label: "Feature" },
          { label: "SMD", num: true },
          { label: "Training mean", num: true },
          { label: "Test mean", num: true },
        ],
        bal.top.map((t) => [html`<code>${t.name}</code>`, num(t.smd), num(t.training), num(t.test)]),
      )}
      ${bal.zeroKeywords
        ? html`<p>Movies without any known keyword: ${percent(bal.zeroKeywords.training)} of training movies
          (${bal.zeroKeywords.trainingCount}) and ${percent(bal.zeroKeywords.test)} of test movies
          (${bal.zeroKeywords.testCount}).</p>`
        : ""}
    `,
  });
}
