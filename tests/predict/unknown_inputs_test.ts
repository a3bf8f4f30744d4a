import * as tf from "../../core/tfjs.ts";
import { assertAlmostEquals, assertEquals, assertRejects, assertThrows } from "../_assert.ts";
import { unknownInputs } from "../../core/predict/unknown_inputs.ts";
import { encodeMovies, predictMovies } from "../../core/predict/predict_movies.ts";
import { movieFromInput } from "../../core/predict/movie_input.ts";
import { matchVocabularyCase } from "../../core/predict/match_vocabulary_case.ts";
import { describeUnknown, inputFields } from "../../core/predict/input_fields.ts";
import { fitEncoders } from "../../core/features/fit_encoders.ts";
import { imdb5000 } from "../../core/collect/profiles.ts";
import { readMovies } from "../../core/collect/read_movies.ts";
import { parseCsv } from "../../core/collect/parse_csv.ts";
import type { WordVectors } from "../../core/features/word2vec.ts";
import { imdbCsv } from "../collect/_movies_csv.ts";

await tf.setBackend("cpu");

const movies = readMovies(parseCsv(imdbCsv({ rows: 80, seed: 4 }), "movies.csv"), imdb5000);
const encoders = fitEncoders(movies, imdb5000, { wordDim: 2, peopleMinCount: 2 });
const words: WordVectors = { dim: 2, vectors: new Map([["love", Float32Array.of(1, 0)]]) };

Deno.test("unknownInputs() names unseen people and categories, keywords without vectors and missing numbers", () => {
  const movie = movieFromInput({
    title: "New",
    director: "Nobody Known",
    actors: ["Actor 1", "Someone New"],
    genres: ["Drama", "Western"],
    keywords: ["Love", "time travel"],
    numbers: { budget: 1e6, shoe_size: 44 },
    categories: { country: "Atlantis", color: "Color" },
  });
  const found = unknownInputs(movie, encoders, words);
  const handling = (field: string, value: string | null) =>
    found.find((u) => u.field === field && u.value === value)?.handling ?? "";
  assertEquals(handling("director", "Nobody Known").includes("no column of its own"), true);
  assertEquals(
    handling("director", "Nobody Known").includes("target-encoding prior"),
    true,
    "both handlings",
  );
  assertEquals(handling("actors", "Someone New").includes("never seen in training"), true);
  assertEquals(handling("actors", "Actor 1"), "", "a known actor is not listed");
  assertEquals(handling("genres", "Western"), 'not in the vocabulary: the "(other)" column');
  assertEquals(handling("keywords", "time travel").includes("no word vector: skipped"), true);
  assertEquals(handling("keywords", "Love").includes("word vector"), false, "Love has a vector (token love)");
  assertEquals(handling("categories.country", "Atlantis"), 'not in the vocabulary: the "(other)" column');
  assertEquals(handling("numbers.duration", null).startsWith("missing: the training median"), true);
  assertEquals(handling("numbers.shoe_size", "44"), "not an input of this model: ignored");
  assertEquals(handling("numbers.budget", null), "", "a given number is not listed");
  const noKeywords = {
    ...encoders,
    blocks: encoders.blocks.filter((b) =>
      !b.kind.startsWith("word") && !("source" in b && b.source.role === "keywords")
    ),
  };
  const ignored = unknownInputs(movie, noKeywords, null).find((u) => u.field === "keywords");
  assertEquals(ignored, {
    field: "keywords",
    value: "Love, time travel",
    handling: "not an input of this model: ignored",
  });
});

Deno.test("predictMovies() undoes each member's target scaling and averages the members", async () => {
  const member = (bias: number) => {
    const model = tf.sequential({
      layers: [tf.layers.dense({
        units: 1,
        inputShape: [encoders.width],
        kernelInitializer: "zeros",
        biasInitializer: tf.initializers.constant({ value: bias }),
      })],
    });
    return model;
  };
  const ensemble = {
    encoders,
    words,
    autoencoder: null,
    members: [
      { k: 1, model: member(0.5), target: { mean: 6, sd: 2 }, input: "raw" as const },
      { k: 2, model: member(-1), target: { mean: 6.5, sd: 1 }, input: "raw" as const },
    ],
  };
  const [p] = await predictMovies([movieFromInput({ title: "A" })], ensemble, tf);
  assertEquals(p.members.map((m) => m.k), [1, 2]);
  assertAlmostEquals(p.members[0].score, 7, 1e-6);
  assertAlmostEquals(p.members[1].score, 5.5, 1e-6);
  assertAlmostEquals(p.score, 6.25, 1e-6);
  assertAlmostEquals(p.spread, 1.5 / Math.SQRT2, 1e-6, "sample SD of 7 and 5.5");
  const narrow = {
    ...ensemble,
    members: [{
      ...ensemble.members[0],
      model: tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [3] })] }),
    }],
  };
  await assertRejects(() => predictMovies([movieFromInput({})], narrow, tf), TypeError, "reads 3 raw inputs");
  const coded = { ...ensemble, members: [{ ...ensemble.members[0], input: "autoencoder" as const }] };
  await assertRejects(() => predictMovies([movieFromInput({})], coded, tf), TypeError, "no auto-encoder");
});

