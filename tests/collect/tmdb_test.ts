import { assertEquals, assertMatch, assertRejects, assertTrue } from "../_assert.ts";
import { compactJsonList, readJsonList } from "../../core/collect/read_json_list.ts";
import { detectProfile, tmdb5000 } from "../../core/collect/profiles.ts";
import { type CollectConfig, defaults, run } from "../../scripts/collect.ts";
import { readJoinedFile } from "../../scripts/_read_source.ts";
import { loadCollectArtifacts } from "../../scripts/_artifacts.ts";

const fixture = (path: string) => new URL(`../testdata/collect/${path}`, import.meta.url).pathname;
const MOVIES = fixture("tmdb/tmdb_5000_movies.csv");
const MOVIES_ONLY = fixture("tmdb_movies_only/tmdb_5000_movies.csv");

async function collect(options: Partial<CollectConfig>) {
  const out = await Deno.makeTempDir();
  const log = console.log;
  const error = console.error;
  const messages: string[] = [];
  console.log = () => {};
  console.error = (...args: unknown[]) => messages.push(args.join(" "));
  try {
    const result = await run({ ...defaults, allowSmall: true, out, ...options });
    return { ...result, artifacts: await loadCollectArtifacts(out), messages };
  } finally {
    console.log = log;
    console.error = error;
    await Deno.remove(out, { recursive: true });
  }
}

Deno.test("--profile auto recognises the TMDB 5000 movies header", () => {
  const header = Deno.readTextFileSync(MOVIES).split(/\r?\n/)[0].split(",");
  assertEquals(detectProfile(header).name, "tmdb5000");
});

Deno.test("TMDB: credits beside the movies file are joined: director from crew, top-billed cast by order", async () => {
  const { artifacts, manifest, dataset } = await collect({ data: MOVIES });
  assertEquals(manifest.profile, "tmdb5000");
  assertEquals(artifacts.rows[0], {
    line: 2,
    id: "100",
    title: "Film 0",
    year: 1990,
    director: "Ann Lee",
    genres: ["Adventure", "Science Fiction"],
  });
  assertEquals(dataset.movies[0].actors, ["Cal Fox", "Ava Stone", "Dee Moon"]);
  assertEquals(dataset.movies[2].title, 'Film "Two", the Sequel');
  assertTrue(artifacts.featureNames.includes("te:director"));
  assertTrue(String(manifest.config.credits).endsWith("tmdb_5000_credits.csv"));
});

Deno.test("TMDB: a malformed JSON cell and too few votes drop their rows, counted with lines; nothing crashes", async () => {
  const { manifest, dataset } = await collect({ data: MOVIES });
  assertEquals(manifest.dropped["malformed cell"], { count: 1, lines: [7] });
  assertEquals(manifest.dropped["too few votes"], { count: 1, lines: [8] });
  assertMatch(dataset.problems[0], /^line 7, column "keywords": .* is not valid JSON/);
  const all = await collect({ data: MOVIES, minVotes: 0 });
  assertEquals(all.manifest.dropped["too few votes"], undefined);
});

Deno.test("TMDB: a budget or revenue of 0 is read as unknown (median and missing flag), not zero", async () => {
  const { artifacts, dataset } = await collect({ data: MOVIES });
  const row = artifacts.rows.findIndex((r) => r.id === "101");
  assertEquals(dataset.movies[row].numbers.budget, null);
  const [, width] = artifacts.inputs.shape;
  assertEquals(artifacts.inputs.data[row * width + artifacts.featureNames.indexOf("missing:budget")], 1);
});

Deno.test("TMDB: without a credits file it runs without director and cast features, and says so once", async () => {
  const { artifacts, messages } = await collect({ data: MOVIES_ONLY });
  assertEquals(messages.length, 1);
  assertMatch(messages[0], /no credits file .*no director or cast features/);
  assertTrue(artifacts.featureNames.every((n) => !/^(director|actor):|^te:(director|actor)/.test(n)));
  assertEquals(artifacts.rows[0].director, null);
});

Deno.test("TMDB: --credits naming a missing file is an error", async () => {
  await assertRejects(
    () => collect({ data: MOVIES_ONLY, credits: "tests/testdata/collect/tmdb/no_such_credits.csv" }),
    Deno.errors.NotFound,
    "credits.csv",
  );
});

Deno.test("readJoinedFile() streams the credits and keeps only the director and the cast fields read", async () => {
  const joined = await readJoinedFile(fixture("tmdb/tmdb_5000_credits.csv"), tmdb5000);
  assertEquals(joined.records, 15);
  const [cast, crew] = joined.byKey.get("100")!;
  assertEquals(JSON.parse(crew!), [{ name: "Ann Lee", job: "Director" }]);
  assertEquals(Object.keys(JSON.parse(cast!)[0]).sort(), ["name", "order"]);
});

Deno.test("readJsonList() filters, sorts and limits; compactJsonList() keeps a malformed cell for the reader to report", () => {
  const cell =
    '[{"name": "B", "order": 1, "job": "Actor"}, {"name": "A", "order": 0}, {"name": "D", "job": "Director"}]';
  assertEquals(
    readJsonList(cell, { column: "c", as: "json-list", field: "name", sortBy: "order", limit: 2 }),
    [
      "A",
      "B",
    ],
  );
  assertEquals(
    readJsonList(cell, { column: "c", as: "json-list", field: "name", where: { job: "Director" } }),
    ["D"],
  );
  assertEquals(compactJsonList("[{oops", [{ column: "c", as: "json-list", field: "name" }]), "[{oops");
});

Deno.test("TMDB: with --missing drop, a 0 budget counts as a missing value", async () => {
  const { manifest, artifacts } = await collect({ data: MOVIES, missing: "drop" });
  assertTrue(manifest.dropped["missing value"].lines.includes(3));
  assertTrue(artifacts.rows.every((r) => r.id !== "101"));
});
