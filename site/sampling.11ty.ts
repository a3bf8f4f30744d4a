/** The sampling page: were the training and test movies drawn alike, in scores and in features? */
import type { Report } from "../core/report/report_schema.ts";
import { html } from "./_lib/html.ts";
import { layout } from "./_lib/layout.ts";
import { num, percent } from "./_lib/format.ts";
import { testTable } from "./_lib/tables.ts";
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
      <div class="scroll">
        <table>
          <caption>Standardised differences by feature group</caption>
          <thead>
            <tr>
              <th scope="col">Group</th>
              <th scope="col">Features</th>
              <th scope="col">Largest |SMD|</th>
              <th scope="col">Beyond 2 SE (${num(2 * bal.nullSe, 3)})</th>
              <th scope="col">Expected by chance</th>
            </tr>
          </thead>
          <tbody>${bal.groups.map((g) =>
            html`
              <tr>
                <th scope="row">${g.group}</th>
                <td class="num">${g.features}</td>
                <td class="num">${num(g.maxAbs)}</td>
                <td class="num">${g.beyond}</td>
                <td class="num">${num(g.expected, 1)}</td>
              </tr>
            `
          )}</tbody>
        </table>
      </div>
      <div class="scroll">
        <table>
          <caption>The ${bal.top.length} features with the largest |SMD|</caption>
          <thead>
            <tr>
              <th scope="col">Feature</th>
              <th scope="col">SMD</th>
              <th scope="col">Training mean</th>
              <th scope="col">Test mean</th>
            </tr>
          </thead>
          <tbody>${bal.top.map((t) =>
            html`
              <tr>
                <th scope="row"><code>${t.name}</code></th>
                <td class="num">${num(t.smd)}</td>
                <td class="num">${num(t.training)}</td>
                <td class="num">${num(t.test)}</td>
              </tr>
            `
          )}</tbody>
        </table>
      </div>
      ${bal.zeroKeywords
        ? html`<p>Movies without any known keyword: ${percent(bal.zeroKeywords.training)} of training movies
          (${bal.zeroKeywords.trainingCount}) and ${percent(bal.zeroKeywords.test)} of test movies
          (${bal.zeroKeywords.testCount}).</p>`
        : ""}
    `,
  });
}
