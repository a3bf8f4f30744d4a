import * as tf from "../../core/tfjs.ts";
import { assertAlmostEquals, assertEquals, assertNotEquals, assertThrows, assertTrue } from "../_assert.ts";
import { writeCollectFixture } from "../_fixtures.ts";
import { PATHS } from "../../core/artifacts.ts";
import { buildRegressor } from "../../core/models/build_regressor.ts";
import { evaluateLoss, fitModel, type HostMatrix, initialState } from "../../core/train/fit_model.ts";
import { createOptimizer } from "../../core/train/optimizer_state.ts";
import { TRAIN_PRESETS } from "../../core/train/train_config.ts";
import { createWeightAverage, effectiveDecay } from "../../core/train/weight_average.ts";
import { createRandom } from "../../core/random.ts";
import { initBackend } from "../../scripts/_backend.ts";
import { loadCheckpoint } from "../../scripts/_checkpoint.ts";
import { join } from "../../scripts/_fs.ts";
import { run } from "../../scripts/train.ts";

await initBackend("wasm");

function randomMatrix(rows: number, columns: number, seed: number): HostMatrix {
  const rng = createRandom(seed);
  return { data: Float32Array.from({ length: rows * columns }, () => rng.normal()), shape: [rows, columns] };
}

const values = (tensors: tf.Tensor[]) => tensors.map((t) => Array.from(t.dataSync()));

Deno.test("effectiveDecay() makes the average bias-corrected: the first step replaces it, then → decay", () => {
  assertEquals(effectiveDecay(0.9, 0), 0);
  // After two steps: (0.1 · 0.9 · w₁ + 0.1 · w₂) / (1 − 0.81), i.e. decay 0.09 / 0.19 on the first average.
  assertAlmostEquals(effectiveDecay(0.9, 1), 0.09 / 0.19, 1e-12);
  assertAlmostEquals(effectiveDecay(0.99, 10_000), 0.99, 1e-12);
  // Step by step it equals the corrected mean of the inputs 1, 2, 3: Σ 0.9²⁻ⁱ·0.1·wᵢ / (1 − 0.9³).
  let held = 123;
  [1, 2, 3].forEach((w, t) => (held = effectiveDecay(0.9, t) * held + (1 - effectiveDecay(0.9, t)) * w));
  assertAlmostEquals(held, (0.81 * 1 + 0.9 * 2 + 3) * 0.1 / (1 - 0.729), 1e-12);
});

Deno.test("a weight average folds in each step with its decay, and swap() exchanges it with the live weights", () => {
  const model = buildRegressor({ inputDim: 2, hidden: [], dropout: 0, seed: 1 });
  const start = values(model.weights.map((w) => w.read()));
  const average = createWeightAverage(model, 0.5, { steps: 100 });
  // Move the live weights to 1 everywhere: one step gives (start + 1) / 2.
  model.weights.forEach((w) => w.write(tf.onesLike(w.read())));
  average.update();
  assertEquals(average.steps, 101);
  values(average.held()).forEach((held, i) =>
    held.forEach((v, j) => assertAlmostEquals(v, (start[i][j] + 1) / 2, 1e-6))
  );
  average.swap();
  values(average.held()).forEach((held) => held.forEach((v) => assertEquals(v, 1)));
  values(model.weights.map((w) => w.read())).forEach((live, i) =>
    live.forEach((v, j) => assertAlmostEquals(v, (start[i][j] + 1) / 2, 1e-6))
  );
  average.swap();
  values(model.weights.map((w) => w.read())).forEach((live) => live.forEach((v) => assertEquals(v, 1)));
  average.dispose();
  model.dispose();
});

Deno.test("createWeightAverage() rejects a decay outside (0, 1) and tensors that do not match the model", () => {
  const model = buildRegressor({ inputDim: 2, hidden: [3], dropout: 0, seed: 1 });
  assertThrows(() => createWeightAverage(model, 1), RangeError, "decay 1");
  assertThrows(
    () => createWeightAverage(model, 0.9, { initial: [tf.zeros([2])] }),
    TypeError,
    "do not match",
  );
  model.dispose();
});

Deno.test("fitModel() with an average validates the averaged weights, then trains on the live ones", async () => {
  const x = randomMatrix(60, 4, 1);
  const y = randomMatrix(60, 1, 2);
  const rows = Array.from({ length: 60 }, (_, i) => i);
  const data = { x, y, train: rows.slice(0, 48), validation: rows.slice(48) };
  const model = buildRegressor({ inputDim: 4, hidden: [8], dropout: 0.1, seed: 3 });
  const optimizer = createOptimizer("adam", 0.05);
  const average = createWeightAverage(model, 0.9);
  const seen: { val: number | null; recomputed: number | null }[] = [];
  const counts: number[] = [];
  const state = await fitModel(
    model,
    optimizer,
    data,
    { epochs: 4, batchSize: 8, learningRate: 0.05, loss: "mse", seed: 4, average },
    initialState(4),
    async (s) => {
      seen.push({
        val: s.valLosses.at(-1)!,
        recomputed: await evaluateLoss(model, data, data.validation, "mse"),
      });
      counts.push(tf.memory().numTensors);
    },
  );
  assertEquals(state.averageSteps, 4 * 6);
  // During the hook the model holds the average, whose loss is the validation loss recorded.
  for (const { val, recomputed } of seen) assertEquals(val, recomputed);
  // Afterwards it holds the live weights again, which differ from the average.
  assertNotEquals(values(model.weights.map((w) => w.read())), values(average.held()));
  assertEquals(new Set(counts).size, 1, `tensor counts per epoch: ${counts}`);
  average.dispose();
  model.dispose();
  optimizer.dispose();
});

Deno.test("the mlp preset averages the weights: checkpoints hold the average, live.bin the live weights", async () => {
  assertTrue(TRAIN_PRESETS.mlp.averageDecay > 0);
  assertEquals(TRAIN_PRESETS.seed.averageDecay, 0);
  const out = await Deno.makeTempDir({ prefix: "train-average-" });
  try {
    await writeCollectFixture(out, { rows: 120, features: 6, k: 1 });
    const config = {
      out,
      preset: "mlp",
      backend: "wasm",
      hidden: [16, 8],
      epochs: 3,
      batchSize: 16,
      keepCheckpoints: 0,
    };
    await run(config, { quiet: true });
    const dir = join(out, PATHS.regressorCheckpoints(1));
    const ck = await loadCheckpoint<{ averageSteps: number }>(join(dir, "epoch-3"));
    assertTrue(ck.state.averageSteps > 0);
    assertEquals(ck.liveWeights.length, ck.model.weights.length);
    assertNotEquals(values(ck.liveWeights), values(ck.model.weights.map((w) => w.read())));
    tf.dispose([...ck.liveWeights, ...ck.optimizerWeights.map((w) => w.tensor)]);
    ck.model.dispose();
    // Without averaging, the checkpoint has no live weights.
    await run({ ...config, averageDecay: 0, fresh: true }, { quiet: true });
    const plain = await loadCheckpoint<{ averageSteps?: number }>(join(dir, "epoch-3"));
    assertEquals([plain.liveWeights.length, plain.state.averageSteps], [0, undefined]);
    tf.dispose(plain.optimizerWeights.map((w) => w.tensor));
    plain.model.dispose();
  } finally {
    await Deno.remove(out, { recursive: true });
  }
});
