/**
 * A corrupt or truncated newest checkpoint (issue 11, faults): train falls back to the previous intact epoch
 * and says so, and still ends where an uninterrupted run ends; it never surfaces a raw tfjs shape error.
 * Every file of a checkpoint has its SHA-256 in `state.json`.
 */
import { assertEquals, assertMatch, assertRejects, assertTrue } from "../_assert.ts";
import { captured } from "../_console.ts";
import { withCollectFixture } from "../_fixtures.ts";
import { PATHS } from "../../core/artifacts.ts";
import type { TrainConfig } from "../../core/train/train_config.ts";
import { initBackend } from "../../scripts/_backend.ts";
import { CorruptCheckpointError, readCheckpointState } from "../../scripts/_checkpoint.ts";
import { join } from "../../scripts/_fs.ts";
import { findEnsemble } from "../../scripts/_ensemble.ts";
import { run } from "../../scripts/train.ts";

await initBackend("wasm");

/** The mlp preset: its weight average writes live.bin, and more epochs continue a run. */
const CONFIG: Partial<TrainConfig> = {
  preset: "mlp",
  backend: "wasm",
  hidden: [6],
  batchSize: 16,
  patience: 0,
  keepCheckpoints: 2,
};

const withFixture = <T>(fn: (out: string) => Promise<T>) =>
  withCollectFixture({ rows: 60, features: 4, k: 1 }, fn);

async function trainLines(config: Partial<TrainConfig>): Promise<string[]> {
  return (await captured(() => run({ ...CONFIG, ...config }))).err;
}

const member = (out: string, ...parts: string[]) => join(out, PATHS.regressorCheckpoints(1), ...parts);

const uninterrupted = await withFixture(async (out) => {
  await run({ ...CONFIG, out, epochs: 4 }, { quiet: true });
  return await Deno.readTextFile(join(out, PATHS.prediction(1)));
});

for (
  const [what, damage] of [
    ["truncated weights.bin", (dir: string) => Deno.truncate(join(dir, "weights.bin"), 10)],
    ["a flipped byte in optimizer.bin", async (dir: string) => {
      const bytes = await Deno.readFile(join(dir, "optimizer.bin"));
      bytes[bytes.length - 1] ^= 0xff;
      await Deno.writeFile(join(dir, "optimizer.bin"), bytes);
    }],
    ["a state.json cut short", (dir: string) => Deno.truncate(join(dir, "state.json"), 200)],
    ["a missing live.bin", (dir: string) => Deno.remove(join(dir, "live.bin"))],
  ] as const
) {
  Deno.test(`a newest checkpoint with ${what} falls back to the previous epoch, says so, and ends as uninterrupted`, async () => {
    await withFixture(async (out) => {
      await run({ ...CONFIG, out, epochs: 3, stages: ["regress"] }, { quiet: true });
      await damage(member(out, "epoch-3"));
      await assertRejects(() => readCheckpointState(member(out, "epoch-3")), CorruptCheckpointError);
      const lines = await trainLines({ out, epochs: 4 });
      const warning = lines.find((l) => l.startsWith("train: train1: Cannot"));
      assertTrue(warning, lines.join("\n"));
      assertMatch(warning, /epoch-3.*: falling back to epoch 2$/);
      assertEquals(await Deno.readTextFile(join(out, PATHS.prediction(1))), uninterrupted);
    });
  });
}

Deno.test("with every checkpoint corrupt the model starts over and says so; a corrupt best/ stops predict", async () => {
  await withFixture(async (out) => {
    await run({ ...CONFIG, out, epochs: 4, keepCheckpoints: 1, stages: ["regress"] }, { quiet: true });
    await Deno.truncate(member(out, "epoch-4", "weights.bin"), 0);
    const lines = await trainLines({ out, epochs: 4, keepCheckpoints: 1 });
    assertTrue(lines.some((l) => l.endsWith(": no earlier checkpoint, starting over")), lines.join("\n"));
    assertEquals(await Deno.readTextFile(join(out, PATHS.prediction(1))), uninterrupted);
    await Deno.truncate(member(out, "best", "weights.bin"), 5);
    await assertRejects(
      () => findEnsemble(out),
      Error,
      "Cannot predict with member 1: Cannot use checkpoint",
    );
  });
});
