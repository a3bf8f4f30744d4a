/**
 * The report's tables, shared by several pages (plain HTML: readable without JavaScript; each inside a
 * `div.scroll` that scrolls sideways on a narrow screen).
 *
 * @module
 */
import type { Report, ReportBand, ReportPoint, ReportTest } from "../../core/report/report_schema.ts";
import { type Html, html } from "./html.ts";
import { num, percent, pValue, range } from "./format.ts";
import { MAX_TABLE_ROWS } from "./thin_points.ts";

/** The predictors in reading order: ensemble, baselines, members. */
export function orderedPredictors(report: Report): Report["predictors"] {
  const order = { ensemble: 0, baseline: 1, member: 2 } as const;
  return [...report.predictors].sort((a, b) => order[a.kind] - order[b.kind]);
}

/** Wrap a table so it scrolls sideways instead of widening the page. */
function scroll(table: Html): Html {
  return html`<div class="scroll">${table}</div>`;
}

/** One column of {@link gridTable}: its heading and whether its cells are numbers (right-aligned). */
export interface Column {
  label: string;
  num?: boolean;
  /** A confidence interval (a number column in muted type). */
  ci?: boolean;
}

/**
 * A plain table: a caption, column headings, and rows whose first cell names the row. `wrap`: the table holds
 * sentences, so on a narrow screen it scrolls rather than squeezing them. An empty `rows` shows `empty`.
 */
export function gridTable(
  caption: string,
  columns: Column[],
  rows: (string | number | Html)[][],
  { wrap = false, empty = "None." }: { wrap?: boolean; empty?: string } = {},
): Html {
  return scroll(html`
    <table${wrap
      ? html`
        class="wrap"
      `
      : ""}>
      <caption>${caption}</caption>
      <thead>
        <tr>${columns.map((c) => html`<th scope="col">${c.label}</th>`)}</tr>
      </thead>
      <tbody>${rows.length
        ? rows.map((r) =>
          html`<tr>${
            r.map((v, j) =>
              j === 0 ? html`<th scope="row">${v}</th>` : html`<td${
                columns[j]?.num
                  ? html`
                    class="num"
                  `
                  : ""
              }>${v}</td>`
            )
          }</tr>`
        )
        : html`
          <tr>
            <td colspan="${columns.length}">${empty}</td>
          </tr>
        `}</tbody>
      </table>
  `);
}

/** Metrics of every predictor with their bootstrap intervals. */
export function predictorTable(report: Report): Html {
  const rows = orderedPredictors(report);
  const level = `${report.bootstrap.level * 100}%`;
  return scroll(html`
    <table>
      <caption>Figures on the ${report.counts
        .test} test movies, with ${level} BCa bootstrap confidence intervals (CI, ${report
        .bootstrap.resamples} resamples). Scores in points, 0–10.</caption>
      <thead>
        <tr>
          <th scope="col">Predictor</th>
          <th scope="col">RMSE</th>
          <th scope="col">${level} CI</th>
          <th scope="col">MAE</th>
          <th scope="col">${level} CI</th>
          <th scope="col">R²</th>
          <th scope="col">${level} CI</th>
          <th scope="col">Pearson r</th>
          <th scope="col">SD predicted</th>
        </tr>
      </thead>
      <tbody>${rows.map((p) =>
        html`
          <tr class="${p.kind}">
            <th scope="row" title="${p.description}">${p.label}</th>
            <td class="num">${num(p.metrics.rmse)}</td>
            <td class="num ci">${range(p.intervals.rmse.low, p.intervals.rmse.high)}</td>
            <td class="num">${num(p.metrics.mae)}</td>
            <td class="num ci">${range(p.intervals.mae.low, p.intervals.mae.high)}</td>
            <td class="num">${num(p.metrics.r2)}</td>
            <td class="num ci">${range(p.intervals.r2?.low, p.intervals.r2?.high)}</td>
            <td class="num">${num(p.metrics.pearson)}</td>
            <td class="num">${num(p.metrics.sdPredicted, 2)}</td>
          </tr>
        `
      )}</tbody>
      <tfoot>
        <tr>
          <td colspan="9">Actual scores of these movies: mean ${num(rows[0].metrics.meanActual, 2)}, SD ${num(
            rows[0].metrics.sdActual,
            2,
          )}.</td>
        </tr>
      </tfoot>
    </table>
  `);
}

/** The ensemble against every other predictor: the RMSE difference and its interval. */
export function comparisonTable(report: Report): Html {
  const level = `${report.bootstrap.level * 100}%`;
  return gridTable(
    "RMSE(ensemble) − RMSE(other), points: negative means the ensemble errs less",
    [{ label: "Comparison" }, { label: "Difference", num: true }, { label: `${level} CI`, ci: true }, {
      label: "Reading",
    }],
    report.comparisons.map((c) => [
      html`${c.label}${
        c.best
          ? html`
            <span class="tag">best member</span>
          `
          : ""
      }`,
      num(c.estimate),
      range(c.low, c.high),
      c.reading,
    ]),
    { wrap: true },
  );
}

