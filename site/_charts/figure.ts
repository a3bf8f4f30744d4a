/**
 * The accessible wrapper of every chart: a `<figure>` whose caption holds the title and a plain description,
 * with the SVG labelled by the same title and description. The SVG sits in a `div.plot` that scrolls sideways
 * on a narrow screen rather than shrinking the chart's text.
 *
 * @module
 */
import { type Html, html, raw } from "../_lib/html.ts";
import type { PlotElement } from "./plot_document.ts";

/** One legend entry: a label and its colour. */
export interface LegendItem {
  label: string;
  color: string;
  /** Draw as a line (curve) rather than a filled box. */
  line?: boolean;
}

/** Options of {@link figure}. */
export interface FigureOptions {
  /** Short title, shown above the chart and used as the SVG's accessible name. */
  title: string;
  /** What the chart shows, in a sentence or two (also the SVG's accessible description). */
  description: string;
  /** The chart, as Plot made it. */
  svg: PlotElement;
  legend?: LegendItem[];
}

/** Wrap a Plot SVG in a captioned, labelled `<figure>`. */
export function figure({ title, description, svg, legend = [] }: FigureOptions): Html {
  svg.setAttribute("role", "img");
  svg.setAttribute("aria-label", title);
  svg.setAttribute("aria-description", description);
  return html`<figure class="chart">
<figcaption><strong>${title}</strong> <span>${description}</span></figcaption>
${
    legend.length
      ? html`<ul class="legend" aria-label="Legend">${
        legend.map((l) =>
          html`<li><span class="${
            l.line ? "swatch line" : "swatch"
          }" style="--c: ${l.color}"></span>${l.label}</li>`
        )
      }</ul>`
      : ""
  }
<div class="plot">${raw(svg.outerHTML)}</div>
</figure>`;
}
