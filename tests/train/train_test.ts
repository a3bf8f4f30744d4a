import * as tf from "../../core/tfjs.ts";
import { assertEquals, assertMatch, assertRejects, assertThrows, assertTrue } from "../_assert.ts";
import { writeCollectFixture } from "../_fixtures.ts";
import { PATHS, PREDICTION_COLUMNS } from "../../core/artifacts.ts";
import { buildRegressor } from "../../core/models/build_regressor.ts";
import { fitModel, type HostMatrix, initialState } from "../../core/train/fit_model.ts";
import { createRandom } from "../../core/random.ts";
import { createOptimizer } from "../../core/train/optimizer_state.ts";
import { resolveTrainConfig, type TrainConfig } from "../../core/train/train_config.ts";
import { loadPredictions, loadTrainSummary } from "../../scripts/_artifacts.ts";
import { initBackend } from "../../scripts/_backend.ts";
import { listCheckpoints } from "../../scripts/_checkpoint.ts";
import { parseCli } from "../../scripts/_cli.ts";
import { join } from "../../scripts/_fs.ts";
import { run, specForArgs } from "../../scripts/train.ts";
import { captured } from "../_console.ts";

await initBackend("wasm");

function randomMatrix(rows: number, columns: number, seed: number): HostMatrix {
  const rng = createRandom(seed);
  return { data: Float32Array.from({ length: rows * columns }, () => rng.normal()), shape: [rows, columns] };
}

/** A small, quick configuration of the MLP preset: raw inputs, two small members. */
const SMALL: Partial<TrainConfig> = {
  preset: "mlp",
  backend: "wasm",
  hidden: [16, 8],
  epochs: 4,
  batchSize: 16,
  patience: 0,
  keepCheckpoints: 0,
};

async function withFixture(fn: (out: string) => Promise<void>, rows = 120): Promise<void> {
  const out = await Deno.makeTempDir({ prefix: "train-test-" });
  try {
    await writeCollectFixture(out, { rows, features: 6, k: 2 });
    await fn(out);
  } finally {
    await Deno.remove(out, { recursive: true });
  }
}

const bytes = (out: string, path: string) => Deno.readFile(join(out, path));

Deno.test("train writes a prediction CSV per member with the contract's columns, and a summary", async () => {
  await withFixture(async (out) => {
    const result = await run({ ...SMALL, out, autoencoder: true, aeDims: 4, aeEpochs: 2 }, { quiet: true });
    const text = await Deno.readTextFile(join(out, PATHS.prediction(1)));
    assertEquals(text.split("\n")[0], PREDICTION_COLUMNS.join(","));
    const members = await loadPredictions(out, (await loadTrainSummary(out)).members.map((m) => m.k));
    assertEquals(members.length, 2);
    assertEquals(members[0].length, result.predictions[0].length);
    assertEquals(members[1].map((r) => r.Predicted_Score), result.predictions[1]);
    const summary = await loadTrainSummary(out);
    assertEquals(summary.backend, "wasm");
    assertEquals(summary.members.map((m) => [m.k, m.epochs]), [[1, 4], [2, 4]]);
    assertEquals(summary.autoencoder?.epochs, 2);
    assertEquals((summary.config as TrainConfig).hidden, [16, 8]);
    assertEquals((await listCheckpoints(join(out, PATHS.autoencoderCheckpoints))).map((c) => c.epoch), [
      1,
      2,
    ]);
    assertEquals((await listCheckpoints(join(out, PATHS.regressorCheckpoints(2)))).length, 4);
    const state = JSON.parse(
      await Deno.readTextFile(join(out, PATHS.regressorCheckpoints(1), "epoch-4", "state.json")),
    );
    assertEquals(state.config.hidden, [16, 8]);
    assertEquals(state.input, "autoencoder");
    assertEquals(typeof state.rngState, "number");
    assertEquals(state.optimizer.name, "adam");
    const best = JSON.parse(
      await Deno.readTextFile(join(out, PATHS.regressorCheckpoints(1), "best", "state.json")),
    );
    assertEquals(
      [best.epoch, best.optimizer],
      [state.bestEpoch, null],
      "best/ holds the best epoch's model only",
    );
    const transformed = await Deno.stat(join(out, PATHS.transformed));
    assertTrue(transformed.size > 120 * 4 * 4);
  });
});

Deno.test("same seed, backend and data give identical predictions; another seed does not", async () => {
  await withFixture(async (out) => {
    const first = await bytes(
      out,
      (await run({ ...SMALL, out, dropout: 0.2 }, { quiet: true }), PATHS.prediction(1)),
    );
    const second = await bytes(
      out,
      (await run({ ...SMALL, out, dropout: 0.2, fresh: true }, { quiet: true }), PATHS.prediction(1)),
    );
    assertEquals(second, first);
    await run({ ...SMALL, out, dropout: 0.2, fresh: true, seed: 7 }, { quiet: true });
    assertTrue(JSON.stringify(await bytes(out, PATHS.prediction(1))) !== JSON.stringify(first));
  });
});

