import { assertAlmostEquals, assertEquals, assertRejects, assertTrue } from "../_assert.ts";
import { PATHS } from "../../core/artifacts.ts";
import { loadPredictions, loadTrainSummary } from "../../scripts/_artifacts.ts";
import { join } from "../../scripts/_fs.ts";
import { run as predict } from "../../scripts/predict.ts";
import { TRAINED_KINDS, trainedFixture } from "./_trained.ts";
import { imdbCsv } from "../collect/_movies_csv.ts";

const MOVIE = new URL("../testdata/predict/movie.json", import.meta.url).pathname;

for (const kind of TRAINED_KINDS) {
  const members = kind === "tabm" ? "tabm models" : "MLPs reading auto-encoder codes";
  Deno.test(`predict --data gives every held-out movie train's scores, member by member (${members})`, async () => {
    const { out, csv } = await trainedFixture(kind);
    const { predictions } = await predict({ out, data: csv }, { quiet: true });
    const byLine = new Map(predictions.map((p) => [p.line, p]));
    const members = await loadPredictions(out, (await loadTrainSummary(out)).members.map((m) => m.k));
    assertEquals(members.length, 2);
    let compared = 0;
    for (const [j, rows] of members.entries()) {
      for (const row of rows) {
        const p = byLine.get(row.line);
        assertTrue(p, `line ${row.line} was predicted`);
        assertEquals(p.title, row.title);
        assertEquals(p.actual, row.Real_Score);
        assertAlmostEquals(
          p.members[j].score,
          row.Predicted_Score,
          1e-4,
          `member ${j + 1}, line ${row.line}`,
        );
        compared++;
      }
    }
    assertEquals(compared, 2 * 24, "24 test movies (15% of 160) for each of the 2 members");
    for (const p of predictions) {
      const mean = (p.members[0].score + p.members[1].score) / 2;
      assertAlmostEquals(p.score, mean, 1e-9);
      assertAlmostEquals(p.spread, Math.abs(p.members[0].score - p.members[1].score) / Math.SQRT2, 1e-9);
    }
  });
}

Deno.test("predict --movie scores one canonical movie and names the inputs the model did not know", async () => {
  const { out } = await trainedFixture();
  const { predictions } = await predict({ out, movie: MOVIE }, { quiet: true });
  assertEquals(predictions.length, 1);
  const [p] = predictions;
  assertEquals(p.title, "A New Movie");
  assertTrue(Number.isFinite(p.score) && p.members.every((m) => Number.isFinite(m.score)), "finite scores");
  const unknown = (field: string, value: string | null) =>
    p.unknown.filter((u) => u.field === field && u.value === value).map((u) => u.handling).join("; ");
  assertTrue(unknown("actors", "Nobody Anyone Knows").includes("never seen in training"), "unknown actor");
  assertTrue(
    unknown("keywords", "a keyword never seen").includes("no word vector: skipped"),
    "unknown keyword",
  );
  assertTrue(unknown("genres", "Western").includes('"(other)" column'), "unknown genre");
  assertTrue(unknown("numbers.critic_reviews", null).includes("training median"), "missing number imputed");
  assertEquals(unknown("director", "Director 3"), "", "a known director is not listed");
  assertEquals(unknown("keywords", "love"), "", "a known keyword is not listed");
});

Deno.test("predict refuses a movie whose field has the wrong type, naming the field", async () => {
  const { out } = await trainedFixture();
  const dir = await Deno.makeTempDir();
  try {
    const bad = join(dir, "bad.json");
    await Deno.writeTextFile(bad, JSON.stringify({ title: "X", numbers: { budget: "lots" } }));
    await assertRejects(() => predict({ out, movie: bad }, { quiet: true }), TypeError, "numbers.budget");
    await Deno.writeTextFile(bad, JSON.stringify({ title: "X", rating: 9 }));
    await assertRejects(() => predict({ out, movie: bad }, { quiet: true }), TypeError, '"rating"');
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("predict --data refuses a number cell that is not a number, naming the line and column", async () => {
  const { out } = await trainedFixture();
  const dir = await Deno.makeTempDir();
  try {
    const csv = join(dir, "new.csv");
    await Deno.writeTextFile(
      csv,
      imdbCsv({ rows: 3, seed: 9, emptyShare: 0, cells: { 1: { budget: "lots" } } }),
    );
    await assertRejects(
      () => predict({ out, data: csv }, { quiet: true }),
      SyntaxError,
      'line 3, column "budget": "lots" is not a number',
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("predict without collect's encoders or train's checkpoints says which stage to run", async () => {
  const { out } = await trainedFixture();
  const dir = await Deno.makeTempDir();
  try {
    await assertRejects(
      () => predict({ out: dir, movie: MOVIE }, { quiet: true }),
      Error,
      "deno task collect",
    );
    await Deno.mkdir(join(dir, "training_data"));
    await Deno.copyFile(join(out, PATHS.encoders), join(dir, PATHS.encoders));
    await assertRejects(() => predict({ out: dir, movie: MOVIE }, { quiet: true }), Error, "deno task train");
    await assertRejects(() => predict({ out }, { quiet: true }), TypeError, "exactly one of --movie");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("deno task predict --json prints the ensemble score with its 80% and 95% intervals, each member's score and the spread", async () => {
  const { out } = await trainedFixture();
  const script = new URL("../../scripts/predict.ts", import.meta.url).pathname;
  const { code, stdout, stderr } = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", script, "--out", out, "--movie", MOVIE, "--json"],
    stdout: "piped",
    stderr: "piped",
  }).output();
  assertEquals(code, 0, new TextDecoder().decode(stderr));
  const printed = JSON.parse(new TextDecoder().decode(stdout));
  const { predictions } = await predict({ out, movie: MOVIE }, { quiet: true });
  assertEquals(printed.length, 1);
  assertEquals(Object.keys(printed[0]).sort(), Object.keys(predictions[0]).sort());
  assertAlmostEquals(printed[0].score, predictions[0].score, 1e-9);
  assertEquals(printed[0].intervals.map((i: { level: number }) => i.level), [0.8, 0.95]);
  const conformal = JSON.parse(await Deno.readTextFile(join(out, PATHS.conformal)));
  const [i80, i95] = printed[0].intervals;
  assertAlmostEquals(i80.high - i80.low, 2 * conformal.levels[0].halfWidth, 1e-9, "± the 80% half-width");
  assertTrue(i95.low <= i80.low && i80.high <= i95.high, "the 95% interval contains the 80% one");
  assertTrue(new TextDecoder().decode(stderr).includes("predict: backend wasm"), "the backend is printed");
  // The table shows both intervals.
  const table = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", script, "--out", out, "--movie", MOVIE],
    stdout: "piped",
    stderr: "null",
  }).output();
  const header = new TextDecoder().decode(table.stdout).split("\n")[0];
  assertTrue(header.includes("80% interval") && header.includes("95% interval"), header);
});
