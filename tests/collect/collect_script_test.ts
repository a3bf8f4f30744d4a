import { assertEquals, assertMatch, assertNotEquals, assertRejects, assertTrue } from "../_assert.ts";
import { PATHS } from "../../core/artifacts.ts";
import { defaults, run } from "../../scripts/collect.ts";
import { loadCollectArtifacts } from "../../scripts/_artifacts.ts";
import { exists, join } from "../../scripts/_fs.ts";
import { imdbCsv } from "./_movies_csv.ts";
import { quietly as quiet } from "../_console.ts";

async function writeCsv(dir: string, text: string, name = "movies.csv"): Promise<string> {
  const path = join(dir, name);
  await Deno.writeTextFile(path, text);
  return path;
}

async function listFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for await (const entry of Deno.readDir(dir)) {
    if (entry.isDirectory) {
      out.push(...(await listFiles(join(dir, entry.name))).map((f) => `${entry.name}/${f}`));
    } else out.push(entry.name);
  }
  return out.sort();
}

Deno.test("collect on the embedded default (vega-datasets movies) writes every artifact of the contract", async () => {
  const out = await Deno.makeTempDir();
  try {
    const { manifest } = await quiet(() => run({ ...defaults, allowSmall: true, out }));
    assertEquals(manifest.profile, "vega-movies");
    assertEquals(manifest.input.records, 3201);
    assertEquals(manifest.rows.kept + manifest.dropped["invalid target"].count, 3201);
    const a = await loadCollectArtifacts(out);
    assertEquals(a.inputs.shape, [manifest.rows.kept, manifest.features.count]);
    assertEquals(a.featureNames.length, manifest.features.count);
    assertEquals(a.test.test.length, Math.ceil(0.15 * manifest.rows.kept));
    assertEquals(a.bags.length, 3);
    assertTrue(a.rows.every((r, i) => i === 0 || r.line > a.rows[i - 1].line));
    assertTrue(a.inputs.data.every(Number.isFinite) && a.targets.every((t) => t >= 0 && t <= 10));
    for (const file of [PATHS.encoders, PATHS.wordModel]) assertTrue(await exists(join(out, file)), file);
    const copied = JSON.parse(await Deno.readTextFile(join(out, PATHS.predictionResults, "test_index.json")));
    assertEquals(copied, a.test);
  } finally {
    await Deno.remove(out, { recursive: true });
  }
});

Deno.test("collect writes input_vectors.npy as numpy float32 with a [rows, features] header", async () => {
  const out = await Deno.makeTempDir();
  try {
    const data = await writeCsv(out, imdbCsv({ rows: 60 }));
    const { manifest } = await quiet(() => run({ ...defaults, allowSmall: true, data, out: join(out, "a") }));
    const bytes = await Deno.readFile(join(out, "a", PATHS.inputVectors));
    const headerLength = new DataView(bytes.buffer).getUint16(8, true);
    const header = new TextDecoder().decode(bytes.subarray(10, 10 + headerLength));
    assertEquals(
      header.trimEnd(),
      `{'descr': '<f4', 'fortran_order': False, 'shape': (${manifest.rows.kept}, ${manifest.features.count}), }`,
    );
    assertEquals(bytes.length, 10 + headerLength + 4 * manifest.rows.kept * manifest.features.count);
  } finally {
    await Deno.remove(out, { recursive: true });
  }
});

Deno.test("collect with the same seed writes byte-identical artifacts (all but the manifest's timings)", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const data = await writeCsv(dir, imdbCsv({ rows: 90, seed: 4 }));
    const a = join(dir, "a");
    const b = join(dir, "b");
    const c = join(dir, "c");
    await quiet(() => run({ ...defaults, allowSmall: true, data, out: a, seed: 5 }));
    await quiet(() => run({ ...defaults, allowSmall: true, data, out: b, seed: 5 }));
    await quiet(() => run({ ...defaults, allowSmall: true, data, out: c, seed: 6 }));
    const files = await listFiles(a);
    assertEquals(files, await listFiles(b));
    assertTrue(
      files.includes("training_data/word_model.txt") &&
        files.includes("prediction_results/train3_index.json"),
    );
    for (const file of files.filter((f) => !f.endsWith("manifest.json"))) {
      assertEquals(await Deno.readFile(join(a, file)), await Deno.readFile(join(b, file)), file);
    }
    const manifest = async (out: string) => {
      const m = JSON.parse(await Deno.readTextFile(join(out, PATHS.manifest)));
      return { ...m, timings: null, createdAt: null, config: { ...m.config, out: null } };
    };
    assertEquals(await manifest(a), await manifest(b));
    assertNotEquals(
      await Deno.readFile(join(a, PATHS.testIndex)),
      await Deno.readFile(join(c, PATHS.testIndex)),
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("collect rejects a wrong path, an empty file and a missing column, leaving no artifacts", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const out = join(dir, "out");
    await assertRejects(
      () => run({ ...defaults, allowSmall: true, data: join(dir, "nope.csv"), out }),
      Deno.errors.NotFound,
      "nope.csv",
    );
    const empty = await writeCsv(dir, "", "empty.csv");
    await assertRejects(
      () => run({ ...defaults, allowSmall: true, data: empty, out }),
      SyntaxError,
      "empty.csv",
    );
    const noScore = await writeCsv(dir, imdbCsv({ rows: 30 }).replace("imdb_score", "score"), "noscore.csv");
    const error = await assertRejects(
      () => run({ ...defaults, allowSmall: true, data: noScore, out, profile: "imdb5000" }),
      TypeError,
      '"imdb_score" is missing',
    );
    assertMatch(error.message, /noscore\.csv/);
    assertEquals(await exists(out), false);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("scripts/collect.ts exits non-zero on a non-numeric cell, names file, line and column, and keeps old artifacts", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const good = await writeCsv(dir, imdbCsv({ rows: 40 }), "good.csv");
    const bad = await writeCsv(dir, imdbCsv({ rows: 40, cells: { 2: { budget: "12 million" } } }), "bad.csv");
    const script = new URL("../../scripts/collect.ts", import.meta.url).pathname;
    const collect = (data: string, out: string) =>
      new Deno.Command(Deno.execPath(), {
        args: ["run", "-A", script, "--data", data, "--out", out, "--allow-small"],
      })
        .output();

    const fresh = join(dir, "fresh");
    const failed = await collect(bad, fresh);
    assertNotEquals(failed.code, 0);
    const stderr = new TextDecoder().decode(failed.stderr);
    assertMatch(stderr, /bad\.csv", line 4, column "budget": "12 million" is not a number/);
    assertEquals(await exists(fresh), false);

    const kept = join(dir, "kept");
    assertEquals((await collect(good, kept)).code, 0);
    const before = await Deno.readFile(join(kept, PATHS.inputVectors));
    assertNotEquals((await collect(bad, kept)).code, 0);
    assertEquals(await Deno.readFile(join(kept, PATHS.inputVectors)), before);
    assertEquals((await listFiles(kept)).filter((f) => f.includes(".tmp-")), []);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
