/**
 * Case 6 of issue 11: predict never extrapolates without a word. Every numeric input outside the training
 * range is flagged with that range, and a score beyond the target's valid range is clamped and said so, in
 * the CLI table, in `--json`, and (tests/predict/try_page_test.ts) on the Try page; a `--data` table of
 * another profile than the training data's gets one warning.
 */
import { assertAlmostEquals, assertEquals, assertMatch, assertTrue } from "../_assert.ts";
import { imdbCsv } from "../collect/_movies_csv.ts";
import type { Encoders } from "../../core/features/encoders.ts";
import { clampScore, outOfRangeInputs } from "../../core/predict/out_of_range.ts";
import { movieFromInput } from "../../core/predict/movie_input.ts";
import { join, readJsonFile } from "../../scripts/_fs.ts";
import { PATHS } from "../../core/artifacts.ts";
import { run as predict } from "../../scripts/predict.ts";
import { captured } from "../_console.ts";
import { EXTREME } from "./_extreme_movie.ts";

/** What `fn` printed, stdout and stderr each as one text. */
async function printedText(fn: () => Promise<unknown>): Promise<{ out: string; err: string }> {
  const { out, err } = await captured(fn);
  return { out: out.join("\n"), err: err.join("\n") };
}
import { trainedFixture } from "./_trained.ts";

Deno.test("outOfRangeInputs() flags numbers outside the training range; clampScore() keeps scores in the target's", async () => {
  const { out } = await trainedFixture("tabm");
  const encoders = await readJsonFile<Encoders>(join(out, PATHS.encoders), "encoders");
  const year = encoders.blocks.find((b) => b.kind === "number" && b.field === "year");
  assertTrue(
    year?.kind === "number" && year.min !== undefined && year.max !== undefined,
    "the year's range is saved",
  );
  const flags = outOfRangeInputs(movieFromInput(EXTREME), encoders);
  assertEquals(flags.map((f) => [f.field, f.value]), [["numbers.votes", 1e99], ["numbers.duration", 1e6], [
    "numbers.year",
    3000,
  ]]);
  assertEquals([flags[2].min, flags[2].max], [year.min, year.max]);
  assertEquals(
    outOfRangeInputs(movieFromInput({ year: year.min, numbers: { duration: null } }), encoders),
    [],
  );
  const { min, max } = encoders.map.target;
  assertEquals(clampScore(-8.85, encoders), { score: min, clamped: { from: -8.85, min, max } });
  assertEquals(clampScore(135.68, encoders), { score: max, clamped: { from: 135.68, min, max } });
  assertEquals(clampScore(6.5, encoders), { score: 6.5, clamped: null });
});

Deno.test("predict flags the extreme movie's inputs and clamps its score, in the table and in --json", async () => {
  // MLP members extrapolate past the valid range (a tabm model keeps each score in the training range).
  const { out } = await trainedFixture("autoencoder");
  const movie = join(out, "extreme.json");
  await Deno.writeTextFile(movie, JSON.stringify(EXTREME));
  const table = await printedText(() => predict({ out, movie }));
  const json = await printedText(() => predict({ out, movie, json: true }));
  const [p] = JSON.parse(json.out);
  assertEquals(p.outOfRange.map((o: { field: string }) => o.field), [
    "numbers.votes",
    "numbers.duration",
    "numbers.year",
  ]);
  assertTrue(p.clamped !== null, `the score ${p.score} was clamped from ${p.clamped?.from}`);
  assertTrue(p.score >= p.clamped.min && p.score <= p.clamped.max);
  const mean = p.members.reduce((s: number, m: { score: number }) => s + m.score, 0) / p.members.length;
  assertAlmostEquals(p.clamped.from, mean, 1e-9);
  assertMatch(table.out, /\d\.\d{3}\* /);
  assertMatch(table.out, /^\* clamped to the score's valid range/m);
  assertMatch(table.out, /^ {2}numbers\.year 3000 is outside the training range \d{4}–\d{4}$/m);
  assertMatch(table.out, /^ {2}score: the ensemble's -?[\d.e+]+ was clamped to the valid range/m);
});

Deno.test("predict --data warns once when the table's profile is not the training data's", async () => {
  const { out } = await trainedFixture("tabm");
  const tmdb = new URL("../testdata/collect/tmdb/tmdb_5000_movies.csv", import.meta.url).pathname;
  const other = await printedText(() => predict({ out, data: tmdb }));
  const warnings = other.err.split("\n").filter((l) => l.startsWith("predict: warning:"));
  assertEquals(warnings.length, 1, other.err);
  assertMatch(warnings[0], /read with profile "tmdb5000", but the model was trained on "imdb5000" data/);
  const same = join(out, "same.csv");
  await Deno.writeTextFile(same, imdbCsv({ rows: 5, seed: 9 }));
  const result = await predict({ out, data: same }, { quiet: true });
  assertEquals(result.warnings, []);
});
