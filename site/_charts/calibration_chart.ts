/**
 * The calibration plot: the mean actual score of movies grouped by their prediction, with intervals, against
 * the line y = x where a calibrated model's groups lie.
 *
 * @module
 */
import * as Plot from "@observablehq/plot";
import type { Report, ReportPoint } from "../../core/report/report_schema.ts";
import type { Html } from "../_lib/html.ts";
import { chartOptions } from "./chart_options.ts";
import { figure } from "./figure.ts";
import { ROLE_COLORS } from "./palette.ts";
import type { PlotDocument } from "./plot_document.ts";
import { extent } from "../../core/extent.ts";
import { thinPoints } from "../_lib/thin_points.ts";

/** Render `calibration`'s bins over the faint cloud of `points`. */
export function calibrationChart(
  calibration: NonNullable<Report["calibration"]>,
  points: Pick<ReportPoint, "actual" | "predicted">[],
  { document, level }: { document: PlotDocument; level: number },
): Html {
  const values = points.flatMap((p) => [p.actual, p.predicted]);
  const { min, max } = extent(values);
  const lo = Math.floor(min), hi = Math.ceil(max);
  const { fit, bins } = calibration;
  const withBars = bins.filter((b) => b.low !== null && b.high !== null);
  const svg = Plot.plot({
    ...chartOptions(document, 520, { domain: [lo, hi], label: "Averaged prediction (points) →" }),
    grid: true,
    inset: 8,
    y: { domain: [lo, hi], label: "↑ Actual score (points)" },
    marks: [
      Plot.dot(thinPoints(points).shown, {
        x: "predicted",
        y: "actual",
        r: 1.8,
        fill: ROLE_COLORS.actual,
        fillOpacity: 0.18,
      }),
      Plot.line([[lo, lo], [hi, hi]], {
        stroke: ROLE_COLORS.reference,
        strokeDasharray: "5 4",
        strokeWidth: 1.5,
      }),
      Plot.line([[lo, fit.intercept + fit.slope * lo], [hi, fit.intercept + fit.slope * hi]], {
        stroke: "#222",
        strokeWidth: 1.5,
      }),
      Plot.ruleX(withBars, {
        x: "predicted",
        y1: "low",
        y2: "high",
        stroke: ROLE_COLORS.actual,
        strokeWidth: 2,
      }),
      Plot.dot(bins, {
        x: "predicted",
        y: "actual",
        r: 4.5,
        fill: ROLE_COLORS.actual,
        stroke: "white",
        title: (b: { n: number; predicted: number; actual: number }) =>
          `${b.n} movies predicted ${b.predicted.toFixed(2)} on average: actual ${b.actual.toFixed(2)}`,
      }),
    ],
  } as Plot.PlotOptions);
  return figure({
    title: "Calibration: actual score by prediction",
    description:
      `The test movies are sorted by their prediction into ${bins.length} groups of equal size; each large dot is a group's mean prediction across and mean actual score up, with its ${
        level * 100
      }% interval. A calibrated model's groups lie on the dashed line y = x. The solid line is the least-squares fit of actual on predicted (slope ${
        fit.slope.toFixed(3)
      }, intercept ${fit.intercept.toFixed(3)}); faint dots are single movies.`,
    svg,
    legend: [
      { label: "group mean and interval", color: ROLE_COLORS.actual },
      { label: "y = x", color: ROLE_COLORS.reference, line: true },
      { label: "fitted line", color: "#222", line: true },
    ],
  });
}
