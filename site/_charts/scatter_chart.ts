/**
 * Predicted against actual score, one dot per test movie, with the identity line y = x.
 *
 * @module
 */
import * as Plot from "@observablehq/plot";
import type { ReportPoint } from "../../core/report/report_schema.ts";
import type { Html } from "../_lib/html.ts";
import { chartOptions } from "./chart_options.ts";
import { figure } from "./figure.ts";
import { ROLE_COLORS } from "./palette.ts";
import type { PlotDocument } from "./plot_document.ts";
import { extent } from "../../core/extent.ts";
import { thinPoints } from "../_lib/thin_points.ts";

/** Render the prediction-vs-actual scatter of `points` with `document` (a server-side DOM). */
export function scatterChart(
  points: Pick<ReportPoint, "actual" | "predicted" | "title">[],
  { document, title = "Averaged prediction vs actual score" }: { document: PlotDocument; title?: string },
): Html {
  const values = points.flatMap((p) => [p.actual, p.predicted]);
  const thin = thinPoints(points);
  const { min, max } = extent(values);
  const lo = Math.floor(min);
  const hi = Math.ceil(max);
  const svg = Plot.plot({
    ...chartOptions(document, 560, {
      domain: [lo, hi],
      label: "Actual IMDb score (points, 0–10) →",
      ticks: 10,
    }),
    grid: true,
    inset: 8,
    y: { domain: [lo, hi], label: "↑ Averaged prediction (points, 0–10)", ticks: 10 },
    marks: [
      Plot.line([[lo, lo], [hi, hi]], {
        stroke: ROLE_COLORS.reference,
        strokeDasharray: "5 4",
        strokeWidth: 1.5,
      }),
      Plot.text([[hi, hi]], {
        text: () => "y = x (perfect prediction)",
        textAnchor: "end",
        dx: -4,
        dy: -8,
        fill: ROLE_COLORS.reference,
      }),
      Plot.dot(thin.shown, {
        x: "actual",
        y: "predicted",
        r: 2.5,
        fill: ROLE_COLORS.prediction,
        fillOpacity: 0.55,
        title: (p: ReportPoint) =>
          `${p.title}: actual ${p.actual.toFixed(1)}, predicted ${p.predicted.toFixed(2)}`,
      }),
    ],
  } as Plot.PlotOptions);
  return figure({
    title,
    description:
      `Each of the ${points.length} dots is a held-out movie: its actual score across, the ensemble's averaged prediction up. Dots on the dashed line are predicted exactly; dots above it are over-predicted. The cloud is flatter than the line because predictions spread less than scores, as any imperfect predictor's do (see the calibration chart on the errors page).${thin.note}`,
    svg,
  });
}
