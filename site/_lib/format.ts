/**
 * Number formatting for the report pages (presentation only: no statistic is computed here).
 *
 * @module
 */

/** A number with `digits` decimals, or "—" for null. Uses a real minus sign. */
export function num(x: number | null | undefined, digits = 3): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return "—";
  return x.toFixed(digits).replace(/^-/, "−");
}

/** A p-value: "< 0.001" below 0.001, else three decimals. */
export function pValue(p: number): string {
  return p < 0.001 ? "< 0.001" : p.toFixed(3);
}

/** Seconds, to a readable precision. */
export function seconds(s: number): string {
  return s < 10 ? `${s.toFixed(2)} s` : `${s.toFixed(1)} s`;
}

/** An integer with thin grouping (1 234). */
export function int(n: number): string {
  return n.toLocaleString("en-GB").replace(/,/g, " ");
}
