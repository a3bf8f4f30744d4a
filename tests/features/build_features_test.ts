import { assertAlmostEquals, assertEquals, assertMatch, assertThrows, assertTrue } from "../_assert.ts";
import { parseCsv } from "../../core/collect/parse_csv.ts";
import { imdb5000 } from "../../core/collect/profiles.ts";
import { readMovie, readMovies } from "../../core/collect/read_movies.ts";
import type { MovieRecord } from "../../core/collect/movie_record.ts";
import { buildFeatures } from "../../core/features/build_features.ts";
import { encodeMovie, featureNames } from "../../core/features/encode_movie.ts";
import type { NumberBlock, OneHotBlock } from "../../core/features/encoders.ts";
import { fitEncoders } from "../../core/features/fit_encoders.ts";
import { imdbCsv } from "../collect/_movies_csv.ts";

const movies = (rows = 120, emptyShare = 0.1) =>
  readMovies(parseCsv(imdbCsv({ rows, emptyShare }), "m.csv"), imdb5000);

/** Movies where the test rows (the last `nTest`) carry values no training row has. */
function withTestOnlyValues(): { all: MovieRecord[]; test: number[] } {
  const all = movies(100, 0);
  const test = [95, 96, 97, 98, 99];
  for (const i of test) {
    all[i].director = "Test Only Director";
    all[i].actors = ["Test Only Actor", null, null];
    all[i].keywords = ["testonlyword", "testonlyword2"];
    all[i].categories.country = "Atlantis";
    all[i].genres = ["TestOnlyGenre"];
    all[i].numbers.budget = 1e15;
    all[i].target = 10;
  }
  return { all, test };
}

Deno.test("buildFeatures() fits no encoder on test rows: vocabularies, word vectors, medians, target statistics", () => {
  const { all, test } = withTestOnlyValues();
  const { encoders, words } = buildFeatures(all, test, imdb5000, {
    minCount: 1,
    peopleMinCount: 1,
    wordMinCount: 1,
  });
  const vocab = encoders.blocks.filter((b): b is OneHotBlock => b.kind === "onehot").flatMap((b) => b.vocab);
  for (const value of ["Test Only Director", "Test Only Actor", "Atlantis", "TestOnlyGenre"]) {
    assertTrue(!vocab.includes(value), `${value} in a vocabulary`);
  }
  assertTrue(!words!.vectors.has("testonlyword"));
  for (const stats of Object.values(encoders.targetStats)) {
    for (const key of ["Test Only Director", "Test Only Actor", "testonlyword"]) assertTrue(!(key in stats));
  }
  const budget = encoders.blocks.find((b): b is NumberBlock => b.kind === "number" && b.field === "budget")!;
  assertTrue(budget.median <= 1e8 && budget.mean < Math.log1p(1e9));
  const train = all.filter((_, i) => !test.includes(i));
  assertAlmostEquals(encoders.prior, train.reduce((a, m) => a + m.target!, 0) / train.length, 1e-9);
});

Deno.test("buildFeatures() encodes test rows with encodeMovie() and the saved encoders, exactly", () => {
  const all = movies();
  const test = [3, 10, 50];
  const f = buildFeatures(all, test, imdb5000, { seed: 9 });
  for (const i of test) {
    assertEquals(
      Array.from(encodeMovie(all[i], f.encoders, f.words)),
      Array.from(f.matrix.subarray(i * f.width, (i + 1) * f.width)),
    );
  }
  assertEquals(f.names, featureNames(f.encoders));
  assertEquals(f.names.length, f.width);
  assertEquals(f.matrix.length, all.length * f.width);
  assertTrue(f.matrix.every(Number.isFinite));
});

Deno.test("buildFeatures() target-encodes training rows out of fold: a director seen once gets the prior", () => {
  const all = movies(100, 0);
  all[0].director = "Only Once";
  all[0].target = 9.9;
  const f = buildFeatures(all, [90, 91, 92, 93, 94, 95, 96, 97, 98, 99], imdb5000, { peopleMinCount: 1000 });
  const col = f.names.indexOf("te:director");
  assertEquals(f.matrix[0 * f.width + col], 0); // centred on the prior, own target never used
  // The saved (full) statistics do know it, for new movies.
  assertEquals(f.encoders.targetStats.director["Only Once"], [1, 9.9]);
  assertTrue(encodeMovie(all[0], f.encoders, f.words)[col] > 0);
});

