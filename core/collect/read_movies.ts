/**
 * Turn a parsed source table into canonical {@link MovieRecord}s through a {@link ColumnMap}.
 *
 * @module
 */
import { closestNames } from "../closest_names.ts";
import { type CellReader, type ColumnMap, mapColumns } from "./column_map.ts";
import { parseDecimal } from "./decimal_number.ts";
import { readJsonList } from "./read_json_list.ts";
import type { MovieRecord } from "./movie_record.ts";
import type { SourceTable } from "./source_table.ts";

/** Number cells holding one of these (any case) are missing; text cells never are ("None" is a language). */
const MISSING_NUMBER = new Set(["nan", "na", "n/a", "null"]);

/** Trimmed cell text (whitespace including the non-breaking space), or `null` when empty. */
export function cleanCell(cell: string | null): string | null {
  if (cell === null) return null;
  const text = cell.trim();
  return text === "" ? null : text;
}

/**
 * Check that every column `map` reads is in `table.header`.
 *
 * @throws {TypeError} naming the file, the missing column, the columns found and the closest names.
 */
export function checkColumns(table: SourceTable, map: ColumnMap): void {
  const have = new Set(table.header);
  for (const column of mapColumns(map)) {
    if (!have.has(column)) {
      throw new TypeError(
        `Cannot read ${JSON.stringify(table.name)} with profile ${
          JSON.stringify(map.name)
        }: required column ${JSON.stringify(column)} is missing (closest: ${
          closestNames(column, table.header).map((c) => JSON.stringify(c)).join(", ") || "none"
        }; found ${table.header.length} columns: ${table.header.map((c) => JSON.stringify(c)).join(", ")})`,
      );
    }
  }
}

/**
 * Read every record of `table` through `map`. Rows are never dropped here: a missing or out-of-range target
 * gives `target: null`, and empty cells are listed in `missing`.
 *
 * @throws {TypeError} when a mapped column is absent (see {@link checkColumns}).
 * @throws {SyntaxError} for a number cell that is not a number, naming file, line and column. A JSON-list
 *   cell that does not parse is a row-level problem instead: it is listed in the record's `problems`.
 */
export function readMovies(table: SourceTable, map: ColumnMap): MovieRecord[] {
  checkColumns(table, map);
  const index = new Map(table.header.map((h, j) => [h, j]));
  const columns = mapColumns(map);
  const fail = (line: number, column: string, raw: string, why: string): never => {
    throw new SyntaxError(
      `Cannot read ${JSON.stringify(table.name)}, line ${line}, column ${JSON.stringify(column)}: ${
        JSON.stringify(raw)
      } ${why}`,
    );
  };
  return table.records.map(({ line, cells }) => {
    const text = (column: string) => cleanCell(cells[index.get(column)!] ?? null);
    const problems: string[] = [];
    // Number cells read as missing though not empty ("NaN", or 0 where 0 means missing).
    const missingNumbers = new Set<string>();
    const number = (column: string, zeroMeansMissing = false): number | null => {
      const t = text(column);
      if (t === null) return null;
      const missing = MISSING_NUMBER.has(t.toLowerCase());
      const value = missing ? null : parseDecimal(t);
      if (!missing && value === null) fail(line, column, t, "is not a number");
      if (value === null || (zeroMeansMissing && value === 0)) {
        missingNumbers.add(column);
        return null;
      }
      return value;
    };
    const read = (reader: CellReader): string | number | string[] | null => {
      switch (reader.as) {
        case "number":
          return number(reader.column, reader.zeroMeansMissing);
        case "text":
          return text(reader.column);
        case "list": {
          const t = text(reader.column);
          return t === null ? [] : t.split(reader.separator).map((s) => s.trim()).filter((s) => s !== "");
        }
        case "json-list": {
          const t = text(reader.column);
          if (t === null) return [];
          try {
            return readJsonList(t, reader);
          } catch (error) {
            problems.push(
              `line ${line}, column ${JSON.stringify(reader.column)}: ${JSON.stringify(t.slice(0, 30))}${
                t.length > 30 ? "…" : ""
              } ${(error as Error).message}`,
            );
            return [];
          }
        }
        case "year": {
          const t = text(reader.column);
          if (t === null) return null;
          const value = parseDecimal(t);
          if (value !== null) return Math.trunc(value);
          const match = t.match(/\d{4}/g);
          if (!match) fail(line, reader.column, t, "has no four-digit year");
          return Number(match![match!.length - 1]);
        }
      }
    };
    const asText = (reader?: CellReader) => {
      if (!reader) return null;
      const v = read(reader);
      return v === null ? null : Array.isArray(v) ? (v.length ? v.join(", ") : null) : String(v);
    };
    const asList = (reader?: CellReader) => {
      if (!reader) return [];
      const v = read(reader);
      return v === null ? [] : Array.isArray(v) ? v : [String(v)];
    };
    const title = asText(map.title) ?? "";
    const rawTarget = number(map.target.column);
    const target = rawTarget !== null && rawTarget >= map.target.min && rawTarget <= map.target.max
      ? rawTarget
      : null;
    const actors = (map.actors ?? []).length === 1 && map.actors![0].as !== "text"
      ? asList(map.actors![0])
      : (map.actors ?? []).map((r) => asText(r));
    const yearValue = map.year ? read(map.year) : null;
    const numbers: Record<string, number | null> = {};
    for (const [name, reader] of Object.entries(map.numbers ?? {})) {
      numbers[name] = reader.as === "year"
        ? read(reader) as number | null
        : number(reader.column, reader.zeroMeansMissing);
    }
    const categories: Record<string, string | null> = {};
    for (const [name, reader] of Object.entries(map.categories ?? {})) categories[name] = asText(reader);
    return {
      line,
      id: asText(map.id) ?? title,
      title,
      year: typeof yearValue === "number" ? yearValue : null,
      target,
      director: asText(map.director),
      actors,
      genres: asList(map.genres),
      keywords: asList(map.keywords),
      numbers,
      categories,
      votes: map.minVotes ? number(map.minVotes.column) : null,
      problems,
      missing: columns.filter((c) => missingNumbers.has(c) || text(c) === null),
    };
  });
}

/**
 * Read one movie given as an object of source cells (column → value), as a new movie to predict: the same
 * map and rules as a table row. Values are turned into text; `null` and absent keys are missing.
 *
 * @throws as {@link readMovies}.
 */
export function readMovie(
  cells: Record<string, string | number | null>,
  map: ColumnMap,
  name = "<movie>",
): MovieRecord {
  const header = [...new Set([...mapColumns(map), ...Object.keys(cells)])];
  const row = header.map((h) => (cells[h] === null || cells[h] === undefined ? null : String(cells[h])));
  return readMovies({ name, header, records: [{ line: 1, cells: row }] }, map)[0];
}
