/**
 * The shape every reader (CSV, JSON) produces: a header and records of raw cells, each record with the 1-based
 * source line where it starts, so every later message and every output row can point back to the input.
 *
 * @module
 */

/** One source record. `cells[j]` belongs to `header[j]`; `null` is an absent value (JSON null, missing key). */
export interface SourceRecord {
  /** 1-based line where the record starts (header = line 1); for JSON, the 1-based record number. */
  line: number;
  cells: (string | null)[];
}

/** A parsed source table. */
export interface SourceTable {
  /** File path or label, used in error messages. */
  name: string;
  header: string[];
  records: SourceRecord[];
}
