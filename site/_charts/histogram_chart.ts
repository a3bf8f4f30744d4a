/**
 * Overlaid histograms (as densities) of several series on shared bins, each with its fitted Gaussian curve when
 * the histogram carries one.
 *
 * @module
 */
import * as Plot from "@observablehq/plot";
import type { ReportHistogram } from "../../core/report/report_schema.ts";
import type { Html } from "../_lib/html.ts";
import { chartOptions } from "./chart_options.ts";
import { figure, type LegendItem } from "./figure.ts";
import { seriesColor } from "./palette.ts";
import type { PlotDocument } from "./plot_document.ts";

/** Options of {@link histogramChart}. */
export interface HistogramChartOptions {
  document: PlotDocument;
  title: string;
  description: string;
  /** Vertical reference lines, e.g. outlier cut-offs, with labels (stacked so they never overlap). */
  rules?: { x: number; label: string }[];
  /** Draw the fitted Gaussians the histogram carries. @default true */
  curves?: boolean;
}

/** Render `h` as overlaid, semi-transparent density histograms, with one Gaussian curve per series if asked. */
export function histogramChart(
  h: ReportHistogram,
  { document, title, description, rules = [], curves = true }: HistogramChartOptions,
): Html {
  const series = h.fits.map((f) => f.series);
  const range = series.map((s) => seriesColor(s));
  const drawn = curves ? h.curves : [];
  // Labels stack from the top, one line each, on the side of their rule away from the others.
  const sorted = [...rules].sort((a, b) => a.x - b.x);
  const labels = sorted.map((r, i) => ({
    ...r,
    dy: 6 + 18 * i,
    anchor: (i === 0 && sorted.length > 1 ? "end" : "start") as "end" | "start",
  }));
  const svg = Plot.plot({
    ...chartOptions(document, 340, { label: `${h.unit} →` }),
    color: { domain: series, range },
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
      Plot.line(drawn, { x: "x", y: "density", z: "series", stroke: "series", strokeWidth: 2.2 }),
      Plot.ruleY([0]),
      Plot.ruleX(sorted, { x: "x", stroke: "#333", strokeDasharray: "4 3" }),
      ...labels.map((l) =>
        Plot.text([l], {
          x: "x",
          text: "label",
          frameAnchor: "top",
          dy: l.dy,
          dx: l.anchor === "end" ? -4 : 4,
          textAnchor: l.anchor,
          fill: "#333",
        })
      ),
    ],
  } as Plot.PlotOptions);
  const legend: LegendItem[] = series.flatMap((s, i) => [
    { label: drawn.length ? `${s} (bars)` : s, color: range[i] },
    ...(drawn.some((c) => c.series === s)
      ? [{ label: `${s}: fitted Gaussian`, color: range[i], line: true }]
      : []),
  ]);
  return figure({ title, description, svg, legend });
}
