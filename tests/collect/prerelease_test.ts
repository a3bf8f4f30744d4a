import { assertEquals, assertThrows, assertTrue } from "../_assert.ts";
import { type ColumnMap, prereleaseMap } from "../../core/collect/column_map.ts";
import { parseCsv } from "../../core/collect/parse_csv.ts";
import { PROFILES } from "../../core/collect/profiles.ts";
import { readMovies } from "../../core/collect/read_movies.ts";
import { validateColumnMap } from "../../core/collect/validate_column_map.ts";
import { featureNames } from "../../core/features/encode_movie.ts";
import type { Encoders } from "../../core/features/encoders.ts";
import { fitEncoders } from "../../core/features/fit_encoders.ts";
import { PATHS } from "../../core/artifacts.ts";
import { join, readJsonFile } from "../../scripts/_fs.ts";
import { defaults, run as collect } from "../../scripts/collect.ts";
import { imdbCsv } from "./_movies_csv.ts";

/** What is known only after a movie opens, per profile (issue 10). */
const POST_RELEASE: Record<string, string[]> = {
  imdb5000: ["votes", "user_reviews", "critic_reviews", "gross", "movie_likes"],
  "vega-movies": ["votes", "us_gross", "worldwide_gross", "rotten_tomatoes"],
  tmdb5000: ["votes", "popularity", "revenue"],
  "imdb-datasets": ["votes"],
};

/** The source columns of the post-release fields of `map`. */
const postColumns = (map: ColumnMap) =>
  (map.postRelease ?? []).map((f) => (map.numbers?.[f] ?? map.categories?.[f])!.column);

Deno.test("every profile declares its post-release fields", () => {
  assertEquals(Object.keys(PROFILES).sort(), Object.keys(POST_RELEASE).sort());
  for (const [name, map] of Object.entries(PROFILES)) {
    assertEquals(map.postRelease?.slice().sort(), POST_RELEASE[name].slice().sort(), name);
  }
});

Deno.test("prerelease excludes every post-release field of every profile from the map and the features", () => {
  for (const [name, map] of Object.entries(PROFILES)) {
    const pre = prereleaseMap(map);
    const fields = [...Object.keys(pre.numbers ?? {}), ...Object.keys(pre.categories ?? {})];
    for (const field of POST_RELEASE[name]) {
      assertTrue(!fields.includes(field), `${name}: ${field} is left out`);
    }
    const read = [...Object.values(pre.numbers ?? {}), ...Object.values(pre.categories ?? {})].map((r) =>
      r.column
    );
    for (const column of postColumns(map)) {
      assertTrue(!read.includes(column), `${name}: ${column} is not read`);
    }
    assertTrue(fields.includes("budget") || fields.includes("duration"), `${name}: pre-release fields stay`);
  }
  const movies = readMovies(parseCsv(imdbCsv({ rows: 60 }), "m.csv"), prereleaseMap(PROFILES.imdb5000));
  const names = featureNames(fitEncoders(movies, prereleaseMap(PROFILES.imdb5000), { preset: "prerelease" }));
  for (const field of POST_RELEASE.imdb5000) {
    assertEquals(names.filter((n) => n === `num:${field}` || n === `missing:${field}`), [], field);
  }
  assertTrue(names.includes("num:budget") && names.includes("te:director"), "budget and the director stay");
});

Deno.test("collect --features prerelease saves encoders (and the map predict reads) without post-release fields", async () => {
  const out = await Deno.makeTempDir({ prefix: "prerelease-test-" });
  try {
    const csv = join(out, "movies.csv");
    await Deno.writeTextFile(csv, imdbCsv({ rows: 160 }));
    const log = console.log;
    console.log = () => {};
    try {
      await collect({ ...defaults, data: csv, out, features: "prerelease" });
    } finally {
      console.log = log;
    }
    const encoders = await readJsonFile<Encoders>(join(out, PATHS.encoders), "encoders");
    assertEquals(encoders.preset, "prerelease");
    assertEquals(
      Object.keys(encoders.map.numbers ?? {}).filter((f) => POST_RELEASE.imdb5000.includes(f)),
      [],
    );
    const names = await readJsonFile<string[]>(join(out, PATHS.featureNames), "feature names");
    assertEquals(
      names.filter((n) => /^(num|missing):(votes|user_reviews|critic_reviews|gross|movie_likes)$/.test(n)),
      [],
    );
  } finally {
    await Deno.remove(out, { recursive: true });
  }
});

Deno.test("a column map's postRelease must name its own numbers or categories", () => {
  const map = { name: "m", title: { column: "t", as: "text" }, target: { column: "s", min: 0, max: 10 } };
  const numbers = { votes: { column: "v", as: "number", scale: "log" } };
  assertEquals(validateColumnMap({ ...map, numbers, postRelease: ["votes"] }, "m.json").postRelease, [
    "votes",
  ]);
  assertThrows(
    () => validateColumnMap({ ...map, numbers, postRelease: ["gross"] }, "m.json"),
    TypeError,
    'postRelease[0] names no field of numbers or categories: "gross"',
  );
});
