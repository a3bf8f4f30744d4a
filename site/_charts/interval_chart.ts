/**
 * Prediction intervals of a sample of test movies, ordered by prediction, with each movie's actual score: the
 * conformal intervals as a reader of one prediction would see them.
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

/** Render the intervals of up to `count` movies spread evenly over the prediction order. */
export function intervalChart(
  points: Pick<ReportPoint, "title" | "actual" | "predicted" | "intervals">[],
  { document, count = 60 }: { document: PlotDocument; count?: number },
): Html {
  const order = points.map((_, i) => i).sort((a, b) => points[a].predicted - points[b].predicted);
  const picked = order.length <= count
    ? order
    : Array.from({ length: count }, (_, k) => order[Math.round((k * (order.length - 1)) / (count - 1))]);
  const rows = picked.map((i, rank) => {
    const p = points[i];
    const wide = p.intervals.at(-1)!, narrow = p.intervals[0];
    return {
      rank: rank + 1,
      title: p.title,
      actual: p.actual,
      predicted: p.predicted,
      low: wide.low,
      high: wide.high,
      low80: narrow.low,
      high80: narrow.high,
      outside: p.actual < wide.low || p.actual > wide.high,
    };
  });
  const levels = points[0].intervals.map((i) => `${Math.round(i.level * 100)}%`);
  const svg = Plot.plot({
    ...chartOptions(document, 380, { label: "Movies, ordered by prediction →", ticks: [] }),
    y: { label: "↑ Score (points)", grid: true },
    marks: [
      Plot.ruleX(rows, {
        x: "rank",
        y1: "low",
        y2: "high",
        stroke: ROLE_COLORS.prediction,
        strokeOpacity: 0.35,
        strokeWidth: 5,
      }),
      Plot.ruleX(rows, {
        x: "rank",
        y1: "low80",
        y2: "high80",
        stroke: ROLE_COLORS.prediction,
        strokeWidth: 5,
      }),
      Plot.tickY(rows, { x: "rank", y: "predicted", stroke: "#222", strokeWidth: 1.5 }),
      Plot.dot(rows, {
        x: "rank",
        y: "actual",
        r: 3,
        fill: (r: { outside: boolean }) => (r.outside ? ROLE_COLORS.error : ROLE_COLORS.actual),
        title: (r: { title: string; actual: number; low: number; high: number }) =>
          `${r.title}: actual ${r.actual.toFixed(1)}, ${levels.at(-1)} interval ${r.low.toFixed(2)} to ${
            r.high.toFixed(2)
          }`,
      }),
    ],
  } as Plot.PlotOptions);
  return figure({
    title: "Prediction intervals of test movies",
    description:
      `${rows.length} test movies spread evenly over the range of predictions: the dark bar is the ${
        levels[0]
      } interval, the light bar the ${
        levels.at(-1)
      } interval, the black tick the prediction and the dot the actual score (red when outside the ${
        levels.at(-1)
      } interval).`,
    svg,
    legend: [
      { label: `${levels[0]} interval`, color: ROLE_COLORS.prediction },
      { label: `${levels.at(-1)} interval`, color: "#f9c995" },
      { label: "actual score", color: ROLE_COLORS.actual },
      { label: "actual, outside", color: ROLE_COLORS.error },
    ],
  });
}
