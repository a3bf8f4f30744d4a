/**
 * The options every chart shares (Plot keeps per-mark defaults the same way): size, margins, axis-label
 * offsets and type size, so all charts read alike and stay legible when a phone scrolls them.
 *
 * @module
 */
import type { PlotDocument } from "./plot_document.ts";

/** Shared sizes, in SVG pixels. */
export const CHART = {
  width: 640,
  marginLeft: 58,
  marginRight: 20,
  marginBottom: 46,
  marginTop: 24,
  /** Distance of the x-axis label below the axis. */
  xLabelOffset: 38,
  fontSize: 13,
} as const;

/** Plot options every chart starts from: `document`, `height`, margins, type size and the axes' label placement. */
export function chartOptions(document: PlotDocument, height: number, x: Record<string, unknown> = {}) {
  return {
    document,
    width: CHART.width,
    height,
    marginLeft: CHART.marginLeft,
    marginRight: CHART.marginRight,
    marginBottom: CHART.marginBottom,
    marginTop: CHART.marginTop,
    style: { fontSize: `${CHART.fontSize}px` },
    x: { labelAnchor: "center", labelOffset: CHART.xLabelOffset, ...x },
  };
}
