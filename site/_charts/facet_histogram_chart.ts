/**
 * Small multiples: one density histogram per series (one row each) on shared bins and axes.
 *
 * @module
 */
import * as Plot from "@observablehq/plot";
import type { ReportHistogram } from "../../core/report/report_schema.ts";
import type { Html } from "../_lib/html.ts";
import { chartOptions } from "./chart_options.ts";
import { figure } from "./figure.ts";
import { seriesColor } from "./palette.ts";
import type { PlotDocument } from "./plot_document.ts";

/** Render `h` as one histogram per series, stacked vertically. */
export function facetHistogramChart(
  h: ReportHistogram,
  { document, title, description }: { document: PlotDocument; title: string; description: string },
): Html {
  const series = h.fits.map((f) => f.series);
  const range = series.map((s) => seriesColor(s));
  const svg = Plot.plot({
    ...chartOptions(document, 40 + 120 * series.length, { label: `${h.unit} →` }),
    marginRight: 130,
    color: { domain: series, range },
    fy: { domain: series, label: null },
    y: { label: "↑ Density", grid: true, ticks: 3 },
    marks: [
      Plot.rectY(h.bins, {
        x1: "x0",
        x2: "x1",
        y1: 0, // overlaid, not stacked
        y2: "density",
        fy: "series",
        fill: "series",
        fillOpacity: 0.6,
        insetLeft: 0.5,
        insetRight: 0.5,
      }),
      Plot.ruleY([0]),
    ],
  } as Plot.PlotOptions);
  return figure({ title, description, svg });
}