Deno.test("a run resumed after a kill ends with the same weights as an uninterrupted one (wasm)", async () => {
  const config = { ...SMALL, dropout: 0.2, epochs: 6, autoencoder: true, aeDims: 4, aeEpochs: 3 };
  const weights = async (out: string) => [
    await bytes(out, join(PATHS.regressorCheckpoints(1), "epoch-6", "weights.bin")),
    await bytes(out, join(PATHS.regressorCheckpoints(2), "epoch-6", "weights.bin")),
    // The default preset averages the weights: weights.bin holds the average, live.bin the live weights.
    await bytes(out, join(PATHS.regressorCheckpoints(2), "epoch-6", "live.bin")),
    await bytes(out, join(PATHS.autoencoderCheckpoints, "epoch-3", "weights.bin")),
    await bytes(out, PATHS.prediction(1)),
  ];
  let uninterrupted: Uint8Array[] = [];
  await withFixture(async (out) => {
    await run({ ...config, out }, { quiet: true });
    uninterrupted = await weights(out);
  });
  await withFixture(async (out) => {
    // Killed after epoch 1 of the auto-encoder, then after epoch 3 of member 1, mid-way through a checkpoint.
    await run({ ...config, out, aeEpochs: 1, stages: ["autoencoder"] }, { quiet: true });
    await run({ ...config, out, epochs: 3, k: 1, stages: ["autoencoder", "encode", "regress"] }, {
      quiet: true,
    });
    await Deno.mkdir(join(out, PATHS.regressorCheckpoints(1), "epoch-4.tmp-1-cafebabe"));
    await run({ ...config, out }, { quiet: true });
    assertEquals(await weights(out), uninterrupted);
  });
});

Deno.test("a different architecture starts the models over, saying so in one line; --fresh starts over", async () => {
  await withFixture(async (out) => {
    await run({ ...SMALL, out, epochs: 1, stages: ["regress"] }, { quiet: true });
    const lines = (await captured(() => run({ ...SMALL, out, hidden: [8], epochs: 1 }))).err;
    assertEquals(
      lines.filter((l) => l.includes("starting over")),
      [1, 2].map((k) =>
        `train: train${k}: starting over: its epoch-1 checkpoint learned from other inputs or options: hidden [16,8] → [8]`
      ),
    );
    const summary = await loadTrainSummary(out);
    assertEquals(summary.members.map((m) => m.inputDim), [6, 6]);
    assertEquals((summary.config as TrainConfig).hidden, [8]);
    await run({ ...SMALL, out, hidden: [8], epochs: 1, fresh: true }, { quiet: true });
  });
});

/** A small, quick configuration of the default (tabm) preset. */
const TABM: Partial<TrainConfig> = {
  backend: "wasm",
  members: 3,
  hidden: [16, 8],
  bins: 4,
  epochs: 6,
  batchSize: 16,
  keepCheckpoints: 0,
};

Deno.test("the default preset trains a tabm model per bag (in workers or not): tabm checkpoints, CSVs, a summary", async () => {
  await withFixture(async (out) => {
    const result = await run({ ...TABM, out, workers: 1 }, { quiet: true });
    const members = await loadPredictions(out, [1, 2]);
    assertEquals(members.length, 2);
    assertEquals(members[1].map((r) => r.Predicted_Score), result.predictions[1]);
    const summary = await loadTrainSummary(out);
    assertEquals(summary.members.map((m) => [m.k, m.epochs]), [[1, 6], [2, 6]]);
    assertEquals((summary.config as TrainConfig).model, "tabm");
    const best = join(out, PATHS.regressorCheckpoints(1), "best");
    const model = JSON.parse(await Deno.readTextFile(join(best, "model.json")));
    assertEquals([model.format, model.spec.members, model.spec.hidden], ["tabm", 3, [16, 8]]);
    const state = JSON.parse(await Deno.readTextFile(join(best, "state.json")));
    assertEquals([state.kind, state.input, state.k], ["tabm", "raw", 1]);
    const last = join(out, PATHS.regressorCheckpoints(1), "epoch-6", "state.json");
    const { optimizer } = JSON.parse(await Deno.readTextFile(last));
    assertEquals(optimizer.name, "adamw");
    assertTrue(optimizer.steps > 0, "the step count that AdamW's bias corrections need");
    assertTrue(result.summary!.testRmse! < 1.5, `test RMSE ${result.summary!.testRmse}`);
    const again = await run({ ...TABM, out, fresh: true, workers: 2 }, { quiet: true });
    assertEquals(again.predictions, result.predictions, "two bags at once in workers: the same predictions");
  });
});

