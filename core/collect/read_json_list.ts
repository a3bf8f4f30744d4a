/**
 * Read a JSON-array cell (TMDB's `genres`, `keywords`, `cast`, `crew`) through a {@link JsonListReader}.
 *
 * @module
 */
import type { JsonListReader } from "./column_map.ts";

/**
 * The `reader.field` strings of the objects in `text` that match `reader.where`, sorted by `reader.sortBy`,
 * at most `reader.limit`.
 *
 * @throws {SyntaxError} when `text` is not a JSON array (the caller adds file, line and column).
 */
export function readJsonList(text: string, reader: JsonListReader): string[] {
  let items: unknown;
  try {
    items = JSON.parse(text);
  } catch (error) {
    throw new SyntaxError(`is not valid JSON (${(error as Error).message})`);
  }
  if (!Array.isArray(items)) throw new SyntaxError("is not a JSON array");
  const { field, where = {}, sortBy, limit = Infinity } = reader;
  const wanted = Object.entries(where);
  let objects = items.filter((item): item is Record<string, unknown> =>
    item !== null && typeof item === "object" && !Array.isArray(item) &&
    wanted.every(([k, v]) => (item as Record<string, unknown>)[k] === v)
  );
  if (sortBy) {
    objects = objects
      .map((o, i) => ({ o, i, key: Number(o[sortBy]) }))
      .sort((a, b) => (a.key - b.key) || (a.i - b.i))
      .map((x) => x.o);
  }
  return objects
    .map((o) => o[field])
    .filter((v): v is string | number => (typeof v === "string" && v.trim() !== "") || typeof v === "number")
    .map((v) => String(v).trim())
    .slice(0, limit);
}

/**
 * Shrink a JSON-array cell to what `readers` will read (the matching objects, the fields they use), so a large
 * joined file (TMDB credits, 40 MB, mostly crew) is not held in memory. A cell that does not parse is returned
 * as it is, so the reader reports it with its line.
 */
export function compactJsonList(text: string, readers: readonly JsonListReader[]): string {
  let items: unknown;
  try {
    items = JSON.parse(text);
  } catch {
    return text;
  }
  if (!Array.isArray(items)) return text;
  const fields = new Set(
    readers.flatMap((r) => [r.field, ...Object.keys(r.where ?? {}), ...(r.sortBy ? [r.sortBy] : [])]),
  );
  const kept = items
    .filter((item) =>
      item !== null && typeof item === "object" &&
      readers.some((r) =>
        Object.entries(r.where ?? {}).every(([k, v]) => (item as Record<string, unknown>)[k] === v)
      )
    )
    .map((item) =>
      Object.fromEntries(
        [...fields].filter((f) => f in item).map((f) => [f, (item as Record<string, unknown>)[f]]),
      )
    );
  return JSON.stringify(kept);
}
