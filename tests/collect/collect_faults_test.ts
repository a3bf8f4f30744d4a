/**
 * Collect's faults and messages (issue 11): a FIFO or a symbolic-link loop as `--data` gets a message, not a
 * hang; every JSON input names line and column of a syntax error; "Cannot split 0 rows" says why; a test set
 * below the minimum is refused unless `--allow-small`; and the index copies in `prediction_results/` change
 * together with `training_data/` or not at all.
 */
import { symlink } from "../_fixtures.ts";
import { assertEquals, assertMatch, assertRejects, assertThrows } from "../_assert.ts";
import { imdbCsv } from "./_movies_csv.ts";
import { PATHS } from "../../core/artifacts.ts";
import { parseCsv } from "../../core/collect/parse_csv.ts";
import { parseCli } from "../../scripts/_cli.ts";
import { exists, join, readJsonFile, setWriteHook } from "../../scripts/_fs.ts";
import { defaults, run, spec } from "../../scripts/collect.ts";
import { run as predict } from "../../scripts/predict.ts";

async function withDir<T>(fn: (dir: string) => Promise<T>): Promise<T> {
  const dir = await Deno.makeTempDir({ prefix: "collect-faults-test-" });
  const log = console.log;
  console.log = () => {};
  try {
    return await fn(dir);
  } finally {
    console.log = log;
    setWriteHook(null);
    await Deno.remove(dir, { recursive: true });
  }
}

Deno.test("a FIFO or a loop of symbolic links as --data is refused with a message, without hanging", async () => {
  await withDir(async (dir) => {
    const fifo = join(dir, "movies.csv");
    const made = await new Deno.Command("mkfifo", { args: [fifo] }).output().catch(() => null);
    if (made?.success) {
      await assertRejects(
        () => run({ ...defaults, data: fifo, out: join(dir, "a") }),
        TypeError,
        "it is not a regular file (a FIFO, socket or device)",
      );
    } else if (Deno.env.get("CI") === "true") throw new Error("mkfifo is missing");
    else console.error("skipped the FIFO case: no mkfifo here");
    await symlink(join(dir, "loop-b.csv"), join(dir, "loop-a.csv"));
    await symlink(join(dir, "loop-a.csv"), join(dir, "loop-b.csv"));
    await assertRejects(
      () => run({ ...defaults, data: join(dir, "loop-a.csv"), out: join(dir, "a") }),
      TypeError,
      "a loop of symbolic links",
    );
    assertEquals(await exists(join(dir, "a")), false, "no artifacts");
  });
});

Deno.test("every JSON input names the file, line and column of a syntax error, a truncated one included", async () => {
  await withDir(async (dir) => {
    const bad = async (name: string, text: string) => {
      await Deno.writeTextFile(join(dir, name), text);
      return join(dir, name);
    };
    const data = await bad(
      "movies.json",
      '[\n  {"Title": "A", "IMDB Rating": 7},\n  {"Title": "B" "IMDB Rating": 6}\n]',
    );
    await assertRejects(
      () => run({ ...defaults, data, out: join(dir, "a") }),
      SyntaxError,
      'movies.json", line 3, column 17',
    );
    const config = await bad("config.json", '{\n  "k": 2,\n  "seed": \n}');
    await assertRejects(
      () => parseCli(["--config", config], spec),
      SyntaxError,
      'config.json", line 4, column 1',
    );
    const good = await bad("good.csv", imdbCsv({ rows: 5 }));
    const map = await bad("map.json", '{"name": "x",\n "title": {"column": "t"');
    await assertRejects(
      () => run({ ...defaults, data: good, map, out: join(dir, "a") }),
      SyntaxError,
      'map.json", line 2, column 25',
    );
    const movie = await bad("movie.json", '{"title": "Heat",\n "year": 1995,,\n}');
    await assertRejects(
      () => predict({ out: dir, movie }, { quiet: true }),
      SyntaxError,
      'movie.json", line 2, column 15',
    );
    await assertRejects(
      () => readJsonFile(join(dir, "movie.json"), "checkpoint state"),
      SyntaxError,
      `Cannot parse checkpoint state ${JSON.stringify(movie)}, line 2, column 15`,
    );
  });
});

