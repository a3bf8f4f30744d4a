/**
 * Case 8 of issue 11: input text is decoded strictly. A byte that is not UTF-8 is an error naming the file,
 * line and column (never a silent U+FFFD), `--encoding latin1` reads Latin-1, NUL bytes are refused, and a
 * number cell must be a decimal number ("0x10" is not 16).
 */
import { assertEquals, assertMatch, assertRejects, assertThrows } from "../_assert.ts";
import { imdbCsv } from "./_movies_csv.ts";
import { decodeText, firstInvalidUtf8 } from "../../core/decode_text.ts";
import { parseDecimal } from "../../core/collect/decimal_number.ts";
import { parseCsv } from "../../core/collect/parse_csv.ts";
import { imdb5000 } from "../../core/collect/profiles.ts";
import { readMovies } from "../../core/collect/read_movies.ts";
import { movieInputFromForm } from "../../core/predict/input_fields.ts";
import { PATHS } from "../../core/artifacts.ts";
import { join } from "../../scripts/_fs.ts";
import { defaults, run } from "../../scripts/collect.ts";

/** `text` encoded as Latin-1 (every character below U+0100). */
const latin1 = (text: string) => Uint8Array.from(text, (c) => c.charCodeAt(0));

Deno.test("decodeText() names the line and column of the first byte that is not UTF-8, and reads Latin-1 when told", () => {
  const bytes = latin1("a,b\nok,1\nPedro Almodóvar,2\n");
  assertEquals(firstInvalidUtf8(bytes), 20);
  const error = assertThrows(() => decodeText(bytes, "films.csv"), SyntaxError);
  assertEquals(
    error.message,
    'Cannot read "films.csv", line 3, column 12: byte 0xF3 is not UTF-8 (if the file is Latin-1, use --encoding latin1)',
  );
  assertEquals(decodeText(bytes, "films.csv", "latin1").split("\n")[2], "Pedro Almodóvar,2");
  assertEquals(decodeText(new TextEncoder().encode("\ufeffPedro Almodóvar"), "u.csv"), "Pedro Almodóvar");
  for (const bad of [[0xc0, 0x80], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xe2, 0x82]]) {
    assertEquals(firstInvalidUtf8(Uint8Array.from([0x41, ...bad])), 1, `${bad}`);
  }
  assertThrows(() => decodeText(bytes, "films.csv", "ebcdic"), RangeError, "--encoding");
});

Deno.test("decodeText() refuses a NUL byte, naming where it is", () => {
  const error = assertThrows(
    () => decodeText(new TextEncoder().encode("a,b\n1,2\u0000\n"), "nul.csv"),
    SyntaxError,
  );
  assertEquals(
    error.message,
    'Cannot read "nul.csv", line 2, column 4: a NUL byte (0x00): this is not a text file',
  );
});

Deno.test("number cells must be decimal: hexadecimal, binary, octal and Infinity are not numbers", () => {
  assertEquals(["12", " -3.5 ", "1e3", ".5", "7.", "+2"].map(parseDecimal), [12, -3.5, 1000, 0.5, 7, 2]);
  assertEquals(["0x10", "0b11", "0o7", "Infinity", "", "1_000", "1,5", "12 million"].map(parseDecimal), [
    null,
    null,
    null,
    null,
    null,
    null,
    null,
    null,
  ]);
  const csv = imdbCsv({ rows: 5, cells: { 2: { budget: "0x10" }, 3: { title_year: "0x7D0" } } });
  const error = assertThrows(() => readMovies(parseCsv(csv, "hex.csv"), imdb5000), SyntaxError);
  assertEquals(error.message, 'Cannot read "hex.csv", line 4, column "budget": "0x10" is not a number');
  const fields = [{
    name: "numbers.budget",
    label: "Budget",
    kind: "number" as const,
    options: [],
    placeholder: "",
  }];
  assertThrows(
    () => movieInputFromForm({ "numbers.budget": "0x10" }, fields),
    TypeError,
    '"0x10" is not a number',
  );
});

Deno.test("collect refuses a Latin-1 file by default, naming line and column, and reads it with --encoding latin1", async () => {
  const dir = await Deno.makeTempDir({ prefix: "strict-text-test-" });
  const log = console.log;
  console.log = () => {};
  try {
    const text = imdbCsv({ rows: 40, cells: { 3: { director_name: "Pedro Almodóvar" } } }).replaceAll(
      "\u00a0",
      "",
    );
    const data = join(dir, "latin1.csv");
    await Deno.writeFile(data, latin1(text));
    const out = join(dir, "out");
    await assertRejects(
      () => run({ ...defaults, data, out, allowSmall: true }),
      SyntaxError,
      `latin1.csv", line 5, column`,
    );
    await run({ ...defaults, data, out, allowSmall: true, encoding: "latin1" });
    const rows = JSON.parse(await Deno.readTextFile(join(out, PATHS.rows)));
    assertMatch(JSON.stringify(rows), /Pedro Almodóvar/);
  } finally {
    console.log = log;
    await Deno.remove(dir, { recursive: true });
  }
});
