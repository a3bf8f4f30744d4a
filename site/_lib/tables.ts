/**
 * The report's tables, shared by several pages (plain HTML: readable without JavaScript).
 *
 * @module
 */
import type { Report, ReportPoint, ReportTest } from "../../core/report/report_schema.ts";
import { type Html, html } from "./html.ts";
import { num, pValue } from "./format.ts";

/** Metrics of every predictor, ensemble first, then baselines, then members. */
export function predictorTable(report: Report): Html {
  const order = { ensemble: 0, baseline: 1, member: 2 } as const;
  const rows = [...report.predictors].sort((a, b) => order[a.kind] - order[b.kind]);
  return html`
    <div class="scroll">
      <table>
        <caption>Figures on the ${report.counts
          .test} test movies (scores in points, 0–10; percent errors in % of the actual score)</caption>
        <thead>
          <tr>
            <th scope="col">Predictor</th>
            <th scope="col">RMSE</th>
            <th scope="col">MAE</th>
            <th scope="col">R²</th>
            <th scope="col">Pearson r</th>
            <th scope="col">Mean predicted</th>
            <th scope="col">SD predicted</th>
            <th scope="col">Mean % error</th>
            <th scope="col">SD % error</th>
          </tr>
        </thead>
        <tbody>${rows.map((p) =>
          html`
            <tr class="${p.kind}">
              <th scope="row" title="${p.description}">${p.label}</th>
              <td class="num">${num(p.metrics.rmse)}</td>
              <td class="num">${num(p.metrics.mae)}</td>
              <td class="num">${num(p.metrics.r2)}</td>
              <td class="num">${num(p.metrics.pearson)}</td>
              <td class="num">${num(p.metrics.meanPredicted, 2)}</td>
              <td class="num">${num(p.metrics.sdPredicted, 2)}</td>
              <td class="num">${num(p.metrics.meanPercentError, 1)}</td>
              <td class="num">${num(p.metrics.sdPercentError, 1)}</td>
            </tr>
          `
        )}</tbody>
        <tfoot>
          <tr>
            <td colspan="9">Actual scores of these movies: mean ${num(
              rows[0].metrics.meanActual,
              2,
            )}, SD ${num(rows[0].metrics.sdActual, 2)}.</td>
          </tr>
        </tfoot>
      </table>
    </div>
  `;
}

/** Hypothesis tests as a table: what was tested, the result, and what it does and does not show. */
export function testTable(tests: ReportTest[], caption: string): Html {
  return html`
    <div class="scroll">
      <table class="tests">
        <caption>${caption}</caption>
        <thead>
          <tr>
            <th scope="col">Test and null hypothesis (H0)</th>
            <th scope="col">Result</th>
            <th scope="col">Decision</th>
            <th scope="col">What it shows</th>
            <th scope="col">What it does not show</th>
          </tr>
        </thead>
        <tbody>${tests.map((t) =>
          html`
            <tr>
              <th scope="row">${t.name}<span class="h0">H0: ${t.hypothesis}</span><small>${t
                .method}</small></th>
              <td class="num">${t.statisticName} = ${num(t.statistic, 3)}${t.df === null
                ? ""
                : html`<br>df = ${num(t.df, Number.isInteger(t.df) ? 0 : 1)}`}<br>p ${t.pValue < 0.001
                ? ""
                : "= "}${pValue(t.pValue)}<br>α = ${t.alpha}</td>
              <td><span class="${t.decision === "reject H0" ? "badge reject" : "badge keep"}">${t
                .decision}</span></td>
              <td>${t.reading}</td>
              <td class="caveat">${t.caveat}</td>
            </tr>
          `
        )}</tbody>
      </table>
    </div>
  `;
}

/** Movies as a table: title, year, director, genres, actual, predicted, error, percent error. */
export function movieTable(points: ReportPoint[], caption: string): Html {
  return html`
    <div class="scroll">
      <table class="movies">
        <caption>${caption}</caption>
        <thead>
          <tr>
            <th scope="col">Title</th>
            <th scope="col">Year</th>
            <th scope="col">Director</th>
            <th scope="col">Genres</th>
            <th scope="col">Actual</th>
            <th scope="col">Predicted</th>
            <th scope="col">Error</th>
            <th scope="col">% error</th>
          </tr>
        </thead>
        <tbody>${points.map((p) =>
          html`
            <tr>
              <th scope="row">${p.title}</th>
              <td>${p.year ?? "—"}</td>
              <td>${p.director ?? "—"}</td>
              <td>${p.genres.join(", ")}</td>
              <td class="num">${num(p.actual, 1)}</td>
              <td class="num">${num(p.predicted, 2)}</td>
              <td class="num">${num(p.error, 2)}</td>
              <td class="num">${num(p.percentError, 1)}</td>
            </tr>
          `
        )}</tbody>
      </table>
    </div>
  `;
}

/** Gaussian fits as a table. */
export function fitTable(fits: Report["fits"], caption: string): Html {
  return html`
    <div class="scroll">
      <table>
        <caption>${caption}</caption>
        <thead>
          <tr>
            <th scope="col">Series</th>
            <th scope="col">n</th>
            <th scope="col">Mean</th>
            <th scope="col">SD</th>
          </tr>
        </thead>
        <tbody>${fits.map((f) =>
          html`
            <tr>
              <th scope="row">${f.series}</th>
              <td class="num">${f.n}</td>
              <td class="num">${num(f.mean)}</td>
              <td class="num">${num(f.sd)}</td>
            </tr>
          `
        )}</tbody>
      </table>
    </div>
  `;
}
