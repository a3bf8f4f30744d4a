/**
 * One horizontal bar per predictor for a metric (RMSE, say), so the ensemble is read against its baselines.
 *
 * @module
 */
import * as Plot from "@observablehq/plot";
import type { ReportPredictor } from "../../core/report/report_schema.ts";
import type { Html } from "../_lib/html.ts";
import { figure } from "./figure.ts";
import { seriesColor } from "./palette.ts";
import type { PlotDocument } from "./plot_document.ts";

/** Render `metric` of each predictor as a labelled bar, in the given order. */
export function metricBarChart(
  predictors: Pick<ReportPredictor, "label" | "kind" | "metrics">[],
  { document, metric = "rmse", label = "RMSE (points) →" }: {
    document: PlotDocument;
    metric?: "rmse" | "mae";
    label?: string;
  },
): Html {
  const rows = predictors.map((p) => ({ label: p.label, kind: p.kind, value: p.metrics[metric] }));
  const kinds = ["ensemble", "member", "baseline"];
  const svg = Plot.plot({
    document,
    width: 640,
    height: 50 + 28 * rows.length,
    marginLeft: 190,
    marginRight: 50,
    marginBottom: 40,
    color: { domain: kinds, range: kinds.map((k) => seriesColor(k)) },
    x: { label, labelAnchor: "center", labelOffset: 32, grid: true },
    y: { domain: rows.map((r) => r.label), label: "Predictor" },
    marks: [
      Plot.barX(rows, { x: "value", y: "label", fill: "kind" }),
      Plot.text(rows, {
        x: "value",
        y: "label",
        text: (r: { value: number }) => r.value.toFixed(3),
        textAnchor: "start",
        dx: 4,
      }),
      Plot.ruleX([0]),
    ],
  } as Plot.PlotOptions);
  return figure({
    title: `${metric.toUpperCase()} of every predictor on the test movies`,
    description:
      `Shorter is better. The ensemble (orange), each member (grey) and the two baselines fitted on the training rows (teal): the training mean, and ridge regression on the same features.`,
    svg,
    legend: kinds.map((k) => ({ label: k, color: seriesColor(k) })),
  });
}