/** Hypothesis tests as a table: what was tested, the result (raw and adjusted p), the decision, and its reading. */
export function testTable(tests: ReportTest[], caption: string): Html {
  return scroll(html`
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
            <td
              class="result">${t.statisticName} = ${num(
                t.statistic,
                Math.abs(t.statistic) >= 1000 ? 0 : 3,
              )}${t.df === null
                ? ""
                : html`<br>df = ${num(t.df, Number.isInteger(t.df) ? 0 : 1)}`}<br>p ${t.pValue < 0.001
                ? ""
                : "= "}${pValue(t.pValue)}${t.adjustedPValue !== t.pValue
                ? html`<br>Holm p ${t.adjustedPValue < 0.001 ? "" : "= "}${pValue(t.adjustedPValue)}`
                : ""}<br>α = ${t.alpha}</td>
            <td><span class="${t.decision === "reject H0" ? "badge reject" : "badge keep"}">${t
              .decision}</span></td>
            <td>${t.reading}</td>
            <td class="caveat">${t.caveat}</td>
          </tr>
        `
      )}</tbody>
    </table>
  `);
}

/** Movies as a table: title, year, director, genres, actual, predicted, its widest interval, error. */
export function movieTable(all: ReportPoint[], caption: string, { percentError = false } = {}): Html {
  const points = all.slice(0, MAX_TABLE_ROWS);
  const level = points[0]?.intervals.at(-1)?.level;
  if (points.length < all.length) caption += ` (the first ${points.length} shown; outliers.csv has them all)`;
  return scroll(html`
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
          ${level ? html`<th scope="col">${Math.round(level * 100)}% prediction interval</th>` : ""}
          <th scope="col">Error</th>
          ${percentError ? html`<th scope="col">% error</th>` : ""}
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
            ${level
              ? html`<td class="num ci">${range(p.intervals.at(-1)!.low, p.intervals.at(-1)!.high, 2)}</td>`
              : ""}
            <td class="num">${num(p.error, 2)}</td>
            ${percentError ? html`<td class="num">${num(p.percentError, 1)}</td>` : ""}
          </tr>
        `
      )}</tbody>
    </table>
  `);
}

/** Errors by band: n, bias with interval, RMSE with interval, MAE. */
export function bandTable(bands: ReportBand[], caption: string, level: number): Html {
  const pct = `${level * 100}%`;
  return gridTable(
    caption,
    [
      { label: "Band" },
      { label: "Movies", num: true },
      { label: "Bias (mean error)", num: true },
      { label: `${pct} CI`, ci: true },
      { label: "RMSE", num: true },
      { label: `${pct} CI`, ci: true },
      { label: "MAE", num: true },
    ],
    bands.map((b) => [
      b.label,
      b.n,
      num(b.bias),
      range(b.biasLow, b.biasHigh),
      num(b.rmse),
      range(b.rmseLow, b.rmseHigh),
      num(b.mae),
    ]),
  );
}

/** Coverage of each interval level, with its interval and the intervals' width. */
export function coverageTable(intervals: NonNullable<Report["intervals"]>): Html {
  return gridTable(
    "Coverage of the prediction intervals on the test movies",
    [
      { label: "Nominal" },
      { label: "Half-width (points)", num: true },
      { label: "Covered", num: true },
      { label: "Coverage", num: true },
      { label: `${percent(intervals.levels[0]?.level, 0)} CI of coverage`, ci: true },
      { label: "Mean width", num: true },
    ],
    intervals.levels.map((l) => [
      percent(l.nominal, 0),
      l.halfWidth === null ? "whole range" : `± ${num(l.halfWidth)}`,
      `${l.count} of ${l.n}`,
      percent(l.rate),
      `${percent(l.low)} to ${percent(l.high)}`,
      num(l.meanWidth, 2),
    ]),
  );
}

/** Coverage per band of predicted score. */
export function bandCoverageTable(intervals: NonNullable<Report["intervals"]>): Html {
  return gridTable(
    "Coverage by band of predicted score",
    [
      { label: "Predicted" },
      { label: "Movies", num: true },
      ...intervals.levels.map((l) => ({ label: `${percent(l.nominal, 0)} prediction interval`, num: true })),
    ],
    intervals.byBand.map((b) => [b.label, b.n, ...b.rates.map((r) => percent(r))]),
  );
}

/** Two columns of names and values. */
export function keyValueTable(caption: string, entries: [string, string | number | Html][]): Html {
  return scroll(html`
    <table class="kv">
      <caption>${caption}</caption>
      <tbody>${entries.map(([k, v]) =>
        html`
          <tr>
            <th scope="row">${k}</th>
            <td>${v}</td>
          </tr>
        `
      )}</tbody>
    </table>
  `);
}

/** Gaussian fits as a table. */
export function fitTable(fits: Report["fits"], caption: string): Html {
  return gridTable(
    caption,
    [{ label: "Series" }, { label: "n", num: true }, { label: "Mean", num: true }, {
      label: "SD",
      num: true,
    }],
    fits.map((f) => [f.series, f.n, num(f.mean), num(f.sd)]),
  );
}
