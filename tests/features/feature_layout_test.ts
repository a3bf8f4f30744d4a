import { assertEquals, assertTrue } from "../_assert.ts";
import { parseCsv } from "../../core/collect/parse_csv.ts";
import { imdb5000 } from "../../core/collect/profiles.ts";
import { readMovies } from "../../core/collect/read_movies.ts";
import { featureNames } from "../../core/features/encode_movie.ts";
import {
  categoryField,
  featureGroup,
  featureLayout,
  GROUP_ROLES,
} from "../../core/features/feature_layout.ts";
import { FEATURE_PRESETS, fitEncoders } from "../../core/features/fit_encoders.ts";
import { imdbCsv } from "../collect/_movies_csv.ts";

Deno.test("featureLayout() splits columns by their group's role and categorical columns by field", () => {
  const names = [
    "num:budget",
    "missing:budget",
    "cat:country=USA",
    "cat:country=(other)",
    "cat:color=Color",
    "kw:mean_0",
    "te:director",
    "actor:actor1=Tom Hanks",
    "actor:actor2=Tom Hanks",
    "actor:Meg=Ryan",
    "genre:Drama",
    "mystery:thing",
  ];
  const layout = featureLayout(names);
  assertEquals(layout.width, 12);
  assertEquals(layout.continuous, [0, 6, 11], "numbers, target encodings and unknown groups");
  assertEquals(layout.flag, [1]);
  assertEquals(layout.vector, [5]);
  assertEquals(layout.slots, []);
  assertEquals(layout.fields, [
    { name: "cat:country", columns: [2, 3], keys: ["cat:country=USA", "cat:country=(other)"] },
    { name: "cat:color", columns: [4], keys: ["cat:color=Color"] },
    { name: "actor:actor1", columns: [7], keys: ["actor:Tom Hanks"] },
    { name: "actor:actor2", columns: [8], keys: ["actor:Tom Hanks"] },
    { name: "actor", columns: [9], keys: ["actor:Meg=Ryan"] },
    { name: "genre", columns: [10], keys: ["genre:Drama"] },
  ]);
});

Deno.test("every group of every feature set has a role, and names read back to their field", () => {
  const movies = readMovies(parseCsv(imdbCsv({ rows: 60 }), "m.csv"), imdb5000);
  for (const preset of FEATURE_PRESETS) {
    const names = featureNames(fitEncoders(movies, imdb5000, { preset, minCount: 1, peopleMinCount: 1 }));
    for (const group of new Set(names.map(featureGroup))) {
      assertTrue(group in GROUP_ROLES, `${preset}: group ${group} has a role`);
    }
    const layout = featureLayout(names);
    const counted = layout.continuous.length + layout.flag.length + layout.vector.length +
      layout.slots.flat().length + layout.fields.reduce((n, f) => n + f.columns.length, 0);
    assertEquals(counted, names.length, `${preset}: every column has one role`);
  }
  assertEquals(categoryField("cat:content_rating=PG-13"), "cat:content_rating");
  assertEquals(categoryField("director:Jean=Luc"), "director", "only prefixed groups split on =");
});