Deno.test("a tabm run resumed after a kill ends with the same weights and predictions (wasm)", async () => {
  await withFixture(async (out) => {
    await run({ ...TABM, out }, { quiet: true });
    const files = [
      join(PATHS.regressorCheckpoints(1), "epoch-6", "weights.bin"),
      join(PATHS.regressorCheckpoints(2), "epoch-6", "weights.bin"),
      join(PATHS.regressorCheckpoints(2), "epoch-6", "optimizer.bin"),
      PATHS.prediction(2),
    ];
    const uninterrupted = await Promise.all(files.map((f) => bytes(out, f)));
    // A kill after epoch 3 of member 2: its later checkpoints and the predictions never happened, and best/
    // held the best epoch so far (as written then: best/ goes before epoch-N).
    const dir = join(out, PATHS.regressorCheckpoints(2));
    for (const epoch of [4, 5, 6]) await Deno.remove(join(dir, `epoch-${epoch}`), { recursive: true });
    const { bestEpoch } = JSON.parse(await Deno.readTextFile(join(dir, "epoch-3", "state.json")));
    await Deno.remove(join(dir, "best"), { recursive: true });
    await Deno.mkdir(join(dir, "best"));
    for await (const f of Deno.readDir(join(dir, `epoch-${bestEpoch}`))) {
      await Deno.copyFile(join(dir, `epoch-${bestEpoch}`, f.name), join(dir, "best", f.name));
    }
    await Deno.remove(join(out, PATHS.predictionResults), { recursive: true });
    const resumed = await captured(() => run({ ...TABM, out }));
    assertEquals(resumed.err.filter((l) => l.includes("starting over")), [], "every member continued");
    assertEquals(await Promise.all(files.map((f) => bytes(out, f))), uninterrupted);
    const changed = await captured(() => run({ ...TABM, out, members: 2, epochs: 8 }));
    assertEquals(
      changed.err.filter((l) => l.includes("starting over")).map((l) => l.replace(/ checkpoint.*: /, ": ")),
      [
        "train: train1: starting over: its epoch-6: members 3 → 2; epochs 6 → 8",
        "train: train2: starting over: its epoch-6: members 3 → 2; epochs 6 → 8",
      ],
    );
  });
});

Deno.test("training leaks no tensors: tf.memory().numTensors is flat from epoch to epoch", async () => {
  const x = randomMatrix(64, 5, 1);
  const y = randomMatrix(64, 1, 2);
  const model = buildRegressor({ inputDim: 5, hidden: [8, 4], dropout: 0.3, seed: 3 });
  const optimizer = createOptimizer("adam", 0.01);
  const counts: number[] = [];
  const rows = Array.from({ length: 64 }, (_, i) => i);
  await fitModel(
    model,
    optimizer,
    { x, y, train: rows.slice(0, 50), validation: rows.slice(50) },
    {
      epochs: 5,
      batchSize: 16,
      learningRate: 0.01,
      lrDecay: 0.9,
      loss: "huber",
      weightDecay: 1e-3,
      seed: 4,
    },
    initialState(4),
    () => {
      counts.push(tf.memory().numTensors);
    },
  );
  assertEquals(counts.length, 5);
  assertEquals(new Set(counts).size, 1, `tensor counts per epoch: ${counts}`);
  model.dispose();
  optimizer.dispose();
});

Deno.test("fitModel() stops after `patience` epochs without a better validation loss", async () => {
  const x = randomMatrix(40, 3, 1);
  const y = randomMatrix(40, 1, 2);
  const model = buildRegressor({ inputDim: 3, hidden: [4], seed: 3 });
  const optimizer = createOptimizer("sgd", 1);
  const rows = Array.from({ length: 40 }, (_, i) => i);
  // A learning rate of 1 on noise: the validation loss cannot keep improving for 20 epochs.
  const state = await fitModel(model, optimizer, {
    x,
    y,
    train: rows.slice(0, 30),
    validation: rows.slice(30),
  }, {
    epochs: 20,
    batchSize: 30,
    learningRate: 1,
    loss: "mse",
    patience: 2,
    seed: 4,
  }, initialState(4));
  assertTrue(state.stopped);
  assertEquals(state.epoch - state.bestEpoch, 2);
  let calls = 0;
  const again = await fitModel(
    model,
    optimizer,
    { x, y, train: rows, validation: [] },
    {
      epochs: 20,
      batchSize: 30,
      learningRate: 1,
      loss: "mse",
      seed: 4,
    },
    state,
    () => void calls++,
  );
  assertEquals([calls, again.epoch], [0, state.epoch]);
  model.dispose();
  optimizer.dispose();
});

