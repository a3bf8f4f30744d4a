/**
 * Errors (predicted − actual) against the prediction, one dot per test movie, with the zero line and the
 * fitted line: what a user holding a prediction can expect of its error.
 *
 * @module
 */
import * as Plot from "@observablehq/plot";
import type { ReportLinearFit, ReportPoint } from "../../core/report/report_schema.ts";
import type { Html } from "../_lib/html.ts";
import { chartOptions } from "./chart_options.ts";
import { figure } from "./figure.ts";
import { ROLE_COLORS } from "./palette.ts";
import type { PlotDocument } from "./plot_document.ts";
import { extent } from "../../core/extent.ts";
import { thinPoints } from "../_lib/thin_points.ts";

/** Render the errors of `points` against their predictions, with `fit` (error on prediction) drawn when given. */
export function residualChart(
  points: Pick<ReportPoint, "predicted" | "error" | "title">[],
  { document, fit = null }: { document: PlotDocument; fit?: ReportLinearFit | null },
): Html {
  const xs = points.map((p) => p.predicted);
  const thin = thinPoints(points);
  const { min: lo, max: hi } = extent(xs);
  const line = fit ? [[lo, fit.intercept + fit.slope * lo], [hi, fit.intercept + fit.slope * hi]] : [];
  const svg = Plot.plot({
    ...chartOptions(document, 360, { label: "Averaged prediction (points, 0–10) →" }),
    grid: true,
    inset: 8,
    y: { label: "↑ Error: predicted − actual (points)" },
    marks: [
      Plot.ruleY([0], { stroke: ROLE_COLORS.reference, strokeWidth: 1.5 }),
      Plot.dot(thin.shown, {
        x: "predicted",
        y: "error",
        r: 2.5,
        fill: ROLE_COLORS.error,
        fillOpacity: 0.45,
        title: (p: ReportPoint) =>
          `${p.title}: predicted ${p.predicted.toFixed(2)}, error ${p.error.toFixed(2)}`,
      }),
      Plot.line(line, { stroke: "#222", strokeWidth: 2, strokeDasharray: "6 3" }),
    ],
  } as Plot.PlotOptions);
  return figure({
    title: "Errors vs prediction",
    description:
      `Each of the ${points.length} dots is a held-out movie: the ensemble's prediction across, its error up (above 0: over-predicted).${
        fit
          ? ` The dashed line is the least-squares fit (slope ${
            fit.slope.toFixed(3)
          }): flat means that, given a prediction, the error has no trend.`
          : ""
      }${thin.note}`,
    svg,
    legend: fit ? [{ label: "least-squares line", color: "#222", line: true }] : [],
  });
}
