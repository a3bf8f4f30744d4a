/**
 * Case 5 of issue 11: a constant training column (or target) has no spread to scale by. It must not get a
 * rounding-noise standard deviation (~1e-15), which turned any other value at predict time into ~1e12.
 */
import { assertAlmostEquals, assertEquals, assertTrue } from "../_assert.ts";
import { parseCsv } from "../../core/collect/parse_csv.ts";
import { imdb5000 } from "../../core/collect/profiles.ts";
import { readMovies } from "../../core/collect/read_movies.ts";
import { encodeMovie, featureNames } from "../../core/features/encode_movie.ts";
import type { NumberBlock } from "../../core/features/encoders.ts";
import { fitEncoders } from "../../core/features/fit_encoders.ts";
import { standardScale } from "../../core/features/standard_scale.ts";
import { movieFromInput } from "../../core/predict/movie_input.ts";
import { fitTargetScaling } from "../../core/train/target_scaling.ts";
import { join } from "../../scripts/_fs.ts";
import { defaults as collectDefaults, run as collect } from "../../scripts/collect.ts";
import { run as predict } from "../../scripts/predict.ts";
import { run as train } from "../../scripts/train.ts";
import { imdbCsv } from "../collect/_movies_csv.ts";

/** Every movie 97 minutes long, with 3 faces on its poster and an aspect ratio of 1.85. */
function constantCsv(rows: number): string {
  const cells: Record<number, Record<string, string>> = {};
  for (let i = 0; i < rows; i++) {
    cells[i] = { duration: "97", facenumber_in_poster: "3", aspect_ratio: "1.85" };
  }
  return imdbCsv({ rows, seed: 4, cells, emptyShare: 0 });
}

Deno.test("standardScale() gives a constant column sd 1 and its value as mean; others their population sd", () => {
  assertEquals(standardScale([1.85, 1.85, 1.85, 1.85, 1.85, 1.85, 1.85]), { mean: 1.85, sd: 1 });
  assertEquals(standardScale([]), { mean: 0, sd: 1 });
  const { mean, sd } = standardScale([1, 2, 3, 4]);
  assertEquals(mean, 2.5);
  assertAlmostEquals(sd, Math.sqrt(1.25), 1e-15);
  assertEquals(fitTargetScaling(new Float32Array([7, 7, 7, 7]), [0, 1, 2, 3], true), { mean: 7, sd: 1 });
});

Deno.test("a constant number column is fitted with sd 0 and encodes as 0 for any value a new movie has", () => {
  const movies = readMovies(parseCsv(constantCsv(120), "const.csv"), imdb5000);
  const encoders = fitEncoders(movies, imdb5000);
  const block = (field: string) =>
    encoders.blocks.find((b): b is NumberBlock => b.kind === "number" && b.field === field)!;
  for (const field of ["duration", "faces", "aspect_ratio"]) assertEquals(block(field).sd, 0, field);
  assertEquals([block("duration").min, block("duration").max], [97, 97]);
  const names = featureNames(encoders);
  const vector = encodeMovie(
    movieFromInput({ numbers: { duration: 180, faces: 0, aspect_ratio: 2.35 } }),
    encoders,
    null,
  );
  for (const field of ["duration", "faces", "aspect_ratio"]) {
    assertEquals(vector[names.indexOf(`num:${field}`)], 0);
  }
});

Deno.test("an ensemble trained with constant columns scores a movie with other values in the score range", async () => {
  const out = await Deno.makeTempDir({ prefix: "constant-column-test-" });
  const log = console.log;
  console.log = () => {};
  try {
    const csv = join(out, "const.csv");
    await Deno.writeTextFile(csv, constantCsv(160));
    await collect({ ...collectDefaults, data: csv, out, k: 2 });
    await train({ out, backend: "wasm", hidden: [8], epochs: 2, batchSize: 32, patience: 0 }, {
      quiet: true,
    });
    const movie = join(out, "movie.json");
    await Deno.writeTextFile(
      movie,
      JSON.stringify({ title: "Longer", numbers: { duration: 120, faces: 1 } }),
    );
    const [p] = (await predict({ out, movie }, { quiet: true })).predictions;
    for (const m of p.members) assertTrue(m.score > 0 && m.score < 10, `member ${m.k} scored ${m.score}`);
  } finally {
    console.log = log;
    await Deno.remove(out, { recursive: true });
  }
});
