/** The prediction intervals page: how they are made and how often they cover the test movies' scores. */
import type { Report } from "../core/report/report_schema.ts";
import { html } from "./_lib/html.ts";
import { layout } from "./_lib/layout.ts";
import { int, num } from "./_lib/format.ts";
import { bandCoverageTable, coverageTable } from "./_lib/tables.ts";
import { createPlotDocument } from "./_charts/plot_document.ts";
import { intervalChart } from "./_charts/interval_chart.ts";

export const data = { permalink: "intervals.html" };

export function render({ report }: { report: Report }): string {
  const iv = report.intervals;
  const intro =
    html`Every prediction of <code>deno task predict</code> and of the Try page comes with an 80% and a
    95% interval. They are split conformal intervals: their width is set on movies the members did not train on, so
    that on new movies like these they cover the actual score at least as often as they say.`;
  if (!iv) {
    return layout({
      file: "intervals.html",
      title: "Prediction intervals",
      intro,
      report,
      body:
        html`<p class="notice">This run has no calibrated intervals: <code>prediction_results/conformal.json</code>
      is missing. Train again with this version (<code>deno task train</code>) to make it.</p>`,
    });
  }
  const counts = Object.entries(iv.membersPerRow).map(([k, n]) => `${int(n)} by ${k}`).join(", ");
  return layout({
    file: "intervals.html",
    title: "Prediction intervals",
    intro,
    report,
    body: html`
      <p>${iv.reading}</p>
      ${coverageTable(iv)}
      ${intervalChart(report.points, { document: createPlotDocument() })}
      ${bandCoverageTable(iv)}
      <h2>How they are made</h2>
      <p>Each member trained on its own bag of the training movies; the movies a bag left out were predicted by
      that member only after training. ${int(
        iv.calibrationRows,
      )} training movies were left out by at least one
      member (predicted by ${counts} members). The half-width at level L is the ⌈(n + 1)·L⌉-th smallest of their
      absolute errors; interval ends are clipped to the training scores' range (${num(
        iv.range[0],
        1,
      )} to ${num(iv.range[1], 1)}).</p>
      <p>Two things make these errors differ from the deployed ensemble's, in opposite directions. A movie is
      usually left out by one member, and one member errs more than the mean of all of them, which widens the
      intervals. Each member also chose its best epoch by its loss on the very movies it left out (early stopping),
      which makes them look slightly easier than unseen movies and narrows the intervals. The coverage above,
      measured on test movies that no part of training saw, is what settles how the two balance.</p>
      <p>The guarantee is on average over movies like the training ones: intervals have one width for every movie,
      so they cover less often where the model errs most (low-rated movies, see the bands above) and more often
      elsewhere. A movie unlike the training data (another period, inputs out of range) is not covered by it.</p>
    `,
  });
}
