/**
 * Case 7 of issue 11: option values that make no sense stop the run with a message. Integers are integers,
 * lists are not empty, and a loss that is not a number (a run that diverged) is an error, not exit code 0.
 */
import { assertEquals, assertMatch, assertRejects, assertThrows } from "../_assert.ts";
import { writeCollectFixture } from "../_fixtures.ts";
import { checkOptions } from "../../core/config.ts";
import { buildRegressor } from "../../core/models/build_regressor.ts";
import { fitModel, initialState } from "../../core/train/fit_model.ts";
import { createOptimizer } from "../../core/train/optimizer_state.ts";
import { resolveTrainConfig, type TrainConfig } from "../../core/train/train_config.ts";
import { initBackend } from "../../scripts/_backend.ts";
import { listCheckpoints } from "../../scripts/_checkpoint.ts";
import { join } from "../../scripts/_fs.ts";
import { PATHS } from "../../core/artifacts.ts";
import { run as analyze } from "../../scripts/analyze.ts";
import { run as train } from "../../scripts/train.ts";

await initBackend("wasm");

Deno.test("checkOptions() holds each option to its rules and names the first one broken", () => {
  const rules = { n: ["integer", "positive"], xs: ["nonEmpty", "integer"], r: ["nonNegative"] } as const;
  checkOptions({ n: 3, xs: [1, 2], r: 0 }, rules);
  const cases: [Record<string, number | number[]>, string][] = [
    [{ n: 0.5 }, "Cannot use n 0.5: must be a whole number"],
    [{ n: 0 }, "Cannot use n 0: must be a finite number greater than 0"],
    [{ n: NaN }, "Cannot use n null: must be a whole number"],
    [{ xs: [] }, "Cannot use xs []: must be a list of at least one value"],
    [{ xs: [1, 1.5] }, "Cannot use xs [1,1.5]: must be a whole number"],
    [{ r: Infinity }, "Cannot use r null: must be a finite number, 0 or more"],
  ];
  for (const [change, message] of cases) {
    const error = assertThrows(() => checkOptions({ n: 3, xs: [1, 2], r: 0, ...change }, rules), RangeError);
    assertEquals(error.message, message);
  }
});

Deno.test("train refuses batchSize 0.5, epochs 1.5, stages [] and other senseless values before training", () => {
  const cases: [Partial<TrainConfig>, string][] = [
    [{ batchSize: 0.5 }, "Cannot use batchSize 0.5: must be a whole number"],
    [{ epochs: 1.5 }, "Cannot use epochs 1.5: must be a whole number"],
    [{ stages: [] }, "Cannot use stages []: must be a list of at least one value"],
    [{ hidden: [] }, "Cannot use hidden []: must be a list of at least one value"],
    [{ learningRate: NaN }, "Cannot use learningRate null: must be a finite number greater than 0"],
    [{ k: -1 }, "Cannot use k -1: must be a finite number, 0 or more"],
    [{ seed: 1.5 }, "Cannot use seed 1.5: must be a whole number"],
  ];
  for (const [change, message] of cases) {
    assertEquals(assertThrows(() => resolveTrainConfig(change), RangeError).message, message);
  }
});

Deno.test("analyze refuses a fractional bootstrap count or bin count", async () => {
  await assertRejects(() => analyze({ bootstrap: 0.5 }), RangeError, "Cannot use bootstrap 0.5");
  await assertRejects(() => analyze({ bins: 0 }), RangeError, "Cannot use bins 0");
});

Deno.test("a loss that becomes NaN stops fitModel with a message, before that epoch is passed on", async () => {
  const model = buildRegressor({ inputDim: 2, hidden: [4], seed: 1 });
  const optimizer = createOptimizer("sgd", 1e30);
  const x = { data: Float32Array.from({ length: 40 }, (_, i) => i), shape: [20, 2] as [number, number] };
  const y = { data: Float32Array.from({ length: 20 }, (_, i) => i), shape: [20, 1] as [number, number] };
  const rows = Array.from({ length: 20 }, (_, i) => i);
  let epochs = 0;
  await assertRejects(
    () =>
      fitModel(
        model,
        optimizer,
        { x, y, train: rows, validation: [] },
        {
          epochs: 5,
          batchSize: 4,
          learningRate: 1e30,
          loss: "mse",
          seed: 1,
          name: "train1",
        },
        initialState(1),
        () => void epochs++,
      ),
    RangeError,
    "Cannot train train1: the training loss is NaN in epoch 1 (it diverged",
  );
  assertEquals(epochs, 0);
  model.dispose();
  optimizer.dispose();
});

Deno.test("train stops with a message, and writes no checkpoint, when a member's loss diverges", async () => {
  const out = await Deno.makeTempDir({ prefix: "train-options-test-" });
  try {
    await writeCollectFixture(out, { rows: 60, features: 4, k: 1 });
    const error = await assertRejects(
      () =>
        train({
          out,
          backend: "wasm",
          preset: "mlp",
          hidden: [4],
          epochs: 3,
          optimizer: "sgd",
          learningRate: 1e30,
          averageDecay: 0,
          lrDecay: 1,
        }, { quiet: true }),
      RangeError,
    );
    assertMatch(
      error.message,
      /^Cannot train train1: the (training|validation) loss is (NaN|-?Infinity) in epoch 1 \(it diverged/,
    );
    assertEquals(await listCheckpoints(join(out, PATHS.regressorCheckpoints(1))), []);
  } finally {
    await Deno.remove(out, { recursive: true });
  }
});
