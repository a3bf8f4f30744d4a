/**
 * The synthetic IMDb dump: IMDb's exact text format (headers, tabs, `\N`, no quoting), every quirk a reader of
 * the real files meets, consistent tables, calibrated sizes, ratings with learnable signal, and the script
 * that streams it into `.tsv.gz` files.
 */
import {
  assertEquals,
  assertMatch,
  assertNotEquals,
  assertRejects,
  assertThrows,
  assertTrue,
} from "../_assert.ts";
import { captured } from "../_console.ts";
import {
  DUMP_COLUMNS,
  DUMP_FILES,
  type DumpFile,
  SYNTHETIC_DUMP_DEFAULTS,
  type SyntheticDump,
  syntheticDump,
} from "../../core/imdb/synthetic_dump.ts";
import { run } from "../../scripts/imdb_dump.ts";
import { join, setWriteHook } from "../../scripts/_fs.ts";

const text = (dump: SyntheticDump, file: DumpFile) => [...dump[file]].join("");

/** The data rows of a table, split into cells (the header checked and dropped). */
function rows(dump: SyntheticDump, file: DumpFile): string[][] {
  const lines = text(dump, file).split("\n");
  assertEquals(lines.pop(), "", `${file} ends with a newline`);
  assertEquals(lines.shift(), DUMP_COLUMNS[file].join("\t"));
  return lines.map((line) => line.split("\t"));
}

/** The whole small dump most tests read, parsed once. */
const small = syntheticDump({ titles: 5000 });
const tables = Object.fromEntries(DUMP_FILES.map((f) => [f, rows(small, f)])) as Record<DumpFile, string[][]>;
const column = (file: DumpFile, name: string) => {
  const at = DUMP_COLUMNS[file].indexOf(name);
  return tables[file].map((row) => row[at]);
};
const basics = new Map(tables["title.basics"].map((row) => [row[0], row]));

Deno.test("syntheticDump() is the full size by default and makes nothing until a table is read", () => {
  assertEquals(SYNTHETIC_DUMP_DEFAULTS, { titles: 11_000_000, seed: 42 });
  const full = syntheticDump();
  assertEquals(full.titles, 11_000_000);
  assertEquals(full.names, 14_000_000);
  assertEquals(full["title.basics"].blocks, Math.ceil(11_000_000 / 1024));
});

Deno.test("syntheticDump() gives the same text for the same seed and different text for another", () => {
  for (const file of DUMP_FILES) {
    const a = text(syntheticDump({ titles: 1500, seed: 7 }), file);
    assertEquals(a, text(syntheticDump({ titles: 1500, seed: 7 }), file), file);
    assertNotEquals(a, text(syntheticDump({ titles: 1500, seed: 8 }), file), file);
  }
  assertEquals(text(small, "title.crew"), text(small, "title.crew"), "a table can be read twice");
});

Deno.test("syntheticDump() rejects a titles count or seed that is not a usable integer", () => {
  for (const titles of [0, -1, 2.5, Number.NaN, 1e9]) {
    assertThrows(() => syntheticDump({ titles }), RangeError, "Cannot make a synthetic dump");
  }
  assertThrows(() => syntheticDump({ seed: 0.5 }), RangeError, "seed");
});

Deno.test("each table starts with IMDb's header and comes as the header chunk, then one chunk per block", () => {
  assertEquals(DUMP_FILES, [
    "title.basics",
    "title.ratings",
    "title.crew",
    "title.principals",
    "name.basics",
  ]);
  const headers = {
    "title.basics":
      "tconst\ttitleType\tprimaryTitle\toriginalTitle\tisAdult\tstartYear\tendYear\truntimeMinutes\tgenres",
    "title.ratings": "tconst\taverageRating\tnumVotes",
    "title.crew": "tconst\tdirectors\twriters",
    "title.principals": "tconst\tordering\tnconst\tcategory\tjob\tcharacters",
    "name.basics": "nconst\tprimaryName\tbirthYear\tdeathYear\tprimaryProfession\tknownForTitles",
  };
  for (const file of DUMP_FILES) {
    const chunks = [...small[file]];
    assertEquals(chunks[0], headers[file] + "\n");
    assertEquals(chunks.length, 1 + small[file].blocks, file);
    assertTrue(chunks.every((c) => c === "" || c.endsWith("\n")), `${file}: every chunk ends a line`);
  }
});

