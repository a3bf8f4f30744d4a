import { assertEquals } from "../_assert.ts";
import { cleanMovies } from "../../core/collect/clean_movies.ts";
import type { ColumnMap } from "../../core/collect/column_map.ts";
import { parseCsv } from "../../core/collect/parse_csv.ts";
import { imdb5000 } from "../../core/collect/profiles.ts";
import { readMovies } from "../../core/collect/read_movies.ts";

/** The first 320 movies of IMDB 5000 (`movie_metadata.csv`, lines 1–321), as the Kaggle file has them. */
const IMDB_HEAD = new URL("../testdata/collect/imdb5000_head.csv", import.meta.url);
const imdbMovies = () =>
  readMovies(parseCsv(Deno.readTextFileSync(IMDB_HEAD), "imdb5000_head.csv"), imdb5000);

Deno.test("cleanMovies() with --missing drop --no-dedupe keeps the 307 of 320 IMDB 5000 rows without a gap", () => {
  const movies = imdbMovies();
  assertEquals(movies.length, 320);
  const { kept, dropped } = cleanMovies(movies, imdb5000, { missing: "drop", dedupe: false });
  assertEquals(kept.length, 307);
  assertEquals(dropped["missing value"], { count: 13, lines: [6, 57, 86, 100, 101] });
});

Deno.test("cleanMovies() drops repeated movie_imdb_links by default, keeping the first, with their lines", () => {
  const { kept, dropped } = cleanMovies(imdbMovies(), imdb5000);
  assertEquals(kept.length, 316);
  assertEquals(dropped, { duplicate: { count: 4, lines: [139, 189, 206, 305] } });
});

Deno.test("cleanMovies() counts each drop reason with its first lines, in the order target, missing, duplicate", () => {
  const text = "movie_title,imdb_score,budget\nA,7,1\nB,,1\nA,7,1\nC,6,\nD,12,\nA,7,\n";
  const map: ColumnMap = {
    name: "t",
    detect: [],
    title: { column: "movie_title", as: "text" },
    target: { column: "imdb_score", min: 0, max: 10 },
    numbers: { budget: { column: "budget", as: "number", scale: "log" } },
    dedupeBy: ["title"],
  };
  const movies = readMovies(parseCsv(text, "t.csv"), map);
  const drop = cleanMovies(movies, map, { missing: "drop" });
  assertEquals(drop.kept.map((m) => m.line), [2]);
  assertEquals(drop.dropped, {
    "invalid target": { count: 2, lines: [3, 6] },
    duplicate: { count: 1, lines: [4] },
    "missing value": { count: 2, lines: [5, 7] },
  });
  const impute = cleanMovies(movies, map, { dedupe: false });
  assertEquals(impute.kept.map((m) => m.line), [2, 4, 5, 7]);
});
