/**
 * A server-side DOM for Observable Plot: linkedom's document, passed to Plot as its `document` option so charts
 * render to SVG at build time.
 *
 * @module
 */
import type * as Plot from "@observablehq/plot";
import { parseHTML } from "linkedom";

/** The DOM document type Plot accepts. */
export type PlotDocument = NonNullable<Plot.PlotOptions["document"]>;

/** What `Plot.plot` returns (an SVG element, or a figure). */
export type PlotElement = ReturnType<typeof Plot.plot>;

/** A fresh, empty HTML document (linkedom) typed as the DOM's `Document` for Plot. */
export function createPlotDocument(): PlotDocument {
  const window = parseHTML("<!doctype html><html><head></head><body></body></html>") as unknown as {
    document: PlotDocument;
  };
  return window.document;
}
