import * as tf from "../../core/tfjs.ts";
import { assertEquals, assertTrue } from "../_assert.ts";
import { buildRegressor } from "../../core/models/build_regressor.ts";
import { createOptimizer, restoreOptimizer, snapshotOptimizer } from "../../core/train/optimizer_state.ts";
import { fitModel, type HostMatrix, initialState } from "../../core/train/fit_model.ts";
import { createRandom } from "../../core/random.ts";
import { initBackend } from "../../scripts/_backend.ts";
import {
  epochDir,
  listCheckpoints,
  loadCheckpoint,
  pruneCheckpoints,
  saveCheckpoint,
} from "../../scripts/_checkpoint.ts";
import { join } from "../../scripts/_fs.ts";

await initBackend("wasm");

function randomMatrix(rows: number, columns: number, seed: number): HostMatrix {
  const rng = createRandom(seed);
  return { data: Float32Array.from({ length: rows * columns }, () => rng.normal()), shape: [rows, columns] };
}

Deno.test("a checkpoint round-trips: save → load → the same predictions, state and optimizer state", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const xh = randomMatrix(20, 6, 3);
    const y = randomMatrix(20, 1, 4);
    const x = tf.tensor2d(xh.data, xh.shape);
    const model = buildRegressor({ inputDim: 6, hidden: [8, 4], dropout: 0.1, seed: 1 });
    const optimizer = createOptimizer("adam", 0.01);
    const rows = Array.from({ length: 20 }, (_, i) => i);
    const state = await fitModel(model, optimizer, { x: xh, y, train: rows, validation: [] }, {
      epochs: 2,
      batchSize: 8,
      learningRate: 0.01,
      loss: "mse",
      seed: 5,
    }, initialState(5));
    const snapshot = await snapshotOptimizer(optimizer, "adam");
    await saveCheckpoint(epochDir(dir, 2), model, { ...state, note: "kept" }, snapshot);
    snapshot.release();

    const loaded = await loadCheckpoint<typeof state & { note: string }>(epochDir(dir, 2));
    const before = model.predict(x) as tf.Tensor;
    const after = loaded.model.predict(x) as tf.Tensor;
    assertEquals(Array.from(await after.data()), Array.from(await before.data()));
    assertEquals(loaded.state.note, "kept");
    assertEquals(loaded.state.epoch, 2);
    assertEquals(loaded.state.optimizer?.name, "adam");
    const saved = (await optimizer.getWeights()).slice(1);
    assertEquals(loaded.optimizerWeights.length, saved.length + 1);
    for (let i = 0; i < saved.length; i++) {
      assertEquals(
        Array.from(await loaded.optimizerWeights[i + 1].tensor.data()),
        Array.from(await saved[i].tensor.data()),
      );
    }
    const fresh = createOptimizer("adam", 0.01);
    await restoreOptimizer(fresh, loaded.optimizerWeights, loaded.state.optimizer!);
    assertEquals(fresh.iterations, optimizer.iterations);
    tf.dispose([x, before, after, ...loaded.optimizerWeights.map((w) => w.tensor)]);
    model.dispose();
    loaded.model.dispose();
    optimizer.dispose();
    fresh.dispose();
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("a checkpoint folder is in tfjs layers format: model.json names weights.bin", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const model = buildRegressor({ inputDim: 3, hidden: [2], seed: 1 });
    await saveCheckpoint(join(dir, "epoch-1"), model, { epoch: 1 }, null);
    const json = JSON.parse(await Deno.readTextFile(join(dir, "epoch-1", "model.json")));
    assertEquals(json.format, "layers-model");
    assertEquals(json.weightsManifest[0].paths, ["weights.bin"]);
    assertEquals(json.modelTopology.class_name, "Sequential");
    const bytes = (await Deno.stat(join(dir, "epoch-1", "weights.bin"))).size;
    assertEquals(bytes, (3 * 2 + 2 + 2 * 1 + 1) * 4);
    model.dispose();
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("listCheckpoints() ignores folders without state.json (a write cut short); prune keeps the last", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const model = buildRegressor({ inputDim: 3, hidden: [2], seed: 1 });
    for (const epoch of [1, 2, 3]) await saveCheckpoint(epochDir(dir, epoch), model, { epoch }, null);
    await Deno.mkdir(epochDir(dir, 4));
    await Deno.writeTextFile(join(epochDir(dir, 4), "model.json"), "{");
    await Deno.mkdir(join(dir, "epoch-5.tmp-1-deadbeef"));
    assertEquals((await listCheckpoints(dir)).map((c) => c.epoch), [1, 2, 3]);
    await pruneCheckpoints(dir, 2);
    assertEquals((await listCheckpoints(dir)).map((c) => c.epoch), [2, 3]);
    const names = [];
    for await (const entry of Deno.readDir(dir)) names.push(entry.name);
    assertTrue(!names.includes("epoch-5.tmp-1-deadbeef"));
    model.dispose();
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
