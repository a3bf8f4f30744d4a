/**
 * One horizontal bar per predictor for a metric (RMSE, say) with its bootstrap interval as an error bar, so the
 * ensemble is read against its baselines and members with the uncertainty of each figure.
 *
 * @module
 */
import * as Plot from "@observablehq/plot";
import type { ReportPredictor } from "../../core/report/report_schema.ts";
import type { Html } from "../_lib/html.ts";
import { chartOptions } from "./chart_options.ts";
import { figure } from "./figure.ts";
import { ROLE_COLORS, seriesColor } from "./palette.ts";
import type { PlotDocument } from "./plot_document.ts";
import { extent } from "../../core/extent.ts";

/** Render `metric` of each predictor as a labelled bar with its interval, in the given order. */
export function metricBarChart(
  predictors: Pick<ReportPredictor, "id" | "label" | "kind" | "metrics" | "intervals">[],
  { document, metric = "rmse", label = "RMSE (points) →" }: {
    document: PlotDocument;
    metric?: "rmse" | "mae";
    label?: string;
  },
): Html {
  const rows = predictors.map((p) => ({
    id: p.id,
    label: p.label,
    value: p.metrics[metric],
    low: p.intervals[metric].low ?? p.metrics[metric],
    high: p.intervals[metric].high ?? p.metrics[metric],
  }));
  const level = predictors[0]?.intervals[metric].level ?? 0.95;
  const options = chartOptions(document, 56 + 30 * rows.length, {
    label,
    grid: true,
    domain: [0, extent(rows.map((r) => r.high)).max * 1.15],
  });
  const svg = Plot.plot({
    ...options,
    marginLeft: 200,
    color: { domain: rows.map((r) => r.id), range: rows.map((r) => seriesColor(r.id)) },
    y: { domain: rows.map((r) => r.label), label: "Predictor" },
    marks: [
      Plot.barX(rows, { x: "value", y: "label", fill: "id", fillOpacity: 0.85 }),
      Plot.ruleY(rows, { y: "label", x1: "low", x2: "high", stroke: "#222", strokeWidth: 1.5 }),
      Plot.tickX(rows, { x: "low", y: "label", stroke: "#222", inset: 8 }),
      Plot.tickX(rows, { x: "high", y: "label", stroke: "#222", inset: 8 }),
      Plot.text(rows, {
        x: "high",
        y: "label",
        text: (r: { value: number }) => r.value.toFixed(3),
        textAnchor: "start",
        dx: 6,
      }),
      Plot.ruleX([0]),
    ],
  } as Plot.PlotOptions);
  return figure({
    title: `${metric.toUpperCase()} of every predictor on the test movies`,
    description:
      `Shorter is better. Each bar is a predictor's ${metric.toUpperCase()} on the same test movies; the black line is its ${
        level * 100
      }% bootstrap interval. The ensemble is orange, its members purple, the two baselines fitted on the training rows teal.`,
    svg,
    legend: [
      { label: "ensemble", color: ROLE_COLORS.prediction },
      { label: "members", color: ROLE_COLORS.members[0] },
      { label: "baselines", color: seriesColor("baseline") },
      { label: `${level * 100}% interval`, color: "#222", line: true },
    ],
  });
}
