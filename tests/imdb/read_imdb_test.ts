/**
 * Collect on IMDb's dataset files: the small dump of `tests/testdata/imdb/dump` (made by its make_dump.py, every
 * quirk of the format on purpose), read as a folder, gzipped or not, with tables absent or broken.
 */
import { assertEquals, assertMatch, assertRejects, assertTrue } from "../_assert.ts";
import { type CollectConfig, defaults, run } from "../../scripts/collect.ts";
import { readImdbDump } from "../../scripts/_read_imdb.ts";
import { join } from "../../scripts/_fs.ts";

const DUMP = new URL("../testdata/imdb/dump", import.meta.url).pathname;
const FILES = ["title.basics", "title.ratings", "title.crew", "title.principals", "name.basics"];

async function withTempDir<T>(fn: (dir: string) => Promise<T>): Promise<T> {
  const dir = await Deno.makeTempDir({ prefix: "imdb-dump-test-" });
  try {
    return await fn(dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

/** Collect `data` into a temp folder, quietly; returns the result and what was printed to stderr. */
function collect(options: Partial<CollectConfig>) {
  return withTempDir(async (out) => {
    const { log, error } = console;
    const messages: string[] = [];
    console.log = () => {};
    console.error = (...args: unknown[]) => messages.push(args.join(" "));
    try {
      return { ...(await run({ ...defaults, allowSmall: true, out, ...options })), messages };
    } finally {
      console.log = log;
      console.error = error;
    }
  });
}

/** A copy of the fixture dump in `dir`, each file gunzipped (`.tsv`) when `plain`, `only` the tables named. */
async function copyDump(dir: string, { plain = false, only = FILES } = {}) {
  for (const name of only) {
    const gz = await Deno.readFile(join(DUMP, `${name}.tsv.gz`));
    if (!plain) await Deno.writeFile(join(dir, `${name}.tsv.gz`), gz);
    else {
      const text = await new Response(new Blob([gz]).stream().pipeThrough(new DecompressionStream("gzip")))
        .arrayBuffer();
      await Deno.writeFile(join(dir, `${name}.tsv`), new Uint8Array(text));
    }
  }
}

Deno.test("a folder of IMDb's .tsv.gz files is detected and joined: movies, names, quirks kept as text", async () => {
  const { manifest, dataset } = await collect({ data: DUMP });
  assertEquals(manifest.profile, "imdb-datasets");
  assertEquals(manifest.input.records, 69, "every title.basics row is a record");
  assertEquals(manifest.rows.kept, 62);
  const first = dataset.movies[0];
  assertEquals(first.title, '"Weird Al" Yankovic: The Movie');
  assertEquals(first.director, 'Ann "Annie" Lee', "the first of two directors, a literal quote in the name");
  assertEquals(first.actors, ["Dwayne Johnson Jr.", "Eve Stone", "nm0000012"], "a name that is \\N: its id");
  assertEquals(first.numbers.director_count, 2);
  assertEquals(first.numbers.director_earlier_films, 2, "1980 and 1985; not the tvMovie, not 1990 itself");
  assertEquals(first.categories.writer, "Cy Writer");
  const lone = dataset.movies[1];
  assertEquals(lone.title, 'A lone " quote');
  assertEquals([lone.year, lone.director, lone.actors, lone.genres], [null, null, [null, null, null], []]);
  assertTrue(
    lone.missing.includes("runtimeMinutes") && lone.missing.includes("actor1"),
    "\\N cells are missing",
  );
});

Deno.test("IMDb dump: titles left out are counted by reason with their title.basics lines", async () => {
  const { manifest, messages } = await collect({ data: DUMP });
  assertEquals(manifest.dropped, {
    "adult title": { count: 1, lines: [4] },
    "other title type": { count: 3, lines: [5, 6, 9] },
    "no rating": { count: 1, lines: [7] },
    "too few votes": { count: 1, lines: [8] },
    "duplicate": { count: 1, lines: [10] },
  });
  assertTrue(messages.some((m) => /title\.principals\.tsv\.gz/.test(m)), "progress names each file");
});

Deno.test("IMDb dump: --min-votes and --title-types choose the movies", async () => {
  const { manifest } = await collect({ data: DUMP, minVotes: 10, titleTypes: "movie,tvMovie" });
  assertEquals(manifest.rows.kept, 64, "the 20-vote movie and the TV movie join");
  assertEquals(manifest.dropped["too few votes"], undefined);
  assertEquals(manifest.dropped["other title type"], { count: 2, lines: [5, 6] });
});

Deno.test("IMDb dump: uncompressed .tsv files read the same as .tsv.gz", async () => {
  await withTempDir(async (dir) => {
    await copyDump(dir, { plain: true });
    const plain = await readImdbDump(dir, { progress: false });
    const gz = await readImdbDump(DUMP, { progress: false });
    assertEquals(plain.table.records, gz.table.records);
    assertEquals(plain.dropped, gz.dropped);
  });
});

Deno.test("IMDb dump: without crew, principals and names the movies still load, and a note says what is missing", async () => {
  await withTempDir(async (dir) => {
    await copyDump(dir, { only: ["title.basics", "title.ratings"] });
    const { manifest, dataset, messages } = await collect({ data: dir });
    assertEquals(manifest.rows.kept, 62);
    assertEquals(dataset.movies[0].director, null);
    assertEquals(
      messages.filter((m) => /collect: no title\.(crew|principals)|no name\.basics/.test(m)).length,
      3,
    );
  });
});

Deno.test("IMDb dump: a folder without title.ratings or with a broken gzip stops with the file named; a bad cell skips its row", async () => {
  await withTempDir(async (dir) => {
    await copyDump(dir, { only: ["title.basics"] });
    await assertRejects(() => collect({ data: dir }), Deno.errors.NotFound, "no title.basics.tsv.gz and");
    await copyDump(dir, { only: ["title.ratings"] });
    await Deno.writeTextFile(join(dir, "title.crew.tsv.gz"), "not gzip at all");
    await assertRejects(
      () => collect({ data: dir }),
      TypeError,
      `Cannot read "${join(dir, "title.crew.tsv.gz")}" after line 0: not a gzip file of UTF-8 text`,
    );
    await Deno.remove(join(dir, "title.crew.tsv.gz"));
    await Deno.writeTextFile(
      join(dir, "title.ratings.tsv"),
      "tconst\taverageRating\tnumVotes\ntt0000001\t7.x\t10\n" +
        Array.from({ length: 60 }, (_, i) => `tt${String(1000 + i).padStart(7, "0")}\t7.0\t500\n`).join(""),
    );
    await Deno.remove(join(dir, "title.ratings.tsv.gz"));
    const { dataset, messages } = await collect({ data: dir, allowSmall: true });
    assertEquals(
      dataset.problems[0],
      `Cannot read "${
        join(dir, "title.ratings.tsv")
      }", line 2, column "averageRating": "7.x" is not a number`,
    );
    assertTrue(
      messages.includes("collect: 1 malformed rows of title.ratings.tsv skipped (see the first below)"),
    );
  });
});

Deno.test("IMDb dump: a failed read leaves the previous artifacts untouched", async () => {
  await withTempDir(async (dir) => {
    const out = join(dir, "out");
    const { log, error } = console;
    console.log = console.error = () => {};
    try {
      await run({ ...defaults, allowSmall: true, out, data: DUMP });
      const before = await Deno.readTextFile(join(out, "training_data", "manifest.json"));
      const broken = join(dir, "broken");
      await Deno.mkdir(broken);
      await copyDump(broken, { only: ["title.basics", "title.ratings"] });
      await Deno.writeTextFile(join(broken, "title.principals.tsv.gz"), "garbage");
      await assertRejects(() => run({ ...defaults, allowSmall: true, out, data: broken }), TypeError);
      assertEquals(await Deno.readTextFile(join(out, "training_data", "manifest.json")), before);
    } finally {
      console.log = log;
      console.error = error;
    }
  });
});

Deno.test("a folder that is not an IMDb dump, or a dump under another --profile, is refused with a reason", async () => {
  await withTempDir(async (dir) => {
    await assertRejects(() => collect({ data: dir }), Deno.errors.NotFound, "not one of IMDb's datasets");
  });
  const error = await assertRejects(() => collect({ data: DUMP, profile: "tmdb5000" }), RangeError);
  assertMatch((error as Error).message, /--profile imdb-datasets or auto/);
});

Deno.test("IMDb dump: CRLF line ends and a last line without a line break read as the rest", async () => {
  await withTempDir(async (dir) => {
    await copyDump(dir, { plain: true });
    const path = join(dir, "title.ratings.tsv");
    const text = await Deno.readTextFile(path);
    await Deno.writeTextFile(path, text.trimEnd().replaceAll("\n", "\r\n"));
    const crlf = await readImdbDump(dir, { progress: false });
    const gz = await readImdbDump(DUMP, { progress: false });
    assertEquals(crlf.table.records, gz.table.records);
  });
});

Deno.test("IMDb dump: when no movie is left, the error says why (drops by reason) and names the options", async () => {
  const error = await assertRejects(() => collect({ data: DUMP, titleTypes: "Movie" }), RangeError);
  assertMatch(
    (error as Error).message,
    /^Cannot collect ".*dump": no movie is left of its 69 titles \(69 other title type\); check --title-types .* and --min-votes$/,
  );
});
