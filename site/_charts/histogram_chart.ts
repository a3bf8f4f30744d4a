/**
 * Overlaid histograms (as densities) of several series on shared bins, each with its fitted Gaussian curve.
 *
 * @module
 */
import * as Plot from "@observablehq/plot";
import type { ReportHistogram } from "../../core/report/report_schema.ts";
import type { Html } from "../_lib/html.ts";
import { figure } from "./figure.ts";
import { seriesColor } from "./palette.ts";
import type { PlotDocument } from "./plot_document.ts";

/** Options of {@link histogramChart}. */
export interface HistogramChartOptions {
  document: PlotDocument;
  title: string;
  description: string;
  /** Vertical reference lines, e.g. outlier cut-offs, with labels. */
  rules?: { x: number; label: string }[];
}

/** Render `h` as overlaid, semi-transparent density histograms with one Gaussian curve per series. */
export function histogramChart(
  h: ReportHistogram,
  { document, title, description, rules = [] }: HistogramChartOptions,
): Html {
  const series = h.fits.map((f) => f.series);
  const range = series.map((s, i) => seriesColor(s, i));
  const svg = Plot.plot({
    document,
    width: 640,
    height: 340,
    marginLeft: 55,
    marginBottom: 45,
    color: { domain: series, range },
    x: { label: `${h.unit} →`, labelAnchor: "center", labelOffset: 36 },
    y: { label: "↑ Density (share of movies per unit)", grid: true },
    marks: [
      Plot.rectY(h.bins, {
        x1: "x0",
        x2: "x1",
        y1: 0, // overlaid, not stacked: each series is drawn from 0
        y2: "density",
        fill: "series",
        fillOpacity: series.length > 1 ? 0.4 : 0.6,
        insetLeft: 0.5,
        insetRight: 0.5,
      }),
      Plot.line(h.curves, { x: "x", y: "density", z: "series", stroke: "series", strokeWidth: 2.2 }),
      Plot.ruleY([0]),
      Plot.ruleX(rules, { x: "x", stroke: "#333", strokeDasharray: "4 3" }),
      Plot.text(rules, {
        x: "x",
        text: "label",
        frameAnchor: "top",
        dy: 4,
        dx: 4,
        textAnchor: "start",
        fill: "#333",
      }),
    ],
  } as Plot.PlotOptions);
  return figure({
    title,
    description,
    svg,
    legend: series.flatMap((s, i) => [
      { label: `${s} (bars)`, color: range[i] },
      { label: `${s}: fitted Gaussian`, color: range[i], line: true },
    ]),
  });
}
