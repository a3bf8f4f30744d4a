/**
 * JSON movie tables: an array of flat objects (as vega-datasets' `movies.json`). The header is the union of
 * keys in first-seen order; numbers become their decimal text, `null` stays absent.
 *
 * @module
 */
import type { SourceTable } from "./source_table.ts";
import { jsonErrorLocation, jsonErrorMessage } from "../json_error_location.ts";

/**
 * Parse JSON `text` holding an array of objects into a {@link SourceTable}; record `i` gets `line: i + 1`.
 *
 * @throws {SyntaxError} for unparsable JSON (with line and column) or an empty array.
 * @throws {TypeError} when the top level is not an array of objects, or a cell is an object or array.
 */
export function parseJsonTable(text: string, name = "<json>"): SourceTable {
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\ufeff/, ""));
  } catch (error) {
    const where = jsonErrorLocation(text, error);
    throw new SyntaxError(`Cannot parse JSON ${JSON.stringify(name)}${where}: ${jsonErrorMessage(error)}`);
  }
  if (!Array.isArray(value)) {
    throw new TypeError(`Cannot read JSON ${JSON.stringify(name)}: expected an array of movie objects`);
  }
  if (value.length === 0) {
    throw new SyntaxError(`Cannot read JSON ${JSON.stringify(name)}: the array is empty`);
  }
  const index = new Map<string, number>();
  const objects = value.map((item, i) => {
    if (item === null || typeof item !== "object" || Array.isArray(item)) {
      throw new TypeError(`Cannot read JSON ${JSON.stringify(name)}, record ${i + 1}: not an object`);
    }
    for (const key of Object.keys(item)) if (!index.has(key)) index.set(key, index.size);
    return item as Record<string, unknown>;
  });
  const header = [...index.keys()];
  const records = objects.map((item, i) => {
    const cells: (string | null)[] = new Array(header.length).fill(null);
    for (const [key, v] of Object.entries(item)) {
      if (v === null || v === undefined) continue;
      if (typeof v === "object") {
        throw new TypeError(
          `Cannot read JSON ${JSON.stringify(name)}, record ${i + 1}, column ${
            JSON.stringify(key)
          }: expected a string, number or null`,
        );
      }
      cells[index.get(key)!] = String(v);
    }
    return { line: i + 1, cells };
  });
  return { name, header, records };
}