Deno.test("every line has its columns' count of tab-separated cells, none empty, no CR and no quoting", () => {
  for (const file of DUMP_FILES) {
    for (const row of tables[file]) {
      assertEquals(row.length, DUMP_COLUMNS[file].length, `${file}: ${row.join("|")}`);
      assertTrue(row.every((cell) => cell !== "" && !cell.includes("\r")), `${file}: ${row.join("|")}`);
    }
  }
  // a `"` is a literal character: a cell that starts with one does not end at the next one
  assertTrue(column("title.basics", "primaryTitle").some((t) => t.startsWith('"') && !t.endsWith('"')));
});

Deno.test("tconsts and nconsts are tt/nm and at least 7 zero-padded digits, unique in their table", () => {
  for (const t of column("title.basics", "tconst")) assertMatch(t, /^tt\d{7,}$/);
  for (const n of column("name.basics", "nconst")) assertMatch(n, /^nm\d{7,}$/);
  assertTrue(column("title.basics", "tconst").includes("tt0000001"));
  for (
    const [file, key] of [["title.basics", "tconst"], ["title.ratings", "tconst"], ["title.crew", "tconst"], [
      "name.basics",
      "nconst",
    ]] as const
  ) {
    const ids = column(file, key);
    assertEquals(new Set(ids).size, ids.length, `${file}: duplicate ${key}`);
  }
  // past 10M titles a tconst has 8 digits: the first names of a 9.2M-title dump know some (tnum has gaps)
  const firstNames = syntheticDump({ titles: 9_200_000 })["name.basics"][Symbol.iterator]();
  firstNames.next();
  assertMatch(firstNames.next().value as string, /\ttt1\d{7}\b/);
});

Deno.test("`\\N` appears in every column that may be empty, and never in one that may not", () => {
  const nullable: Record<DumpFile, string[]> = {
    "title.basics": ["startYear", "endYear", "runtimeMinutes", "genres"],
    "title.ratings": [],
    "title.crew": ["directors", "writers"],
    "title.principals": ["job", "characters"],
    "name.basics": ["birthYear", "deathYear", "primaryProfession", "knownForTitles"],
  };
  for (const file of DUMP_FILES) {
    for (const name of DUMP_COLUMNS[file]) {
      const missing = column(file, name).filter((cell) => cell === "\\N").length;
      if (nullable[file].includes(name)) assertTrue(missing > 0, `${file}.${name} has a \\N`);
      else assertEquals(missing, 0, `${file}.${name} has no \\N`);
    }
  }
});

Deno.test("title.basics holds all nine title types in IMDb's proportions, 2% adult, valid years and genres", () => {
  const types = new Map<string, number>();
  for (const t of column("title.basics", "titleType")) types.set(t, (types.get(t) ?? 0) + 1);
  assertEquals([...types.keys()].sort(), [
    "movie",
    "short",
    "tvEpisode",
    "tvMiniSeries",
    "tvMovie",
    "tvSeries",
    "tvSpecial",
    "video",
    "videoGame",
  ]);
  const share = (t: string) => types.get(t)! / 5000;
  assertTrue(share("tvEpisode") > 0.72 && share("tvEpisode") < 0.82, `tvEpisode ${share("tvEpisode")}`);
  assertTrue(share("movie") > 0.045 && share("movie") < 0.075, `movie ${share("movie")}`);
  assertTrue(share("short") > 0.07 && share("short") < 0.11, `short ${share("short")}`);
  const adult = column("title.basics", "isAdult");
  assertTrue(adult.every((a) => a === "0" || a === "1"));
  const adultShare = adult.filter((a) => a === "1").length / 5000;
  assertTrue(adultShare > 0.01 && adultShare < 0.03, `adult ${adultShare}`);
  const genres = new Set([
    ..."Action Adult Adventure Animation Biography Comedy Crime Documentary Drama Family Fantasy".split(" "),
    ..."Film-Noir Game-Show History Horror Music Musical Mystery News Reality-TV Romance Sci-Fi".split(" "),
    ..."Short Sport Talk-Show Thriller War Western".split(" "),
  ]);
  assertEquals(genres.size, 28);
  for (const [, type, , , , start, end, runtime, g] of tables["title.basics"]) {
    if (start !== "\\N") assertTrue(/^\d{4}$/.test(start) && +start >= 1894 && +start <= 2026, start);
    if (end !== "\\N") {
      assertTrue(type === "tvSeries" || type === "tvMiniSeries", `endYear on a ${type}`);
      assertTrue(+end >= +start && +end <= 2026, `${start}–${end}`);
    }
    if (runtime !== "\\N") assertMatch(runtime, /^[1-9]\d*$/);
    if (g !== "\\N") {
      const list = g.split(",");
      assertTrue(list.length <= 3 && list.every((x) => genres.has(x)), g);
      assertEquals(list, [...list].sort(), "genres in alphabetical order");
    }
  }
  const noRuntime = column("title.basics", "runtimeMinutes").filter((r) => r === "\\N").length / 5000;
  assertTrue(noRuntime > 0.25 && noRuntime < 0.35, `runtime \\N ${noRuntime}`);
});

