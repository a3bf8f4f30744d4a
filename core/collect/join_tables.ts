/**
 * Join a second table's columns onto the main one (TMDB credits onto movies), keeping of each joined cell only
 * what the column map will read, so a 40 MB credits file is reduced record by record as it streams in.
 *
 * @module
 */
import type { CellReader, ColumnMap, JoinSpec, JsonListReader } from "./column_map.ts";
import { compactJsonList } from "./read_json_list.ts";
import type { SourceTable } from "./source_table.ts";

/** The joined columns by key, reduced. */
export interface JoinedColumns {
  spec: JoinSpec;
  /** key → cells of `spec.columns`, in that order. */
  byKey: Map<string, (string | null)[]>;
  /** Records read from the joined file. */
  records: number;
}

/** Collects the records of a joined file one at a time; give it the file's header first. */
export interface JoinCollector {
  add(record: readonly string[]): void;
  result(): JoinedColumns;
}

function readersOf(map: ColumnMap): CellReader[] {
  return [
    ...(map.director ? [map.director] : []),
    ...(map.actors ?? []),
    ...(map.genres ? [map.genres] : []),
    ...(map.keywords ? [map.keywords] : []),
    ...Object.values(map.categories ?? {}),
  ];
}

/**
 * Start collecting the joined file of `map.join`, whose header is `header`. Cells read only by JSON-list readers
 * are compacted to the objects and fields those readers use.
 *
 * @throws {TypeError} when the header lacks the foreign key or a joined column, naming `source`.
 */
export function createJoinCollector(
  map: ColumnMap,
  header: readonly string[],
  source: string,
): JoinCollector {
  const spec = map.join!;
  const need = [spec.foreignKey, ...spec.columns];
  const index = need.map((c) => header.indexOf(c));
  index.forEach((j, i) => {
    if (j < 0) {
      throw new TypeError(
        `Cannot join ${spec.name} file ${JSON.stringify(source)}: column ${
          JSON.stringify(need[i])
        } is missing (found ${header.map((h) => JSON.stringify(h)).join(", ")})`,
      );
    }
  });
  const readers = readersOf(map);
  const compactors = spec.columns.map((column) => {
    const on = readers.filter((r) => r.column === column);
    const json = on.filter((r): r is JsonListReader => r.as === "json-list");
    return on.length > 0 && json.length === on.length
      ? (cell: string) => compactJsonList(cell, json)
      : (cell: string) => cell;
  });
  const byKey = new Map<string, (string | null)[]>();
  let records = 0;
  return {
    add(record) {
      records++;
      const key = (record[index[0]] ?? "").trim();
      if (key === "" || byKey.has(key)) return;
      byKey.set(key, spec.columns.map((_, i) => compactors[i](record[index[i + 1]] ?? "")));
    },
    result: () => ({ spec, byKey, records }),
  };
}

/**
 * Append the joined columns to every record of `main` (empty cells where no joined record has its key).
 *
 * @throws {TypeError} when `main` lacks the join key.
 */
export function joinColumns(main: SourceTable, joined: JoinedColumns): SourceTable {
  const { spec, byKey } = joined;
  const key = main.header.indexOf(spec.key);
  if (key < 0) {
    throw new TypeError(
      `Cannot join ${spec.name} onto ${JSON.stringify(main.name)}: it has no column ${
        JSON.stringify(spec.key)
      }`,
    );
  }
  const empty = spec.columns.map(() => null);
  return {
    name: main.name,
    header: [...main.header, ...spec.columns],
    records: main.records.map((r) => ({
      line: r.line,
      cells: [...r.cells, ...(byKey.get((r.cells[key] ?? "").trim()) ?? empty)],
    })),
  };
}
