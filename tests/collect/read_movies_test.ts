import { assertEquals, assertMatch, assertThrows, assertTrue } from "../_assert.ts";
import { parseCsv } from "../../core/collect/parse_csv.ts";
import { readMovies } from "../../core/collect/read_movies.ts";
import { imdb5000, vegaMovies } from "../../core/collect/profiles.ts";
import type { ColumnMap } from "../../core/collect/column_map.ts";
import { imdbCsv } from "./_movies_csv.ts";

const small: ColumnMap = {
  name: "small",
  detect: ["movie_title"],
  title: { column: "movie_title", as: "text" },
  target: { column: "imdb_score", min: 0, max: 10 },
  numbers: { budget: { column: "budget", as: "number", scale: "log" } },
};

Deno.test("readMovies() trims whitespace and the non-breaking space, and reads an NBSP-only cell as missing, not 0", () => {
  const table = parseCsv("movie_title,imdb_score,budget\n Avatar\u00a0,7.9,\u00a0\nB,6, 12 \n", "t.csv");
  const [a, b] = readMovies(table, small);
  assertEquals(a.title, "Avatar");
  assertEquals(a.numbers.budget, null);
  assertEquals(a.missing, ["budget"]);
  assertEquals(b.numbers.budget, 12);
  assertEquals(Number("\u00a0"), 0); // why the check above matters
});

Deno.test("readMovies() rejects a non-numeric number cell, naming file, line and column", () => {
  const text = Deno.readTextFileSync(new URL("../testdata/collect/non_numeric.csv", import.meta.url));
  const error = assertThrows(() => readMovies(parseCsv(text, "non_numeric.csv"), small), SyntaxError);
  assertEquals(
    error.message,
    'Cannot read "non_numeric.csv", line 3, column "budget": "12 million" is not a number',
  );
});

Deno.test("readMovies() rejects a table without a required column, listing the closest names", () => {
  const table = parseCsv("movie_title,imdb_scor,budget\nA,7,1\n", "typo.csv");
  const error = assertThrows(() => readMovies(table, small), TypeError, '"typo.csv"');
  assertMatch(error.message, /required column "imdb_score" is missing \(closest: "imdb_scor"/);
});

Deno.test("readMovies() marks a target outside the profile's range or missing as null", () => {
  const table = parseCsv("movie_title,imdb_score,budget\nA,11,1\nB,,1\nC,-1,1\nD,10,1\n", "t.csv");
  assertEquals(readMovies(table, small).map((m) => m.target), [null, null, null, 10]);
});

Deno.test("readMovies() reads numeric NaN markers as missing but keeps the language 'None' as text", () => {
  const map: ColumnMap = { ...small, categories: { language: { column: "language", as: "text" } } };
  const table = parseCsv("movie_title,imdb_score,budget,language\nA,7,NaN,None\n", "t.csv");
  const [movie] = readMovies(table, map);
  assertEquals(movie.numbers.budget, null);
  assertEquals(movie.categories.language, "None");
});

Deno.test("readMovies() maps IMDB 5000 columns to the canonical record: lists, ordered actors, link as id", () => {
  const [movie] = readMovies(parseCsv(imdbCsv({ rows: 1, emptyShare: 0 }), "m.csv"), imdb5000);
  assertEquals(movie.line, 2);
  assertEquals(movie.title, "Movie 0");
  assertTrue(movie.id.startsWith("http://www.imdb.com/title/tt1000000/"));
  assertEquals(movie.actors.length, 3);
  assertTrue(movie.genres.length >= 1 && movie.keywords.length === 3);
  assertEquals(movie.categories.color === "Color" || movie.categories.color === "Black and White", true);
  assertEquals(movie.missing, []);
});

Deno.test("readMovies() reads the debug CSV's leading index column and '.0' floats", async () => {
  const path = new URL("../testdata/collect/imdb5000_debug.csv", import.meta.url);
  const movies = readMovies(parseCsv(await Deno.readTextFile(path), "debug.csv"), imdb5000);
  assertEquals(movies[0].title, "Avatar");
  assertEquals(movies[0].year, 2009);
  assertEquals(movies[0].numbers.duration, 178);
  assertEquals(movies[0].numbers.budget, 237000000);
  assertEquals(movies[0].target, 7.9);
});

Deno.test("readMovies() takes the year from a date text (vega-movies 'Jun 12 1998')", () => {
  const table = {
    name: "v.json",
    header: ["Title", "IMDB Rating", "Release Date"],
    records: [{ line: 1, cells: ["A", "6.1", "Jun 12 1998"] }],
  };
  const map: ColumnMap = {
    ...vegaMovies,
    numbers: {},
    categories: {},
    director: undefined,
    genres: undefined,
  };
  assertEquals(readMovies(table, map)[0].year, 1998);
});