Deno.test("encodeMovie() imputes a missing number with the fitted median and sets its flag", () => {
  const all = movies(60, 0);
  all[5].numbers.gross = null;
  const encoders = fitEncoders(all, imdb5000);
  const names = featureNames(encoders);
  const full = { ...all[6], numbers: { ...all[6].numbers, gross: null } };
  const x = encodeMovie(full, encoders, null);
  const gross = encoders.blocks.find((b): b is NumberBlock => b.kind === "number" && b.field === "gross")!;
  assertAlmostEquals(x[names.indexOf("num:gross")], (Math.log1p(gross.median) - gross.mean) / gross.sd, 1e-5);
  assertEquals(x[names.indexOf("missing:gross")], 1);
  assertEquals(names.includes("missing:budget"), false);
});

Deno.test("the default preset folds rare categories into 'other' and multi-hot encodes genres", () => {
  const all = movies(60, 0);
  all[0].categories.country = "Rare Land";
  const encoders = fitEncoders(all, imdb5000, { minCount: 2 });
  const names = featureNames(encoders);
  const x = encodeMovie(all[0], encoders, null);
  assertEquals(x[names.indexOf("cat:country=(other)")], 1);
  assertTrue(!names.includes("cat:country=Rare Land"));
  const genres = names.map((n, j) => (n.startsWith("genre:") && x[j] === 1 ? n.slice(6) : null)).filter(
    Boolean,
  );
  assertEquals(genres.sort(), all[0].genres.slice().sort());
});

Deno.test("the seed preset one-hot encodes actors by position, concatenates keyword vectors and scales to 0–100", () => {
  const all = movies(60, 0);
  const f = buildFeatures(all, [0, 1, 2, 3, 4, 5, 6, 7, 8], imdb5000, {
    preset: "seed",
    wordDim: 4,
    wordMinCount: 1,
  });
  const groups = new Set(f.names.map((n) => n.slice(0, n.indexOf(":"))));
  assertEquals([...groups].sort(), ["actor", "aspect", "cat", "director", "genre", "kw", "num", "year"]);
  assertEquals(f.names.filter((n) => n.startsWith("kw:")).length, 3 * 4);
  assertTrue(f.names.includes("actor:actor1=Actor 0") && f.names.includes("actor:actor3=Actor 0"));
  const budget = f.names.indexOf("num:budget");
  const values = all.map((_, i) => f.matrix[i * f.width + budget]).slice(9);
  assertEquals(Math.min(...values), 0);
  assertEquals(Math.max(...values), 100);
});

Deno.test("readMovie() + encodeMovie() encode a new movie from its source cells exactly as its training row", () => {
  const text = imdbCsv({ rows: 50, emptyShare: 0 });
  const table = parseCsv(text, "m.csv");
  const all = readMovies(table, imdb5000);
  const f = buildFeatures(all, [7, 8, 9, 10, 11, 12, 13, 14], imdb5000);
  const cells = Object.fromEntries(table.header.map((h, j) => [h, table.records[9].cells[j]]));
  const fresh = encodeMovie(readMovie(cells, f.encoders.map), f.encoders, f.words);
  assertEquals(Array.from(fresh), Array.from(f.matrix.subarray(9 * f.width, 10 * f.width)));
});

Deno.test("buildFeatures() refuses a matrix over 4 GiB (the seed preset on a large table), naming the way out", () => {
  const base = movies(1, 0)[0];
  // 34k movies with a director and three actors each of their own: the seed preset makes ~136k one-hot columns.
  const many: MovieRecord[] = Array.from({ length: 34_000 }, (_, i) => ({
    ...base,
    line: i + 2,
    id: `m${i}`,
    director: `Director ${i}`,
    actors: [`Actor ${i}`, `Actor ${i}b`, `Actor ${i}c`],
  }));
  const error = assertThrows(
    () => buildFeatures(many, [0, 1, 2], imdb5000, { preset: "seed", wordDim: 0 }),
    RangeError,
  );
  assertMatch(
    error.message,
    /^Cannot encode 34000 movies × \d+ columns \(--features seed\): the matrix would take \d+\.\d GiB/,
  );
  assertMatch(error.message, /--features default/);
});
