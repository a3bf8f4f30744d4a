/** The hypothesis tests page. */
import type { Report } from "../core/report/report_schema.ts";
import { html } from "./_lib/html.ts";
import { layout } from "./_lib/layout.ts";
import { num } from "./_lib/format.ts";
import { testTable } from "./_lib/tables.ts";

export const data = { permalink: "tests.html" };

export function render({ report }: { report: Report }): string {
  const b = report.bootstrap;
  return layout({
    file: "tests.html",
    title: "Hypothesis tests",
    intro:
      `Each test is two-sided at α = ${report.alpha}. "Do not reject H0" means these data do not show a difference; it never shows that there is none.`,
    report,
    body: html`
      ${testTable(
        report.tests,
        `${report.tests.length} hypothesis tests on the ${report.counts.test} test movies`,
      )}
      <h2>Bootstrap interval of the RMSE difference</h2>
      <p>${b.comparison}: ${num(b.estimate)}, ${b.level * 100}% percentile bootstrap interval
      <strong>${num(b.low)} to ${num(b.high)}</strong> (${b.resamples} resamples of the test movies, seed ${b
        .seed}).
      ${b.reading}</p>
    `,
  });
}
