/**
 * Case 4 of issue 11: names that are JavaScript object keys ("constructor", "toString", "__proto__",
 * "hasOwnProperty") are names like any other, in collect's encoders, in encoding and in predict.
 */
import { assertEquals, assertTrue } from "../_assert.ts";
import { parseCsv } from "../../core/collect/parse_csv.ts";
import { imdb5000 } from "../../core/collect/profiles.ts";
import { readMovies } from "../../core/collect/read_movies.ts";
import { buildFeatures } from "../../core/features/build_features.ts";
import { encodeMovie } from "../../core/features/encode_movie.ts";
import type { Encoders } from "../../core/features/encoders.ts";
import { unknownInputs } from "../../core/predict/unknown_inputs.ts";
import { movieFromInput } from "../../core/predict/movie_input.ts";
import { run as predict } from "../../scripts/predict.ts";
import { join } from "../../scripts/_fs.ts";
import { imdbCsv } from "../collect/_movies_csv.ts";
import { trainedFixture } from "../predict/_trained.ts";

const KEYS = ["constructor", "toString", "__proto__", "hasOwnProperty"];

/** 120 movies, every third directed by "constructor", starring "__proto__" and "toString", keyed by all four. */
function keyedMovies() {
  const cells: Record<number, Record<string, string>> = {};
  for (let i = 0; i < 120; i += 3) {
    cells[i] = {
      director_name: "constructor",
      actor_1_name: "__proto__",
      actor_2_name: "toString",
      plot_keywords: KEYS.join("|"),
    };
  }
  return readMovies(parseCsv(imdbCsv({ rows: 120, seed: 5, cells }), "keys.csv"), imdb5000);
}

Deno.test("collect's encoders keep names that are object keys as own entries, and survive a JSON round trip", () => {
  const movies = keyedMovies();
  const { encoders, matrix, width } = buildFeatures(movies, [1, 2, 4, 5], imdb5000, {
    peopleMinCount: 1,
    wordMinCount: 1,
  });
  const stats = encoders.targetStats;
  assertTrue(Object.hasOwn(stats.director, "constructor"), "director constructor has statistics");
  assertTrue(Object.hasOwn(stats.actors, "__proto__") && Object.hasOwn(stats.actors, "toString"));
  for (const k of KEYS) assertTrue(Object.hasOwn(stats.keywords, k.toLowerCase()), `keyword ${k}`);
  assertEquals(Object.getPrototypeOf(stats.actors), Object.prototype, "no prototype was replaced");
  assertEquals(({} as Record<string, unknown>)[0], undefined, "Object.prototype is not polluted");
  assertTrue(matrix.every(Number.isFinite));
  const saved = JSON.parse(JSON.stringify(encoders)) as Encoders;
  const again = encodeMovie(movies[0], saved, null);
  const first = encodeMovie(movies[0], encoders, null);
  assertEquals(Array.from(again), Array.from(first));
  assertEquals(again.length, width);
});

Deno.test("a new movie named with object keys is encoded, and unseen ones are reported as unknown", () => {
  const { encoders, words } = buildFeatures(keyedMovies(), [1, 2], imdb5000, {
    peopleMinCount: 1,
    wordMinCount: 1,
  });
  const known = movieFromInput({ director: "constructor", actors: ["__proto__"], keywords: ["toString"] });
  const unknown = unknownInputs(known, encoders, words).filter((u) => KEYS.includes(u.value ?? ""));
  assertEquals(unknown, [], "names seen in training are known");
  assertTrue(encodeMovie(known, encoders, words).every(Number.isFinite));
  const other = buildFeatures(readMovies(parseCsv(imdbCsv({ rows: 60 }), "m.csv"), imdb5000), [1], imdb5000);
  const reported = unknownInputs(known, other.encoders, null).map((u) => `${u.field} ${u.value}`);
  for (const u of ["director constructor", "actors[0] __proto__", "keywords toString"]) {
    assertTrue(reported.some((r) => r.startsWith(u)), `${u} in ${reported.join(", ")}`);
  }
});

Deno.test("predict scores a movie whose director, actor and keyword are object keys", async () => {
  const { out } = await trainedFixture();
  const movie = join(out, "keys-movie.json");
  await Deno.writeTextFile(
    movie,
    JSON.stringify({
      title: "Keys",
      director: "constructor",
      actors: ["__proto__", "toString"],
      keywords: KEYS,
    }),
  );
  const [p] = (await predict({ out, movie }, { quiet: true })).predictions;
  assertTrue(Number.isFinite(p.score), `score ${p.score}`);
  assertTrue(p.unknown.some((u) => u.field === "director" && u.value === "constructor"));
});