Deno.test("encodeMovies() refuses a value that encodes to a non-finite number, naming the column", () => {
  // 1e308 minutes, standardised, overflows float32.
  const huge = movieFromInput({ title: "Huge", numbers: { duration: 1e308 } });
  assertThrows(
    () => encodeMovies([huge], encoders, words),
    TypeError,
    'movie "Huge" (line 1): column "num:duration"',
  );
  const fine = movieFromInput({ title: "Fine", numbers: { duration: 120 } });
  assertEquals(encodeMovies([fine], encoders, words).every(Number.isFinite), true);
});

Deno.test('matchVocabularyCase() reads MPAA rating "r" as "R" and genre "drama" as "Drama", leaving unknown values alone', () => {
  const movie = movieFromInput({
    title: "Lower case",
    genres: ["drama", "Western"],
    categories: { content_rating: "r", country: "atlantis" },
  });
  const matched = matchVocabularyCase(movie, encoders);
  assertEquals(matched.categories.content_rating, "R");
  assertEquals(matched.genres, ["Drama", "Western"]);
  assertEquals(matched.categories.country, "atlantis", "no vocabulary value matches");
  const unknown = unknownInputs(matched, encoders, words).map((u) => u.field);
  assertEquals(unknown.includes("categories.content_rating"), false, "R is known");
  assertEquals(
    matchVocabularyCase(movieFromInput({ categories: { content_rating: "R" } }), encoders).categories,
    {
      content_rating: "R",
    },
  );
});

Deno.test("describeUnknown() names fields by their form labels and says 'left empty' for a missing value", () => {
  const fields = inputFields(encoders);
  const movie = movieFromInput({ title: "New", director: "Nobody Known", actors: ["Someone New"] });
  const lines = unknownInputs(movie, encoders, words).map((u) => describeUnknown(u, fields));
  assertEquals(
    lines.some((l) => l.startsWith("Duration (left empty): the training median")),
    true,
    lines.join("\n"),
  );
  assertEquals(lines.some((l) => l.startsWith("Director “Nobody Known”: ")), true);
  assertEquals(lines.some((l) => l.startsWith("Actor 1 “Someone New”: ")), true, lines.join("\n"));
  assertEquals(lines.some((l) => /numbers\.|categories\.|\[\d\]/.test(l)), false, "no internal key is shown");
});

Deno.test("predictMovies() gives every score its conformal intervals when the ensemble has a calibration", async () => {
  const model = tf.sequential({
    layers: [tf.layers.dense({ units: 1, inputShape: [encoders.width], kernelInitializer: "zeros" })],
  });
  const conformal = {
    schema: 1 as const,
    method: "test",
    n: 100,
    membersPerRow: { 1: 100 },
    levels: [{ level: 0.8, halfWidth: 0.5 }, { level: 0.95, halfWidth: 1.2 }],
    range: [1, 9.5] as [number, number],
  };
  const ensemble = {
    encoders,
    words,
    autoencoder: null,
    members: [{ k: 1, model, target: { mean: 9, sd: 1 }, input: "raw" as const }],
    conformal,
  };
  const [p] = await predictMovies([movieFromInput({ title: "A" })], ensemble, tf);
  assertAlmostEquals(p.score, 9, 1e-6);
  assertEquals(p.intervals.map((i) => i.level), [0.8, 0.95]);
  assertAlmostEquals(p.intervals[0].low, 8.5, 1e-6);
  assertAlmostEquals(p.intervals[0].high, 9.5, 1e-6);
  assertAlmostEquals(p.intervals[1].low, 7.8, 1e-6);
  assertEquals(p.intervals[1].high, 9.5, "clipped to the training scores' range");
  const [bare] = await predictMovies([movieFromInput({ title: "A" })], { ...ensemble, conformal: null }, tf);
  assertEquals(bare.intervals, []);
});

Deno.test("a model that reads the year one-hot (the seed's features) does not call numbers.year ignored", () => {
  const seed = fitEncoders(movies, imdb5000, { preset: "seed", wordDim: 2 });
  const movie = movieFromInput({ title: "New", year: 2012, numbers: { shoe_size: 44 } });
  const fields = unknownInputs(movie, seed, words).map((u) => u.field);
  assertEquals(fields.includes("numbers.year"), false);
  assertEquals(fields.includes("numbers.shoe_size"), true, "a number no block reads still is");
});
