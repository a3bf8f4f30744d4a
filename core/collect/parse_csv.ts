/**
 * CSV parsing with csv-parse: BOM stripped, CRLF or LF line ends, quoted fields (commas, quotes and newlines
 * inside), and each record's starting line kept.
 *
 * @module
 */
import { parse } from "csv-parse/sync";
import type { SourceTable } from "./source_table.ts";

/**
 * Parse CSV `text` into a {@link SourceTable}. The first record is the header; empty lines are skipped. Cells
 * are kept as written (trimming is the record reader's job).
 *
 * @param name File path used in error messages.
 * @throws {SyntaxError} for an empty file, a malformed record (unclosed quote, wrong number of fields) or a
 *   duplicated header column, naming the file and line.
 */
export function parseCsv(text: string, name = "<csv>"): SourceTable {
  type Parsed = { record: string[]; info: { bytes: number } };
  let parsed: Parsed[];
  try {
    parsed = parse(text, {
      bom: true,
      info: true,
      skip_empty_lines: true,
      record_delimiter: ["\r\n", "\n"],
    }) as unknown as Parsed[];
  } catch (error) {
    const e = error as Error & { lines?: number; column?: number; code?: string };
    if (e.code === "CSV_QUOTE_NOT_CLOSED") {
      const opened = unclosedQuoteLine(text);
      throw new SyntaxError(
        `Cannot parse CSV ${JSON.stringify(name)}${
          opened ? `, line ${opened}` : ""
        }: a quoted field opens here and is never closed (a missing or stray '"')`,
      );
    }
    const where = e.lines ? `, line ${e.lines}` : "";
    throw new SyntaxError(`Cannot parse CSV ${JSON.stringify(name)}${where}: ${e.message}`);
  }
  if (parsed.length === 0) {
    throw new SyntaxError(`Cannot parse CSV ${JSON.stringify(name)}: the file is empty (no header line)`);
  }
  const header = parsed[0].record.map((h) => h.replace(/^[\s\u00a0\ufeff]+|[\s\u00a0]+$/g, ""));
  const seen = new Set<string>();
  header.forEach((h, j) => {
    if (h !== "" && seen.has(h)) {
      throw new SyntaxError(
        `Cannot parse CSV ${JSON.stringify(name)}, line 1, column ${j + 1}: header ${
          JSON.stringify(h)
        } appears twice`,
      );
    }
    seen.add(h);
  });
  // csv-parse's own line count drifts on CRLF inside quoted fields, so lines are counted here from the byte
  // offset where each record ends (info.bytes, BOM included): a record starts after the previous one's end,
  // past any empty lines.
  const bytes = new TextEncoder().encode(text);
  let offset = 0;
  let line = 1;
  const records = parsed.map(({ record, info }) => {
    while (offset < info.bytes && (bytes[offset] === 0x0a || bytes[offset] === 0x0d)) {
      if (bytes[offset] === 0x0a) line++;
      offset++;
    }
    const start = line;
    for (; offset < info.bytes; offset++) if (bytes[offset] === 0x0a) line++;
    return { line: start, cells: record };
  }).slice(1);
  return { name, header, records };
}

/**
 * The line where the quoted field that never closes opens (csv-parse reports the end of the file instead), or
 * `null` when every quote closes. Quotes open a field only at its start, and `""` inside one is a quote.
 */
export function unclosedQuoteLine(text: string): number | null {
  let line = 1;
  let opened = 0;
  let quoted = false;
  let fieldStart = true;
  for (let i = text.charCodeAt(0) === 0xfeff ? 1 : 0; i < text.length; i++) {
    const c = text[i];
    if (c === "\n") line++;
    if (quoted) {
      if (c !== '"') continue;
      if (text[i + 1] === '"') i++;
      else quoted = false;
    } else if (c === '"' && fieldStart) {
      quoted = true;
      opened = line;
    } else if (c !== "\r") fieldStart = c === "," || c === "\n";
  }
  return quoted ? opened : null;
}
