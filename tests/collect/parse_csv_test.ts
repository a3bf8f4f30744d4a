import { assertEquals, assertMatch, assertThrows } from "../_assert.ts";
import { parseCsv } from "../../core/collect/parse_csv.ts";
import { parseJsonTable } from "../../core/collect/parse_json_table.ts";

const fixture = (name: string) =>
  Deno.readTextFileSync(new URL(`../testdata/collect/${name}`, import.meta.url));

Deno.test("parseCsv() strips the BOM, reads CRLF, quoted commas, quotes and newlines, and skips empty lines", () => {
  const table = parseCsv(fixture("bom_crlf_quoted.csv"), "bom.csv");
  assertEquals(table.header, ["movie_title", "imdb_score", "note"]);
  assertEquals(table.records.map((r) => r.cells), [
    ["Avatar\u00a0", "7.9", "big, blue"],
    ["Multi\r\nLine", "6.5", 'say "hi"'],
    ["Plain", "5", "\u00a0"],
  ]);
});

Deno.test("parseCsv() gives each record the line where it starts, counting quoted newlines and empty lines", () => {
  const table = parseCsv(fixture("bom_crlf_quoted.csv"), "bom.csv");
  assertEquals(table.records.map((r) => r.line), [2, 3, 6]);
  const lf = parseCsv('a,b\n1,"x\ny\nz"\n2,3\n', "lf.csv");
  assertEquals(lf.records.map((r) => r.line), [2, 5]);
});

Deno.test("parseCsv() rejects an empty file, naming it", () => {
  assertThrows(() => parseCsv(fixture("empty.csv"), "empty.csv"), SyntaxError, '"empty.csv"');
});

Deno.test("parseCsv() rejects an unclosed quote and a record with extra fields, naming file and line", () => {
  const quote = assertThrows(() => parseCsv(fixture("unclosed_quote.csv"), "q.csv"), SyntaxError);
  assertMatch(quote.message, /^Cannot parse CSV "q\.csv", line \d+/);
  const extra = assertThrows(() => parseCsv(fixture("wrong_field_count.csv"), "w.csv"), SyntaxError);
  assertMatch(extra.message, /"w\.csv", line 3/);
});

Deno.test("parseCsv() rejects a header naming a column twice, with its column number", () => {
  assertThrows(() => parseCsv("a,b,a\n1,2,3\n", "d.csv"), SyntaxError, "line 1, column 3");
});

Deno.test("parseJsonTable() reads an array of objects, numbers as text and null as absent", () => {
  const table = parseJsonTable(
    '[{"Title": "A", "IMDB Rating": 7.5}, {"Title": 1776, "Extra": null}]',
    "m.json",
  );
  assertEquals(table.header, ["Title", "IMDB Rating", "Extra"]);
  assertEquals(table.records, [
    { line: 1, cells: ["A", "7.5", null] },
    { line: 2, cells: ["1776", null, null] },
  ]);
});

Deno.test("parseJsonTable() rejects bad JSON with line and column, and a non-array", () => {
  assertThrows(() => parseJsonTable('[\n{"a": 1,,}]', "bad.json"), SyntaxError, '"bad.json", line 2');
  assertThrows(() => parseJsonTable('{"a": 1}', "obj.json"), TypeError, "array");
  assertThrows(() => parseJsonTable("[]", "none.json"), SyntaxError, "empty");
});
