import { assertEquals } from "../_assert.ts";
import { closestNames, editDistance } from "../../core/closest_names.ts";

Deno.test("closestNames() ranks by edit distance, case-insensitively", () => {
  assertEquals(closestNames("imdb_score", ["IMDB_Score", "title", "imdb_scores"], 2), [
    "IMDB_Score",
    "imdb_scores",
  ]);
});

Deno.test("closestNames() leaves out names farther than maxDistance", () => {
  assertEquals(closestNames("dat", ["data", "seed", "out"], 1, 2), ["data"]);
  assertEquals(closestNames("zzzzzz", ["data", "seed", "out"], 1, 2), []);
});

Deno.test("editDistance() counts insertions, deletions and substitutions", () => {
  assertEquals([editDistance("", "abc"), editDistance("kitten", "sitting"), editDistance("abc", "abc")], [
    3,
    3,
    0,
  ]);
});
