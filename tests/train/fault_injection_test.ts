/**
 * Case 3 of issue 11: a kill, or a failed write (a full disk), at any instant of training leaves checkpoints
 * from which a rerun ends with exactly the predictions of an uninterrupted run. Every change train makes to
 * the file system passes through `setWriteHook`; each test run stops at the n-th one: "kill" makes it and
 * every later change fail (the process is gone: no clean-up runs), "fail" makes only it fail (the error
 * propagates and clean-up runs, or the run tolerates it).
 */
import { assertEquals, assertRejects, assertTrue } from "../_assert.ts";
import { withCollectFixture } from "../_fixtures.ts";
import { PATHS } from "../../core/artifacts.ts";
import type { TrainConfig } from "../../core/train/train_config.ts";
import { initBackend } from "../../scripts/_backend.ts";
import { join, setWriteHook } from "../../scripts/_fs.ts";
import { run } from "../../scripts/train.ts";

await initBackend("wasm");

/**
 * Three epochs of one member with dropout: the mlp preset's (with the weight average) and the default preset's
 * tabm model (its AdamW state and schedule).
 */
const CONFIGS: Partial<TrainConfig>[] = [
  {
    preset: "mlp",
    backend: "wasm",
    hidden: [6],
    epochs: 3,
    batchSize: 16,
    patience: 0,
    keepCheckpoints: 1,
    lrDecay: 0.9,
  },
  { backend: "wasm", hidden: [6], members: 2, bins: 4, epochs: 3, batchSize: 16, keepCheckpoints: 1 },
];

class Injected extends Error {}

/** What a finished run leaves that must not depend on interruptions: predictions and the member records. */
async function outcome(out: string): Promise<string> {
  const csv = await Deno.readTextFile(join(out, PATHS.prediction(1)));
  const summary = JSON.parse(await Deno.readTextFile(join(out, PATHS.trainSummary)));
  const members = summary.members.map(({ seconds: _, ...m }: Record<string, unknown>) => m);
  return JSON.stringify({ csv, members });
}

function withFixture<T>(fn: (out: string) => Promise<T>): Promise<T> {
  return withCollectFixture({ rows: 60, features: 4, k: 1 }, async (out) => {
    try {
      return await fn(out);
    } finally {
      setWriteHook(null);
    }
  });
}

/**
 * The 1-based numbers of the changes in `writes` from the first that names `epoch-{epoch}/` up to the first
 * that names the next epoch's (for the last epoch: up to the predict stage's first change). Between them lie
 * that epoch's folder, its pruning and the next epoch's best/ (written first when it improves).
 */
function writesOf(writes: string[], epoch: number, epochs: number): number[] {
  const dir = PATHS.regressorCheckpoints(1);
  const first = (e: number) => writes.findIndex((w) => w.includes(`${dir}/epoch-${e}`));
  const start = first(epoch);
  const end = epoch < epochs ? first(epoch + 1) : writes.findIndex((w, i) => i > start && !w.includes(dir));
  return Array.from({ length: end - start }, (_, i) => start + i + 1);
}

for (const CONFIG of CONFIGS) {
  /** The file-system changes of an uninterrupted run, and what it leaves. */
  const reference = await withFixture(async (out) => {
    const writes: string[] = [];
    setWriteHook((op, path) => void writes.push(`${op} ${path.slice(out.length + 1)}`));
    await run({ ...CONFIG, out }, { quiet: true });
    setWriteHook(null);
    return { writes, outcome: await outcome(out) };
  });

  for (const [mode, epoch] of [["kill", 2], ["kill", 3], ["fail", 2], ["fail", 3]] as const) {
    const writes = writesOf(reference.writes, epoch, CONFIG.epochs!);
    Deno.test(`a ${mode} at each of epoch ${epoch}'s ${writes.length} writes resumes to byte-identical predictions (${CONFIG.preset ?? "default"} preset)`, async () => {
      assertTrue(writes.length >= 7, `epoch ${epoch}'s writes: ${reference.writes.join("\n")}`);
      for (const n of writes) {
        await withFixture(async (out) => {
          let count = 0;
          let dead = false;
          setWriteHook((op, path) => {
            if (dead || ++count === n) {
              if (mode === "kill") dead = true;
              throw new Injected(`${mode} at change ${n}: ${op} ${path}`);
            }
          });
          if (mode === "kill") await assertRejects(() => run({ ...CONFIG, out }, { quiet: true }), Injected);
          else {
            // A failed removal of a replaced folder is tolerated (the next run sweeps it): either way is fine.
            await run({ ...CONFIG, out }, { quiet: true }).catch((error) => {
              if (!(error instanceof Injected)) throw error;
            });
          }
          setWriteHook(null);
          await run({ ...CONFIG, out }, { quiet: true });
          assertEquals(
            await outcome(out),
            reference.outcome,
            `after a ${mode} at ${reference.writes[n - 1]}`,
          );
          const left = [];
          for await (const e of Deno.readDir(join(out, PATHS.regressorCheckpoints(1)))) left.push(e.name);
          assertEquals(left.sort(), ["best", "epoch-3"], "no temp folder is left behind");
        });
      }
    });
  }
}
