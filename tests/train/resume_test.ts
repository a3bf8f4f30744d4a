/**
 * Case 1 of issue 11: a checkpoint is tied to what it learned from. Train resumes a model only while its
 * fingerprint (input vectors, targets, rows, feature names, encoders and every option that shapes the result)
 * matches; otherwise it starts that model over, says so in one line, and ends exactly where a fresh run ends.
 */
import { assertEquals, assertMatch, assertRejects, assertTrue } from "../_assert.ts";
import { captured } from "../_console.ts";
import { type CollectFixtureOptions, withCollectFixture, writeCollectFixture } from "../_fixtures.ts";
import { PATHS } from "../../core/artifacts.ts";
import { encodeNpy } from "../../core/npy.ts";
import type { TrainConfig } from "../../core/train/train_config.ts";
import { loadCollectArtifacts, loadTrainSummary } from "../../scripts/_artifacts.ts";
import { initBackend } from "../../scripts/_backend.ts";
import { join, writeFileAtomic } from "../../scripts/_fs.ts";
import { run } from "../../scripts/train.ts";

await initBackend("wasm");

const SMALL: Partial<TrainConfig> = {
  backend: "wasm",
  hidden: [8],
  epochs: 3,
  batchSize: 16,
  patience: 0,
  keepCheckpoints: 2,
};

/** Run train, returning what it printed on stderr and its prediction CSVs. */
async function train(config: Partial<TrainConfig> & { out: string }) {
  const lines = (await captured(() => run({ ...SMALL, ...config }))).err;
  const summary = await loadTrainSummary(config.out);
  const csv = await Promise.all(
    summary.members.map((m) => Deno.readTextFile(join(config.out, PATHS.prediction(m.k)))),
  );
  return { lines, csv, summary };
}

/** The prediction CSVs of a fresh run on the fixture `fixture` with `config`. */
function freshRun(fixture: CollectFixtureOptions, config: Partial<TrainConfig> = {}) {
  return withCollectFixture(fixture, async (out) => (await train({ ...config, out })).csv);
}

Deno.test("a re-collected split (another seed) starts every member over; predictions equal a fresh run's", async () => {
  const expected = await freshRun({ rows: 80, features: 4, k: 2, seed: 2 });
  await withCollectFixture({ rows: 80, features: 4, k: 2, seed: 1 }, async (out) => {
    await train({ out });
    await writeCollectFixture(out, { rows: 80, features: 4, k: 2, seed: 2 });
    const { lines, csv } = await train({ out });
    const over = lines.filter((l) => l.includes("starting over"));
    assertEquals(over.length, 2, lines.join("\n"));
    assertMatch(
      over[0],
      /^train: train1: starting over: its epoch-3 checkpoint learned from other inputs or options: the input vectors, targets, training rows$/,
    );
    assertEquals(csv, expected);
  });
});

Deno.test("re-collected targets (every score halved) start the members over instead of running 0 epochs", async () => {
  await withCollectFixture({ rows: 80, features: 4, k: 2 }, async (out) => {
    await train({ out });
    const { targets } = await loadCollectArtifacts(out);
    const halved = targets.map((t) => t / 2);
    await writeFileAtomic(join(out, PATHS.outputData), encodeNpy({ data: halved, shape: [halved.length] }));
    const { lines, summary } = await train({ out });
    assertTrue(lines.some((l) => /train1: starting over: .*: the targets$/.test(l)), lines.join("\n"));
    assertEquals(summary.members.map((m) => m.epochs), [3, 3], "every member trained 3 new epochs");
    assertTrue(summary.testRmse! < 1, `RMSE on the halved scores is small (${summary.testRmse}), not ~3`);
    await withCollectFixture({ rows: 80, features: 4, k: 2 }, async (fresh) => {
      await writeFileAtomic(
        join(fresh, PATHS.outputData),
        encodeNpy({ data: halved, shape: [halved.length] }),
      );
      assertEquals((await train({ out: fresh })).csv, (await train({ out })).csv);
    });
  });
});

Deno.test("--seed 7 --learning-rate 0.5 over finished checkpoints trains anew with them, as a fresh run does", async () => {
  const options = { seed: 7, learningRate: 0.5 };
  const expected = await freshRun({ rows: 80, features: 4, k: 2 }, options);
  await withCollectFixture({ rows: 80, features: 4, k: 2 }, async (out) => {
    await train({ out });
    const { lines, csv, summary } = await train({ out, ...options });
    const over = lines.filter((l) => l.includes("starting over"));
    assertEquals(over.length, 2, lines.join("\n"));
    assertMatch(over[0], /: learningRate 0\.002 → 0\.5; seed \d+ → \d+$/);
    assertEquals(csv, expected);
    assertEquals([(summary.config as TrainConfig).seed, (summary.config as TrainConfig).learningRate], [
      7,
      0.5,
    ]);
  });
});

Deno.test("a matching checkpoint resumes silently; more epochs continue an MLP; fewer start over", async () => {
  const mlp = { preset: "mlp" };
  const expected = await freshRun({ rows: 80, features: 4, k: 2 }, { ...mlp, epochs: 5 });
  await withCollectFixture({ rows: 80, features: 4, k: 2 }, async (out) => {
    await train({ ...mlp, out });
    const again = await train({ ...mlp, out });
    assertEquals(again.lines.filter((l) => l.includes("starting over")), []);
    const more = await train({ ...mlp, out, epochs: 5 });
    assertEquals(more.lines.filter((l) => l.includes("starting over")), []);
    assertEquals(more.csv, expected);
    const fewer = await train({ ...mlp, out, epochs: 2 });
    assertTrue(fewer.lines.some((l) => l.endsWith("its checkpoint has 5 epochs, more than the 2 asked for")));
    assertEquals(fewer.summary.members.map((m) => m.epochs), [2, 2]);
  });
});

Deno.test("the predict stage alone refuses members trained on other data", async () => {
  await withCollectFixture({ rows: 80, features: 4, k: 2, seed: 1 }, async (out) => {
    await train({ out });
    await writeCollectFixture(out, { rows: 80, features: 4, k: 2, seed: 2 });
    await assertRejects(
      () => run({ ...SMALL, out, stages: ["predict"] }, { quiet: true }),
      Error,
      "Cannot predict with member 1: it learned from other inputs or options (the input vectors, targets, training rows): run `deno task train --out",
    );
  });
});
