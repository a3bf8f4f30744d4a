/** The hypothesis tests page, one section per question, with Holm's adjustment within each. */
import type { Report } from "../core/report/report_schema.ts";
import { html } from "./_lib/html.ts";
import { layout } from "./_lib/layout.ts";
import { testTable } from "./_lib/tables.ts";

export const data = { permalink: "tests.html" };

export function render({ report }: { report: Report }): string {
  const families = report.families.filter((f) => f.id !== "seed");
  const count = families.reduce((s, f) => s + f.tests.length, 0);
  return layout({
    file: "tests.html",
    title: "Hypothesis tests",
    intro:
      `Each test is two-sided at α = ${report.alpha} unless it says otherwise. The ${count} tests answer ${families.length} questions; where one question is asked by several tests, their p-values are Holm-adjusted and the decision uses the adjusted value, so asking twice does not double the chance of a false alarm. "Do not reject H0" means these data do not show a difference; it never shows that there is none. The badges are not good or bad news: for the baseline question, rejecting is what a useful model needs.`,
    report,
    body: html`
      ${families.map((f) =>
        html`
          <h2>${f.question}</h2>
          ${testTable(report.tests.filter((t) => t.family === f.id), `Multiple comparisons: ${f.adjustment}`)}
        `
      )}
      <p>How large the differences are, with their intervals, is on the <a href="index.html">overview</a>; the
      seed's own z test is on <a href="original.html">the seed's analysis</a> page.</p>
    `,
  });
}