Deno.test("an unclosed quote is reported at the line where it opens", () => {
  const text = 'movie_title,imdb_score\nA,7\n"B,6\nC,5\nD,4\n';
  const error = assertThrows(() => parseCsv(text, "q.csv"), SyntaxError);
  assertEquals(
    error.message,
    `Cannot parse CSV "q.csv", line 3: a quoted field opens here and is never closed (a missing or stray '"')`,
  );
  assertEquals(
    parseCsv('a,b\n"x ""quoted"", and, commas",1\n', "ok.csv").records[0].cells[0],
    'x "quoted", and, commas',
  );
});

Deno.test("'Cannot split 0 rows' says why, naming the target column; a small test set needs --allow-small", async () => {
  await withDir(async (dir) => {
    const cells: Record<number, Record<string, string>> = {};
    for (let i = 0; i < 30; i++) cells[i] = { imdb_score: i % 2 ? "" : "11" };
    const none = join(dir, "none.csv");
    await Deno.writeTextFile(none, imdbCsv({ rows: 30, cells }));
    await assertRejects(
      () => run({ ...defaults, data: none, out: join(dir, "a") }),
      RangeError,
      `Cannot split 0 rows of ${
        JSON.stringify(none)
      }: all 30 records were dropped: 30 invalid target (column "imdb_score" empty, not a number or outside`,
    );
    const small = join(dir, "small.csv");
    await Deno.writeTextFile(small, imdbCsv({ rows: 60 }));
    await assertRejects(
      () => run({ ...defaults, data: small, out: join(dir, "a") }),
      RangeError,
      "the test set would have 9 (15%), fewer than 20; use more movies, a larger --test-fraction, or --allow-small",
    );
    assertEquals(await exists(join(dir, "a")), false, "no artifacts");
    const { manifest } = await run({ ...defaults, data: small, out: join(dir, "a"), allowSmall: true });
    assertEquals(manifest.rows.test, 9);
  });
});

Deno.test("the index copies in prediction_results/ change together with training_data/, or not at all", async () => {
  await withDir(async (dir) => {
    const data = join(dir, "movies.csv");
    await Deno.writeTextFile(data, imdbCsv({ rows: 150, seed: 2 }));
    const out = join(dir, "out");
    await run({ ...defaults, data, out, seed: 1 });
    const state = async () => {
      const read = (p: string) => Deno.readTextFile(join(out, p)).catch(() => "missing");
      const copy = (p: string) => join(PATHS.predictionResults, p.slice(PATHS.trainingData.length + 1));
      return {
        data: [await read(PATHS.testIndex), await read(PATHS.trainIndex(1)), await read(PATHS.trainIndex(3))],
        copies: [
          await read(copy(PATHS.testIndex)),
          await read(copy(PATHS.trainIndex(1))),
          await read(copy(PATHS.trainIndex(3))),
        ],
      };
    };
    const before = await state();
    assertEquals(before.copies, before.data);
    // Each change from the swap of training_data/ on fails in turn (k 2: the third bag's copy goes too).
    const writes: string[] = [];
    setWriteHook((op, path) => void writes.push(`${op} ${path}`));
    await run({ ...defaults, data, out, seed: 2, k: 2 });
    setWriteHook(null);
    const after = await state();
    assertEquals(after.copies, after.data);
    assertEquals(after.copies[2], "missing");
    const swap = writes.findIndex((w) => w.startsWith("rename") && w.endsWith(PATHS.trainingData));
    for (let n = swap - 1; n <= writes.length; n++) {
      await run({ ...defaults, data, out, seed: 1 });
      let count = 0;
      setWriteHook((op, path) => {
        if (++count === n) throw new Error(`injected at ${op} ${path}`);
      });
      await run({ ...defaults, data, out, seed: 2, k: 2 }).catch((e) => assertMatch(String(e), /injected/));
      setWriteHook(null);
      const now = await state();
      assertEquals(now.copies, now.data, `after a failure at ${writes[n - 1]}`);
      assertEquals(
        [before.data, after.data].some((s) => JSON.stringify(s) === JSON.stringify(now.data)),
        true,
      );
    }
  });
});