Deno.test("the seed preset (shrunk sizes) trains with batch 1 and SGD, and checkpoints every epoch", async () => {
  await withFixture(async (out) => {
    const result = await run(
      { out, preset: "seed", backend: "wasm", aeDims: 8, hidden: [12, 6, 4], k: 1 },
      { quiet: true },
    );
    const config = result.summary!.config as TrainConfig;
    assertEquals([config.batchSize, config.optimizer, config.loss, config.epochs], [1, "sgd", "mae", 3]);
    assertEquals(result.summary!.members[0].epochs, 3);
    assertEquals((await listCheckpoints(join(out, PATHS.regressorCheckpoints(1)))).map((c) => c.epoch), [3]);
    const state = JSON.parse(
      await Deno.readTextFile(join(out, PATHS.regressorCheckpoints(1), "epoch-3", "state.json")),
    );
    assertEquals([state.optimizer.name, state.config.preset, state.input], ["sgd", "seed", "autoencoder"]);
    assertTrue(result.predictions[0].every(Number.isFinite));
  }, 60);
});

Deno.test("presets are defaults that flags override; the --preset flag picks the defaults it overrides", async () => {
  const seed = await specForArgs(["--preset", "seed", "--epochs", "60"]);
  const parsed = await parseCli(["--preset", "seed", "--epochs", "60"], seed);
  assertTrue(!parsed.help);
  if (!parsed.help) {
    assertEquals([parsed.config.epochs, parsed.config.batchSize, parsed.config.preset], [60, 1, "seed"]);
  }
  assertEquals(resolveTrainConfig({ preset: "seed", dropout: 0 }).dropout, 0);
  assertEquals(resolveTrainConfig({ preset: "seed" }).hidden, [16192, 8096, 2048]);
  assertEquals(resolveTrainConfig({}).preset, "default");
  assertThrows(() => resolveTrainConfig({ preset: "huge" }), RangeError, "preset");
  assertThrows(() => resolveTrainConfig({ stages: ["fit"] }), RangeError, "stage");
  assertThrows(() => resolveTrainConfig({ dropout: 1 }), RangeError, "dropout");
  await assertRejects(() => specForArgs(["--preset=huge"]), RangeError, "--preset");
});

Deno.test("train without collect's artifacts says to run collect first", async () => {
  const out = await Deno.makeTempDir();
  try {
    await assertRejects(
      () => run({ out, backend: "wasm" }, { quiet: true }),
      Deno.errors.NotFound,
      "deno task collect",
    );
  } finally {
    await Deno.remove(out, { recursive: true });
  }
});

Deno.test("deno task train prints the backend, a line per epoch and a final table, and exits 0", async () => {
  await withFixture(async (out) => {
    const command = new Deno.Command(Deno.execPath(), {
      args: [
        "run",
        "-A",
        "scripts/train.ts",
        "--out",
        out,
        "--backend",
        "wasm",
        "--epochs",
        "2",
        "--hidden",
        "4",
      ],
      stdout: "piped",
      stderr: "piped",
    });
    const { code, stdout, stderr } = await command.output();
    const err = new TextDecoder().decode(stderr);
    const table = new TextDecoder().decode(stdout);
    assertEquals(code, 0, err);
    assertMatch(err, /^train: backend wasm/m);
    assertMatch(err, /^member 1 of 2, epoch 2\/2 loss \d\.\d{3}\d* val \d\.\d{3}/m);
    assertMatch(err, /^train: member 2 of 2 ended at epoch 2 \(best [12], validation loss \d\.\d{3}/m);
    assertMatch(table, /^model +epochs +best +val loss +test RMSE +seconds/m);
    assertMatch(table, /^train2 +2 /m);
    assertMatch(table, /^ensemble \(mean of 2\)/m);
  });
});

Deno.test("deno task train says when a member stopped early, at which epoch, and its best epoch", async () => {
  await withFixture(async (out) => {
    const { code, stderr } = await new Deno.Command(Deno.execPath(), {
      args: ["run", "-A", "scripts/train.ts", "--out", out, "--backend", "wasm", "--k", "1", "--hidden", "4"]
        .concat(["--epochs", "40", "--patience", "1", "--learning-rate", "0.3", "--stages", "regress"]),
      stdout: "piped",
      stderr: "piped",
    }).output();
    const err = new TextDecoder().decode(stderr);
    assertEquals(code, 0, err);
    const [, epoch, best] = /^train: member 1 of 1 stopped early at epoch (\d+) \(best (\d+), /m.exec(err) ??
      [];
    assertTrue(epoch, err);
    assertEquals(Number(epoch), Number(best) + 1, "patience 1: one epoch past the best");
  });
});

Deno.test("deno task train exits non-zero with one readable line for a bad flag", async () => {
  const { code, stderr } = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", "scripts/train.ts", "--stages", "fit"],
    stderr: "piped",
  }).output();
  assertEquals(code, 2);
  assertMatch(new TextDecoder().decode(stderr), /^error: Cannot use --stages "fit": expected one of/);
});
