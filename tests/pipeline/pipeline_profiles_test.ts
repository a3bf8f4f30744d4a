/**
 * The whole pipeline (collect → train → analyze → site) on a TMDB 5000-shaped pair of files, on its movies file
 * alone, and on a table read through a `--map` column map; tiny training settings, each run in its own temp
 * folder. The tables are generated (120 movies), so that the test set is big enough for the statistics.
 */
import { parse } from "csv-parse/sync";
import { parseHTML } from "linkedom";
import { assertEquals, assertTrue } from "../_assert.ts";
import { filmsCsv, tmdbTables } from "./_profile_tables.ts";
import { PATHS, PREDICTION_COLUMNS } from "../../core/artifacts.ts";
import type { Report } from "../../core/report/report_schema.ts";
import { validateReport } from "../../core/report/validate_report.ts";
import { loadCollectArtifacts } from "../../scripts/_artifacts.ts";
import { join } from "../../scripts/_fs.ts";
import { run as analyze } from "../../scripts/analyze.ts";
import { type CollectConfig, type CollectResult, defaults, run as collect } from "../../scripts/collect.ts";
import { run as site } from "../../scripts/site.ts";
import { run as train } from "../../scripts/train.ts";

const IMDB_DUMP = new URL("../testdata/imdb/dump", import.meta.url).pathname;
const FILMS_MAP = new URL("../testdata/collect/custom/films_map.json", import.meta.url).pathname;

/** The little of the DOM these tests read (linkedom's elements). */
interface Element {
  textContent: string | null;
  querySelector(selector: string): Element | null;
  querySelectorAll(selector: string): Iterable<Element>;
}

/** What one pipeline run left behind. */
interface PipelineRun {
  out: string;
  collected: CollectResult;
  /** report.json as written, validated. */
  report: Report;
  /** The data card's "Source" table: row heading → cell text. */
  source: Map<string, string>;
  /** Everything the stages printed. */
  messages: string[];
}

/** Run the four stages into `out` (tiny training settings), printing nothing. */
async function runPipeline(out: string, options: Partial<CollectConfig>): Promise<PipelineRun> {
  const messages: string[] = [];
  const { log, error, warn } = console;
  console.log = console.error = console.warn = (...args: unknown[]) => messages.push(args.join(" "));
  let collected: CollectResult;
  try {
    collected = await collect({ ...defaults, allowSmall: true, out, k: 2, ...options });
    await train({
      out,
      backend: "cpu",
      members: 2,
      bins: 4,
      hidden: [16],
      epochs: 3,
      batchSize: 32,
      patience: 0,
      keepCheckpoints: 1,
    }, { quiet: true });
    await analyze({ out, bootstrap: 200 });
    await site({ out, siteOut: join(out, "_site") });
  } finally {
    console.log = log;
    console.error = error;
    console.warn = warn;
  }
  const report = validateReport(JSON.parse(await Deno.readTextFile(join(out, PATHS.report))));
  const { document } = parseHTML(await Deno.readTextFile(join(out, "_site", "card.html"))) as unknown as {
    document: Element;
  };
  const table = [...document.querySelectorAll("table")]
    .find((t) => t.querySelector("caption")?.textContent?.trim() === "Source");
  assertTrue(table, "the data card has a Source table");
  const source = new Map(
    [...table.querySelectorAll("tr")].map((tr) => [
      tr.querySelector("th")?.textContent?.trim() ?? "",
      tr.querySelector("td")?.textContent?.trim() ?? "",
    ]),
  );
  return { out, collected, report, source, messages };
}

/** Each member's prediction CSV holds exactly the test rows, in test-index order. */
async function assertPredictionsCoverTest(out: string, members: number): Promise<void> {
  const { test } = await loadCollectArtifacts(out);
  for (let k = 1; k <= members; k++) {
    const text = await Deno.readTextFile(join(out, PATHS.prediction(k)));
    const records = parse(text, { columns: true }) as Record<string, string>[];
    assertEquals(Object.keys(records[0]), [...PREDICTION_COLUMNS]);
    assertEquals(records.map((r) => Number(r.row)), test.test, `member ${k} predicts every test row once`);
    assertTrue(
      records.every((r) => Number.isFinite(Number(r.Predicted_Score))),
      `member ${k}: finite scores`,
    );
  }
}

