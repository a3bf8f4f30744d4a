/**
 * The output folder (issue 11, faults): one run at a time (a second refuses at once, naming the first; a lock
 * left by a killed run does not block), temp leftovers of killed runs are removed by the next run, and an
 * `--out` that is empty, the current folder, the root or a file is refused.
 */
import { assertEquals, assertMatch, assertRejects } from "../_assert.ts";
import { writeCollectFixture, writePredictionFixture } from "../_fixtures.ts";
import { PATHS } from "../../core/artifacts.ts";
import { exists, join } from "../../scripts/_fs.ts";
import { lockOut } from "../../scripts/_out_lock.ts";
import { defaults as collectDefaults, run as collect } from "../../scripts/collect.ts";
import { run as analyze } from "../../scripts/analyze.ts";
import { run as site } from "../../scripts/site.ts";
import { run as train } from "../../scripts/train.ts";

const LOCK = new URL("../../scripts/_out_lock.ts", import.meta.url).href;

/** Start another process that locks `out` as "collect" and holds it until killed. */
async function otherRun(out: string): Promise<Deno.ChildProcess> {
  const child = new Deno.Command(Deno.execPath(), {
    args: [
      "eval",
      `import { lockOut } from ${JSON.stringify(LOCK)}; await lockOut(${JSON.stringify(out)}, "collect");` +
      `console.log("locked"); await new Promise(() => setInterval(() => {}, 1000));`,
    ],
    stdout: "piped",
    stderr: "inherit",
  }).spawn();
  const reader = child.stdout.getReader();
  const { value } = await reader.read();
  reader.releaseLock();
  assertEquals(new TextDecoder().decode(value).trim(), "locked");
  return child;
}

Deno.test("a second run on the same --out refuses at once, naming the running one; a killed run's lock does not block", async () => {
  const out = await Deno.makeTempDir({ prefix: "out-lock-test-" });
  try {
    await writeCollectFixture(out, { rows: 60, features: 4, k: 1 });
    const child = await otherRun(out);
    try {
      const error = await assertRejects(
        () => train({ out, backend: "wasm", epochs: 1 }, { quiet: true }),
        Error,
      );
      assertMatch(
        error.message,
        new RegExp(
          `^Cannot run train on ".*": another run is using it \\(pid ${child.pid}, collect, started \\d{4}-`,
        ),
      );
      await assertRejects(() => analyze({ out }), Error, `(pid ${child.pid}, collect`);
    } finally {
      child.kill("SIGKILL");
      await child.status;
      await child.stdout.cancel().catch(() => {});
    }
    const release = await lockOut(out, "test");
    release();
  } finally {
    await Deno.remove(out, { recursive: true });
  }
});

Deno.test("the next run removes temp files and folders that killed runs left behind", async () => {
  const out = await Deno.makeTempDir({ prefix: "out-lock-test-" });
  try {
    const fixture = await writeCollectFixture(out, { rows: 60, features: 4, k: 2 });
    await writePredictionFixture(out, fixture, { k: 2 });
    const leftovers = [
      `${PATHS.trainingData}.tmp-99999-cafebabe`,
      `${PATHS.trainingData}.tmp-99999-cafebabe.old`,
      `${PATHS.prediction(1)}.tmp-4242-deadbeef`,
      `${PATHS.regressorCheckpoints(1)}/epoch-3.tmp-4242-deadbeef`,
    ];
    for (const path of leftovers) await Deno.mkdir(join(out, path), { recursive: true });
    const log = console.log;
    console.log = () => {};
    try {
      await analyze({ out, bootstrap: 20 });
    } finally {
      console.log = log;
    }
    for (const path of leftovers) assertEquals(await exists(join(out, path)), false, path);
  } finally {
    await Deno.remove(out, { recursive: true });
  }
});

Deno.test("--out that is empty, the current folder, the root or a file is refused by every stage that writes", async () => {
  const dir = await Deno.makeTempDir({ prefix: "out-lock-test-" });
  try {
    const file = join(dir, "a-file");
    await Deno.writeTextFile(file, "");
    const cases: [string, string][] = [
      ["", 'Cannot use --out "": give a folder to write to'],
      [".", 'Cannot use --out ".": it is the current folder; give a folder of its own'],
      ["/", 'Cannot use --out "/": it is the file-system root; give a folder of its own'],
      [file, `Cannot use --out ${JSON.stringify(file)}: it is a file, not a folder`],
    ];
    for (const [out, message] of cases) {
      await assertRejects(() => collect({ ...collectDefaults, out }), RangeError, message);
      await assertRejects(() => train({ out, backend: "wasm" }, { quiet: true }), RangeError, message);
      await assertRejects(() => analyze({ out }), RangeError, message);
    }
    const fixture = await writeCollectFixture(join(dir, "artifacts"), { rows: 60, features: 4, k: 1 });
    await writePredictionFixture(join(dir, "artifacts"), fixture, { k: 1 });
    const log = console.log;
    console.log = () => {};
    try {
      await analyze({ out: join(dir, "artifacts"), bootstrap: 20 });
    } finally {
      console.log = log;
    }
    for (const siteOut of [".", "/", file]) {
      await assertRejects(
        () => site({ out: join(dir, "artifacts"), siteOut }),
        RangeError,
        "Cannot use --site-out",
      );
    }
    assertEquals(await Deno.readTextFile(file), "", "the file is untouched");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