Deno.test("titles and names carry literal quotes, apostrophes, non-ASCII letters and Jr.", () => {
  const titles = [...column("title.basics", "primaryTitle"), ...column("title.basics", "originalTitle")];
  assertTrue(titles.filter((t) => t.includes('"')).length >= 5, "titles with a literal quote");
  assertTrue(titles.some((t) => t.includes("'")));
  assertTrue(titles.some((t) => /[^ -~]/.test(t)), "a non-ASCII title");
  assertTrue(titles.some((t) => /^Episode #\d+\.\d+$/.test(t)));
  const names = column("name.basics", "primaryName");
  assertTrue(names.some((n) => n.includes('"')), "a name with a literal quote");
  assertTrue(names.some((n) => n.endsWith(" Jr.")));
  assertTrue(names.some((n) => /[^ -~]/.test(n)), "a non-ASCII name");
});

Deno.test("title.crew has a row per title, some without directors and some movies with two or three", () => {
  assertEquals(new Set(column("title.crew", "tconst")), new Set(basics.keys()));
  const counts = new Map<number, number>();
  for (const [tconst, directors, writers] of tables["title.crew"]) {
    for (const list of [directors, writers]) {
      if (list !== "\\N") assertMatch(list, /^nm\d{7,}(,nm\d{7,})*$/);
    }
    if (basics.get(tconst)![1] !== "movie") continue;
    const n = directors === "\\N" ? 0 : directors.split(",").length;
    counts.set(n, (counts.get(n) ?? 0) + 1);
  }
  assertTrue((counts.get(0) ?? 0) > 0, "a movie without a director");
  assertTrue((counts.get(2) ?? 0) > 0 && (counts.get(3) ?? 0) > 0, `several directors: ${[...counts]}`);
});

Deno.test("title.principals numbers each title's rows 1..n, lists the crew, and skips some titles", () => {
  const byTitle = new Map<string, string[][]>();
  for (const row of tables["title.principals"]) {
    assertTrue(basics.has(row[0]), `principals of an unknown ${row[0]}`);
    if (!byTitle.has(row[0])) byTitle.set(row[0], []);
    byTitle.get(row[0])!.push(row);
  }
  for (const [tconst, list] of byTitle) {
    assertEquals(list.map((r) => r[1]), list.map((_, k) => String(k + 1)), tconst);
  }
  const without = basics.size - byTitle.size;
  assertTrue(without > 100 && without < 500, `${without} titles without principals`);
  const perTitle = tables["title.principals"].length / basics.size;
  assertTrue(perTitle > 7.5 && perTitle < 8.7, `${perTitle} principals per title`);
  const categories = new Set(column("title.principals", "category"));
  for (
    const c
      of "actor actress self director writer producer composer cinematographer editor production_designer"
        .split(" ").concat("archive_footage")
  ) assertTrue(categories.has(c), c);
  for (const [, , nconst, category, job, characters] of tables["title.principals"]) {
    assertMatch(nconst, /^nm\d{7,}$/);
    if (characters !== "\\N") {
      const parsed = JSON.parse(characters);
      assertTrue(Array.isArray(parsed) && parsed.every((c: unknown) => typeof c === "string"), characters);
      assertTrue(["actor", "actress", "self", "archive_footage"].includes(category), category);
    }
    if (["actor", "actress", "self"].includes(category)) assertEquals(job, "\\N");
  }
  const jobs = column("title.principals", "job");
  assertTrue(jobs.filter((j) => j === "\\N").length / jobs.length > 0.8, "job is mostly \\N");
  assertTrue(
    column("title.principals", "characters").some((c) => c.includes('\\"')),
    'an escaped \\" in JSON',
  );
});

Deno.test("a few people named in title.crew and title.principals have no name.basics row", () => {
  const known = new Set(column("name.basics", "nconst"));
  const named = [
    ...column("title.principals", "nconst"),
    ...column("title.crew", "directors").flatMap((d) => d === "\\N" ? [] : d.split(",")),
  ];
  const absent = named.filter((n) => !known.has(n));
  assertTrue(absent.length > 0, "some absent");
  assertTrue(absent.length / named.length < 0.01, `rare: ${absent.length} of ${named.length}`);
  for (const list of column("name.basics", "knownForTitles")) {
    if (list === "\\N") continue;
    const ids = list.split(",");
    assertTrue(ids.length <= 4 && ids.every((t) => basics.has(t)) && new Set(ids).size === ids.length, list);
  }
  const professions = column("name.basics", "primaryProfession").filter((p) => p !== "\\N");
  assertTrue(professions.every((p) => /^[a-z_]+(,[a-z_]+){0,2}$/.test(p)));
  for (const [, , born, died] of tables["name.basics"]) {
    if (died !== "\\N") assertTrue(born !== "\\N" && +died > +born, `${born}–${died}`);
  }
});

Deno.test("title.ratings rates about 13% of titles, one decimal from 1.0 to 10.0 and at least 5 votes", () => {
  const ratings = tables["title.ratings"];
  const share = ratings.length / 5000;
  assertTrue(share > 0.11 && share < 0.15, `rated ${share}`);
  for (const [tconst, rating, votes] of ratings) {
    assertTrue(basics.has(tconst), tconst);
    assertMatch(rating, /^(10\.0|[1-9]\.\d)$/);
    assertMatch(votes, /^\d+$/);
    assertTrue(+votes >= 5, votes);
  }
  const tconsts = column("title.ratings", "tconst");
  assertEquals(tconsts, [...tconsts].sort(), "title.ratings is in tconst order");
  const basicsOrder = column("title.basics", "tconst");
  assertNotEquals(basicsOrder, [...basicsOrder].sort(), "title.basics is not");
});

Deno.test("at full scale the ratings would hold about 300,000 non-adult movies, a third with 100+ votes", () => {
  const dump = syntheticDump({ titles: 100_000, seed: 3 });
  const movies = new Set(
    rows(dump, "title.basics").filter((r) => r[1] === "movie" && r[4] === "0").map((r) => r[0]),
  );
  const rated = rows(dump, "title.ratings").filter((r) => movies.has(r[0]));
  const fullScale = rated.length * 110;
  assertTrue(fullScale > 270_000 && fullScale < 330_000, `${fullScale} rated movies at 11M titles`);
  const popular = rated.filter((r) => +r[2] >= 100).length * 110;
  assertTrue(popular > 85_000 && popular < 115_000, `${popular} with 100+ votes`);
  const votes = rows(dump, "title.ratings").map((r) => +r[2]).sort((a, b) => a - b);
  const median = votes[votes.length >> 1];
  assertTrue(median >= 15 && median <= 35, `median votes ${median}`);
  assertTrue(votes.at(-1)! > 50_000, `heavy tail: max ${votes.at(-1)}`);
});

Deno.test("ratings carry signal: a director's other titles and the genre beat the mean rating", () => {
  const dump = syntheticDump({ titles: 60_000, seed: 11 });
  const genres = new Map(rows(dump, "title.basics").map((r) => [r[0], r[8]]));
  const director = new Map(rows(dump, "title.crew").map((r) => [r[0], r[1].split(",")[0]]));
  const rated = rows(dump, "title.ratings").map(([t, r]) => ({ t, r: +r, d: director.get(t)! }));
  const mean = rated.reduce((s, x) => s + x.r, 0) / rated.length;
  const byDirector = new Map<string, { sum: number; n: number }>();
  for (const x of rated) {
    if (x.d === "\\N") continue;
    const s = byDirector.get(x.d) ?? { sum: 0, n: 0 };
    s.sum += x.r, s.n++;
    byDirector.set(x.d, s);
  }
  let errMean = 0, errDirector = 0, n = 0;
  for (const x of rated) {
    const s = byDirector.get(x.d);
    if (!s || s.n < 3) continue;
    const others = (s.sum - x.r) / (s.n - 1);
    errMean += (x.r - mean) ** 2, errDirector += (x.r - (others + mean) / 2) ** 2, n++;
  }
  assertTrue(n > 200, `${n} titles of directors with 3+ rated titles`);
  assertTrue(
    errDirector < 0.97 * errMean,
    `director RMSE ${Math.sqrt(errDirector / n)} vs ${Math.sqrt(errMean / n)}`,
  );
  const genreMean = (g: string) => {
    const list = rated.filter((x) => genres.get(x.t) === g).map((x) => x.r);
    return list.reduce((a, b) => a + b, 0) / list.length;
  };
  assertTrue(genreMean("Documentary") > genreMean("Horror") + 0.8, "Documentary above Horror");
});

Deno.test("imdb-dump writes the five .tsv.gz files, whose text is the dump's, and no temp file", async () => {
  const out = await Deno.makeTempDir({ prefix: "imdb-dump-test-" });
  try {
    let result: Awaited<ReturnType<typeof run>> | undefined;
    const { out: stdout, err } = await captured(async () => {
      result = await run({ out: join(out, "dump"), titles: 1200, seed: 5, plain: false });
      await run({ out: join(out, "plain"), titles: 1200, seed: 5, plain: true });
    });
    assertMatch(stdout[0], /^imdb-dump: 5 files, [\d,]+ rows, [\d.]+ [KM]B in [\d.]+ s/);
    for (const file of DUMP_FILES) {
      assertTrue(
        err.some((line) => line.startsWith(`${file}: `) && / rows, .* in [\d.]+ s$/.test(line)),
        file,
      );
    }
    const dump = syntheticDump({ titles: 1200, seed: 5 });
    assertEquals(
      [...Deno.readDirSync(join(out, "dump"))].map((e) => e.name).sort(),
      DUMP_FILES.map((f) => `${f}.tsv.gz`).sort(),
    );
    for (const file of DUMP_FILES) {
      const gz = await Deno.open(join(out, "dump", `${file}.tsv.gz`));
      const unzipped = await new Response(gz.readable.pipeThrough(new DecompressionStream("gzip"))).text();
      assertEquals(unzipped, text(dump, file), file);
      assertEquals(await Deno.readTextFile(join(out, "plain", `${file}.tsv`)), unzipped, `${file} --plain`);
      const written = result!.files.find((f) => f.name === file)!;
      assertEquals(written.rows, unzipped.split("\n").length - 2, `${file} rows`);
      assertEquals(written.bytes, (await Deno.stat(join(out, "dump", `${file}.tsv.gz`))).size);
    }
    assertEquals(result!.files.find((f) => f.name === "title.basics")!.rows, 1200);
  } finally {
    await Deno.remove(out, { recursive: true });
  }
});

Deno.test("imdb-dump leaves no half-written file when a write fails", async () => {
  const out = await Deno.makeTempDir({ prefix: "imdb-dump-test-" });
  setWriteHook((op, path) => {
    if (op === "rename" && path.endsWith("title.crew.tsv.gz")) throw new Error("disk full (simulated)");
  });
  try {
    await assertRejects(() => captured(() => run({ out, titles: 500 })), Error, "disk full");
    assertEquals(
      [...Deno.readDirSync(out)].map((e) => e.name).sort(),
      ["title.basics.tsv.gz", "title.ratings.tsv.gz"],
    );
  } finally {
    setWriteHook(null);
    await Deno.remove(out, { recursive: true });
  }
});
