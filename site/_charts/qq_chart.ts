/**
 * A normal QQ plot of the errors: sorted errors against standard-normal quantiles. Normal errors lie on a
 * straight line; heavy tails bend away from it at both ends.
 *
 * @module
 */
import * as Plot from "@observablehq/plot";
import type { Report } from "../../core/report/report_schema.ts";
import type { Html } from "../_lib/html.ts";
import { chartOptions } from "./chart_options.ts";
import { figure } from "./figure.ts";
import { ROLE_COLORS } from "./palette.ts";
import type { PlotDocument } from "./plot_document.ts";
import { extent } from "../../core/extent.ts";

/** Render `errors.qq` with the robust reference line median + MAD·z. */
export function qqChart(
  errors: Report["errors"],
  { median, mad }: { median: number; mad: number },
  { document }: { document: PlotDocument },
): Html {
  const points = errors.qq.theoretical.map((z, i) => ({ z, e: errors.qq.sample[i] }));
  const zs = errors.qq.theoretical;
  const { min: zLo, max: zHi } = extent(zs);
  const svg = Plot.plot({
    ...chartOptions(document, 380, { label: "Standard normal quantile →" }),
    grid: true,
    inset: 8,
    y: { label: "↑ Error (points), sorted" },
    marks: [
      Plot.line([[zLo, median + mad * zLo], [zHi, median + mad * zHi]], {
        stroke: ROLE_COLORS.reference,
        strokeDasharray: "5 4",
        strokeWidth: 1.5,
      }),
      Plot.dot(points, { x: "z", y: "e", r: 2.2, fill: ROLE_COLORS.error, fillOpacity: 0.6 }),
    ],
  } as Plot.PlotOptions);
  return figure({
    title: "Normal QQ plot of the errors",
    description: `${errors.qq.sample.length} sorted errors${
      errors.qq.sample.length < errors.n ? ` (evenly spaced among ${errors.n})` : ""
    } against the quantiles a normal distribution would give. The dashed line is the normal distribution with the errors' median and robust spread (MAD): points bending away from it at the ends are heavier tails than a normal distribution has.`,
    svg,
    legend: [{ label: "normal reference (median, MAD)", color: ROLE_COLORS.reference, line: true }],
  });
}
