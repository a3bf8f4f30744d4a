/**
 * Number formatting for the report pages (presentation only: no statistic is computed here).
 *
 * @module
 */

/** A number with `digits` decimals, or "—" for null. Uses a real minus sign. */
export function num(x: number | null | undefined, digits = 3): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return "—";
  const text = x.toFixed(digits);
  return (/^-0\.?0*$/.test(text) ? text.slice(1) : text).replace(/^-/, "−");
}

/** An interval "low to high", or "—" when either end is missing. */
export function range(low: number | null | undefined, high: number | null | undefined, digits = 3): string {
  if (low === null || low === undefined || high === null || high === undefined) return "—";
  return `${num(low, digits)} to ${num(high, digits)}`;
}

/** A share in [0, 1] as a percentage: 0.8234 → "82.3%"; "—" for null. */
export function percent(x: number | null | undefined, digits = 1): string {
  return x === null || x === undefined || !Number.isFinite(x) ? "—" : `${(100 * x).toFixed(digits)}%`;
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