async function withTempDir(fn: (dir: string) => Promise<void>): Promise<void> {
  const dir = await Deno.makeTempDir({ prefix: "imdb-pipeline-test-" });
  try {
    await fn(dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

Deno.test("the pipeline runs on a TMDB 5000-shaped pair; the data card names the tmdb5000 profile and credits", async () => {
  await withTempDir(async (dir) => {
    const { movies, credits } = tmdbTables({ rows: 120, seed: 3 });
    const data = join(dir, "tmdb_5000_movies.csv");
    await Deno.writeTextFile(data, movies);
    await Deno.writeTextFile(join(dir, "tmdb_5000_credits.csv"), credits);
    const run = await runPipeline(join(dir, "out"), { data });

    const { manifest } = run.collected;
    assertEquals(manifest.profile, "tmdb5000");
    // Every record spans two lines (the overview has a line break): row r starts on line 2 + 2r.
    assertEquals(manifest.dropped["malformed cell"], { count: 1, lines: [12] });
    assertEquals(manifest.dropped["too few votes"], { count: 1, lines: [20] });
    assertEquals(manifest.rows.kept, 118);
    const { actor, director, kw } = manifest.features.groups;
    assertTrue(actor > 0 && director > 0, "the credits beside the movies give cast and director features");
    assertTrue(kw > 0, "the keywords' JSON cells give Word2Vec features");
    assertEquals(run.messages.filter((m) => m.includes("no credits file")), []);
    await assertPredictionsCoverTest(run.out, 2);

    assertEquals(run.report.counts, {
      members: 2,
      test: manifest.rows.test,
      training: 118 - manifest.rows.test,
    });
    assertEquals(run.report.source.profile, "tmdb5000");
    assertEquals(run.report.source.map, null);
    assertEquals(
      run.report.source.credits,
      "tmdb_5000_credits.csv",
      "the file's name, not the machine's path",
    );
    assertEquals(run.source.get("Profile"), "tmdb5000");
    assertEquals(run.source.get("Column map"), "the built-in tmdb5000 profile (no --map file)");
    assertEquals(run.source.get("Credits file (joined)"), "tmdb_5000_credits.csv");
    assertEquals(run.source.get("File"), "tmdb_5000_movies.csv");
  });
});

Deno.test("the pipeline runs on a TMDB movies file alone, without cast and director; the card shows no credits", async () => {
  await withTempDir(async (dir) => {
    const data = join(dir, "tmdb_5000_movies.csv");
    await Deno.writeTextFile(data, tmdbTables({ rows: 120, seed: 3 }).movies);
    const run = await runPipeline(join(dir, "out"), { data });

    const { manifest } = run.collected;
    assertEquals(manifest.profile, "tmdb5000");
    assertEquals(manifest.features.groups.actor, undefined);
    assertEquals(manifest.features.groups.director, undefined);
    assertEquals(run.messages.filter((m) => m.includes("no credits file")).length, 1);
    await assertPredictionsCoverTest(run.out, 2);
    assertTrue(run.report.points.every((p) => p.director === null), "no test movie has a director");
    assertEquals(run.report.source.credits, null);
    assertEquals(run.source.get("Credits file (joined)"), "none");
  });
});

Deno.test("the pipeline runs on a custom table through --map; the data card names the map's profile and file", async () => {
  await withTempDir(async (dir) => {
    const data = join(dir, "films.csv");
    await Deno.writeTextFile(data, filmsCsv({ rows: 120, seed: 5 }));
    const run = await runPipeline(join(dir, "out"), { data, map: FILMS_MAP });

    const { manifest } = run.collected;
    assertEquals(manifest.profile, "films");
    assertEquals(manifest.rows.kept, 120);
    await assertPredictionsCoverTest(run.out, 2);

    assertEquals(run.report.counts.test, manifest.rows.test);
    assertEquals(run.report.source, {
      file: "films.csv",
      sha256: manifest.input.sha256,
      records: 120,
      profile: "films",
      map: "films_map.json",
      credits: null,
    });
    assertEquals(run.source.get("Profile"), "films");
    assertEquals(run.source.get("Column map"), "films_map.json");
    assertEquals(run.source.get("Credits file (joined)"), "none");
  });
});

Deno.test("the pipeline runs on a folder of IMDb's dataset files; the Try page asks for its fields", async () => {
  await withTempDir(async (dir) => {
    const run = await runPipeline(join(dir, "out"), { data: IMDB_DUMP });

    const { manifest } = run.collected;
    assertEquals(manifest.profile, "imdb-datasets");
    assertEquals(manifest.rows.kept, 62);
    await assertPredictionsCoverTest(run.out, 2);
    assertEquals(run.report.source.profile, "imdb-datasets");
    assertEquals(run.report.source.records, 69);
    assertEquals(run.source.get("Profile"), "imdb-datasets");
    const { document } = parseHTML(
      await Deno.readTextFile(join(run.out, "_site", "try.html")),
    ) as unknown as {
      document: Element;
    };
    const labels = [...document.querySelectorAll("label")].map((l) => l.textContent?.trim() ?? "");
    for (const field of ["Title", "Year", "Director", "Actor 1", "Genres", "Duration", "Writer"]) {
      assertTrue(labels.some((l) => l.startsWith(field)), `the Try page asks for ${field}`);
    }
  });
});
