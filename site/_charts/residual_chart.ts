/**
 * Residuals (predicted − actual) against the actual score, one dot per test movie, with the zero line.
 *
 * @module
 */
import * as Plot from "@observablehq/plot";
import type { ReportPoint } from "../../core/report/report_schema.ts";
import type { Html } from "../_lib/html.ts";
import { figure } from "./figure.ts";
import { seriesColor } from "./palette.ts";
import type { PlotDocument } from "./plot_document.ts";

/** Render the residuals of `points` against their actual scores. */
export function residualChart(
  points: Pick<ReportPoint, "actual" | "error" | "title">[],
  { document }: { document: PlotDocument },
): Html {
  const svg = Plot.plot({
    document,
    width: 640,
    height: 360,
    marginLeft: 55,
    marginBottom: 45,
    grid: true,
    inset: 8,
    x: { label: "Actual IMDb score (points, 0–10) →", labelAnchor: "center", labelOffset: 36 },
    y: { label: "↑ Error: predicted − actual (points)" },
    marks: [
      Plot.ruleY([0], { stroke: "#555", strokeWidth: 1.5 }),
      Plot.dot(points, {
        x: "actual",
        y: "error",
        r: 2.5,
        fill: seriesColor("Averaged prediction"),
        fillOpacity: 0.55,
        title: (p: ReportPoint) => `${p.title}: actual ${p.actual.toFixed(1)}, error ${p.error.toFixed(2)}`,
      }),
    ],
  } as Plot.PlotOptions);
  return figure({
    title: "Residuals vs actual score",
    description:
      `Each of the ${points.length} dots is a held-out movie: its actual score across, the ensemble's error up (above 0: over-predicted). A downward slope means low-rated movies are over-predicted and high-rated ones under-predicted.`,
    svg,
  });
}
