import { assertEquals, assertThrows } from "../_assert.ts";
import { detectProfile, PROFILES } from "../../core/collect/profiles.ts";
import { mapColumns } from "../../core/collect/column_map.ts";
import { IMDB_HEADER } from "./_movies_csv.ts";

Deno.test("detectProfile() recognises IMDB 5000, with or without a leading index column", () => {
  assertEquals(detectProfile(IMDB_HEADER).name, "imdb5000");
  assertEquals(detectProfile(["", ...IMDB_HEADER]).name, "imdb5000");
});

Deno.test("detectProfile() recognises vega-datasets movies", () => {
  assertEquals(
    detectProfile(["Title", "US Gross", "Production Budget", "IMDB Rating", "IMDB Votes"]).name,
    "vega-movies",
  );
});

Deno.test("detectProfile() names the columns it found when no profile matches", () => {
  assertThrows(() => detectProfile(["name", "score"], "x.csv"), TypeError, '"name", "score"');
});

Deno.test("the imdb5000 profile reads all 28 columns of movie_metadata.csv (so --missing drop matches the seed)", () => {
  assertEquals(mapColumns(PROFILES.imdb5000).slice().sort(), IMDB_HEADER.slice().sort());
});
