/**
 * Case 2 of issue 11: the train summary owns the member list. Analyze, the site and predict use exactly its
 * members, and train removes the predictions of members it no longer has.
 */
import { assertEquals, assertRejects } from "../_assert.ts";
import { writeCollectFixture } from "../_fixtures.ts";
import { PATHS } from "../../core/artifacts.ts";
import type { TrainConfig } from "../../core/train/train_config.ts";
import { initBackend } from "../../scripts/_backend.ts";
import { findEnsemble } from "../../scripts/_ensemble.ts";
import { exists, join } from "../../scripts/_fs.ts";
import { run as analyze } from "../../scripts/analyze.ts";
import { run as train } from "../../scripts/train.ts";
import { quietly } from "../_console.ts";

await initBackend("wasm");

const SMALL: Partial<TrainConfig> = { backend: "wasm", hidden: [8], epochs: 2, batchSize: 16, patience: 0 };

Deno.test("train --k 2 --fresh after k = 3: analyze, predict and the site see 2 members, and no stale CSV", async () => {
  const out = await Deno.makeTempDir({ prefix: "train-members-test-" });
  try {
    await writeCollectFixture(out, { rows: 100, features: 4, k: 3 });
    await train({ ...SMALL, out }, { quiet: true });
    await quietly(() => analyze({ out, bootstrap: 20 }));
    assertEquals(await exists(join(out, PATHS.formatted(3))), true);

    await train({ ...SMALL, out, k: 2, fresh: true }, { quiet: true });
    assertEquals(await exists(join(out, PATHS.prediction(3))), false, "member 3's predictions are removed");
    assertEquals(await exists(join(out, PATHS.outOfBag(3))), false, "and its out-of-bag predictions");
    const { report } = await quietly(() => analyze({ out, bootstrap: 20 }));
    assertEquals(report.counts.members, 2);
    assertEquals(report.card.members?.map((m) => m.k), [1, 2]);
    assertEquals(await exists(join(out, PATHS.formatted(3))), false, "and its formatted table");
    assertEquals((await findEnsemble(out)).members.map((m) => m.k), [1, 2]);
  } finally {
    await Deno.remove(out, { recursive: true });
  }
});

Deno.test("analyze and predict refuse what train made before collect ran again", async () => {
  const out = await Deno.makeTempDir({ prefix: "train-members-test-" });
  try {
    await writeCollectFixture(out, { rows: 100, features: 4, k: 2, seed: 1 });
    await train({ ...SMALL, out }, { quiet: true });
    await writeCollectFixture(out, { rows: 100, features: 4, k: 2, seed: 2 });
    await assertRejects(
      () => quietly(() => analyze({ out, bootstrap: 20 })),
      Error,
      "collect's vectors, targets, test changed since train made them (collect ran again): run `deno task train --out ",
    );
    // The fixture's encoders.json is the same: change it as a new collect would.
    await Deno.writeTextFile(join(out, PATHS.encoders), '{"schema": 1, "blocks": [], "width": 0}\n');
    await assertRejects(
      () => findEnsemble(out),
      Error,
      "Cannot predict with member 1: it was trained with other encoders",
    );
  } finally {
    await Deno.remove(out, { recursive: true });
  }
});

Deno.test("analyze and predict refuse an artifacts folder without train's summary", async () => {
  const out = await Deno.makeTempDir({ prefix: "train-members-test-" });
  try {
    await writeCollectFixture(out, { rows: 100, features: 4, k: 2 });
    await assertRejects(() => analyze({ out }), Deno.errors.NotFound, "run `deno task train --out ");
    await assertRejects(() => findEnsemble(out), Deno.errors.NotFound, "run `deno task train --out ");
  } finally {
    await Deno.remove(out, { recursive: true });
  }
});
