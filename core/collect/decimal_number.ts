/**
 * Numbers as people write them in tables: decimal, with an optional sign, fraction and exponent. JavaScript's
 * `Number()` also reads "0x10" (16), "0b11", "0o7", "Infinity" and an empty string (0), none of which is a
 * number a movie table means.
 *
 * @module
 */

const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** The value of decimal `text` (surrounding whitespace allowed), or `null` when it is not a finite decimal number. */
export function parseDecimal(text: string): number | null {
  const t = text.trim();
  if (!DECIMAL.test(t)) return null;
  const value = Number(t);
  return Number.isFinite(value) ? value : null;
}
