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
  { file: "distributions.html", label: "Distributions" },
  { file: "tests.html", label: "Hypothesis tests" },
  { file: "errors.html", label: "Errors & outliers" },
  { file: "sampling.html", label: "Sampling" },
  { file: "card.html", label: "Data & model card" },
  { file: "try.html", label: "Try a movie" },
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
    ${intro ? html`<p class="intro">${intro}</p>` : ""}
    ${body}
        </main>
        <footer>
          <p>Report of ${report.counts.members} ensemble members on ${report.counts.test} held-out movies from
    <code>${report.source.path.split(/[\\/]/).pop()}</code> (profile ${report.source.profile}), made ${report
      .createdAt}.
    All figures are computed by <code>deno task analyze</code>; this site only displays them.</p>
        </footer>
      </body>
    </html>
  `.value.trimStart();
}
