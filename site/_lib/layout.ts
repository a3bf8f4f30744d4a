/**
 * The page layout shared by every page: head, navigation (page-relative links only), main content, footer.
 *
 * @module
 */
import type { Report } from "../../core/report/report_schema.ts";
import { type Html, html } from "./html.ts";

/** The site's pages, in navigation order: file name (page-relative) and label. */
export const PAGES = [
  { file: "index.html", label: "Overview" },
  { file: "errors.html", label: "Errors" },
  { file: "intervals.html", label: "Prediction intervals" },
  { file: "tests.html", label: "Hypothesis tests" },
  { file: "distributions.html", label: "Distributions" },
  { file: "sampling.html", label: "Sampling" },
  { file: "original.html", label: "The seed's analysis" },
  { file: "card.html", label: "Data & model card" },
  { file: "try.html", label: "Try a movie" },
] as const;

/** The CSV downloads the site writes beside its pages (see the `*.csv.11ty.ts` templates). */
export const DOWNLOADS = [
  { file: "predictions.csv", label: "predictions of every test movie, with intervals" },
  { file: "outliers.csv", label: "outliers by both rules" },
  { file: "bands.csv", label: "errors by band of score" },
] as const;

/** A whole HTML document for page `file`, with `title` and `body`. */
export function layout(
  { file, title, intro, body, report }: {
    file: string;
    title: string;
    intro?: Html | string;
    body: Html;
    report: Report;
  },
): string {
  return html`
    <!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>${title} · IMDb Predictor report</title>
        <link rel="stylesheet" href="style.css">
      </head>
      <body>
        <header class="site">
          <p class="brand"><a href="index.html">IMDb Predictor</a> <span>statistical report</span></p>
          <nav aria-label="Report pages">
            <ul>
    ${PAGES.map((p) =>
      html`<li><a href="${p.file}"${
        p.file === file
          ? html`
            aria-current="page"
          `
          : ""
      }>${p.label}</a></li>`
    )}
            </ul>
          </nav>
        </header>
        <main>
    <h1>${title}</h1>
    ${report.warnings.length
      ? html`<div class="warnings" role="note" aria-label="Warnings">${
        report.warnings.map((w) => html`<p>${w.text}</p>`)
      }</div>`
      : ""}
    ${intro ? html`<p class="intro">${intro}</p>` : ""}
    ${body}
        </main>
        <footer>
          <p>Report of ${report.counts.members} ensemble members on ${report.counts.test} held-out movies from
    <code>${report.source.file}</code> (profile ${report.source.profile}), made ${report.createdAt}.
    All figures are computed by <code>deno task analyze</code>; this site only displays them. Data:
    ${DOWNLOADS.map((d, i) => html`${i ? ", " : ""}<a href="${d.file}" download>${d.file}</a>`)}.</p>
        </footer>
      </body>
    </html>
  `.value.trimStart();
}
