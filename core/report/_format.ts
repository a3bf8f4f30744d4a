/**
 * Numbers in the report's sentences: a fixed number of decimals and a real minus sign.
 *
 * @module
 */

/** `x` with `decimals` decimals (points: 3), "−" for negative numbers, "—" when not finite. */
export function fmt(x: number, decimals = 3): string {
  if (!Number.isFinite(x)) return "—";
  const text = x.toFixed(decimals);
  return (/^-0\.?0*$/.test(text) ? text.slice(1) : text).replace(/^-/, "−");
}

/** A share as a percentage with `digits` decimals: 0.8234 → "82.3%". */
export function pct(x: number, digits = 1): string {
  return `${(100 * x).toFixed(digits)}%`;
}
