/**
 * Where a `JSON.parse` error happened, as ", line L, column C" (1-based) for error messages, or "" when the
 * engine's message gives no position.
 *
 * @module
 */

/** The location suffix of `error`, thrown by `JSON.parse(text)`: `", line 3, column 14"`, or `""`. */
export function jsonErrorLocation(text: string, error: unknown): string {
  const position = Number(/position (\d+)/.exec(String(error))?.[1] ?? NaN);
  if (!Number.isFinite(position)) return "";
  const before = text.slice(0, position).split("\n");
  return `, line ${before.length}, column ${before[before.length - 1].length + 1}`;
}
