import { assertEquals, assertRejects, assertThrows, assertTrue } from "../_assert.ts";
import { validateColumnMap } from "../../core/collect/validate_column_map.ts";
import { PROFILES } from "../../core/collect/profiles.ts";
import { defaults, run } from "../../scripts/collect.ts";
import { join } from "../../scripts/_fs.ts";

const fixture = (path: string) => new URL(`../testdata/collect/${path}`, import.meta.url).pathname;
const base = {
  name: "t",
  title: { column: "Name", as: "text" },
  target: { column: "Score", min: 0, max: 10 },
};

Deno.test("validateColumnMap() accepts every built-in profile and the example map", () => {
  for (const [name, map] of Object.entries(PROFILES)) assertEquals(validateColumnMap(map, name), map);
  const example = JSON.parse(Deno.readTextFileSync(fixture("custom/films_map.json")));
  assertEquals(validateColumnMap(example, "films_map.json").name, "films");
});

Deno.test("validateColumnMap() names the file and the path of each kind of problem", () => {
  const cases: [unknown, string][] = [
    [[], "(top level) must be an object"],
    [{ ...base, title: undefined }, '(top level) needs "title"'],
    [{ ...base, colour: 1 }, "colour is not a known key"],
    [{ ...base, target: { column: "Score", min: 10, max: 0 } }, "target needs min < max"],
    [{ ...base, genres: { column: "G", as: "split" } }, "genres.as must be one of"],
    [{ ...base, genres: { column: "G", as: "list" } }, 'genres needs "separator"'],
    [{ ...base, numbers: { b: { column: "B", as: "number" } } }, 'numbers.b.scale must be "log" or "linear"'],
    [
      { ...base, numbers: { b: { column: "B", as: "text", scale: "log" } } },
      "numbers.b.as must be number or year",
    ],
    [{ ...base, actors: [{ column: "A", as: "json-list", field: "name", limit: 0 }] }, "actors[0].limit"],
    [{ ...base, dedupeBy: ["imdb"] }, "dedupeBy[0] must be"],
  ];
  for (const [value, message] of cases) {
    assertThrows(() => validateColumnMap(JSON.parse(JSON.stringify(value)), "m.json"), TypeError, message);
    assertThrows(() => validateColumnMap(JSON.parse(JSON.stringify(value)), "m.json"), TypeError, '"m.json"');
  }
});

Deno.test("collect --map reads a table with its own column names through the map", async () => {
  const out = await Deno.makeTempDir();
  const log = console.log;
  console.log = () => {};
  try {
    const { manifest, dataset } = await run({
      ...defaults,
      allowSmall: true,
      data: fixture("custom/films.csv"),
      map: fixture("custom/films_map.json"),
      out,
    });
    assertEquals(manifest.profile, "films");
    assertEquals(manifest.rows.kept, 24);
    assertEquals(dataset.movies[0].actors.length, 2);
    assertEquals(dataset.movies[3].numbers.budget, null); // "zeroMeansMissing"
    assertTrue(dataset.features.names.includes("genre:drama"));
    assertTrue(String(manifest.config.map).endsWith("films_map.json"));
  } finally {
    console.log = log;
    await Deno.remove(out, { recursive: true });
  }
});

Deno.test("collect --map with a bad map file fails before writing anything", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const map = join(dir, "bad_map.json");
    await Deno.writeTextFile(map, JSON.stringify({ ...base, target: { column: "Score" } }));
    const out = join(dir, "out");
    await assertRejects(
      () => run({ ...defaults, allowSmall: true, data: fixture("custom/films.csv"), map, out }),
      TypeError,
      'needs "min"',
    );
    await Deno.writeTextFile(map, "{ not json");
    await assertRejects(
      () => run({ ...defaults, allowSmall: true, data: fixture("custom/films.csv"), map, out }),
      SyntaxError,
      "bad_map.json",
    );
    assertEquals(await Deno.stat(out).then(() => true, () => false), false);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
