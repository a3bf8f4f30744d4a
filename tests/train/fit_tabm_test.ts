import * as tf from "../../core/tfjs.ts";
import { assertEquals, assertTrue } from "../_assert.ts";
import { featureLayout } from "../../core/features/feature_layout.ts";
import { initTabmWeights, type TabmSpec } from "../../core/models/tabm.ts";
import { fitTabmInputs, type Matrix, sparseRows } from "../../core/models/tabm_inputs.ts";
import { createRandom } from "../../core/random.ts";
import { createAdamW } from "../../core/train/adamw.ts";
import { initialState, type TrainingState } from "../../core/train/fit_model.ts";
import {
  fitTabm,
  type TabmData,
  tabmDecayGroups,
  tabmLoss,
  tabmVariables,
} from "../../core/train/fit_tabm.ts";
import { initBackend } from "../../scripts/_backend.ts";

await initBackend("wasm");

/** 200 rows: y = sin(2a) + b² / 2 + the effect of a 12-valued category, plus noise. */
function data(): TabmData & { spec: TabmSpec } {
  const names = ["num:a", "num:b", ...Array.from({ length: 12 }, (_, i) => `director:d${i}`)];
  const rng = createRandom(11);
  const rows = 200;
  const x = new Float32Array(rows * names.length);
  const y = new Float32Array(rows);
  const effect = Array.from({ length: 12 }, () => rng.normal());
  for (let i = 0; i < rows; i++) {
    const [a, b, d] = [rng.normal(), rng.normal(), rng.int(12)];
    x.set([a, b], i * names.length);
    x[i * names.length + 2 + d] = 1;
    y[i] = Math.sin(2 * a) + b * b / 2 + effect[d] + 0.1 * rng.normal();
  }
  const m: Matrix = { data: x, shape: [rows, names.length] };
  const train = Array.from({ length: 160 }, (_, i) => i);
  const spec: TabmSpec = {
    format: "tabm",
    inputs: fitTabmInputs(m, featureLayout(names), train, { bins: 8, embedding: 4, embedAbove: 4 }),
    members: 3,
    hidden: [32, 16],
    activation: "relu",
    sharing: "batch",
    firstAdapter: false,
    inputScale: true,
    clamp: null,
  };
  return {
    spec,
    x: m,
    y,
    sparse: sparseRows(spec.inputs, m),
    train,
    validation: train.map((i) => i + 40).slice(120),
  };
}

const OPTIONS = { epochs: 12, batchSize: 32, learningRate: 1e-2, dropout: 0.1, l2: 1e-4, seed: 5 } as const;

interface Snapshot {
  state: TrainingState;
  weights: Float32Array[];
  moments: Float32Array[];
  steps: number;
}

/** Train for `epochs` (from a snapshot when given); with `killAt`, stop after that epoch as a kill would. */
async function train(epochs: number, from?: Snapshot, killAt?: number) {
  const d = data();
  const weights = tabmVariables(initTabmWeights(d.spec, 1));
  const names = Object.keys(weights);
  if (from) names.forEach((n, i) => weights[n].assign(tf.tensor(from.weights[i], weights[n].shape)));
  const optimizer = createAdamW(weights, { groups: tabmDecayGroups });
  if (from) {
    optimizer.restore(
      optimizer.weights().map((w, i) => ({
        name: w.name,
        tensor: tf.tensor(from.moments[i], w.tensor.shape),
      })),
      from.steps,
    );
  }
  let killed: TrainingState | null = null;
  const state = await fitTabm(
    d.spec,
    weights,
    optimizer,
    d,
    { ...OPTIONS, epochs },
    from?.state ?? initialState(5),
    (s) => {
      if (s.epoch === killAt) {
        killed = s;
        throw new Error("killed");
      }
    },
  ).catch((e) => {
    if (!killed) throw e;
    return killed;
  });
  const out = {
    names,
    state,
    weights: names.map((n) => weights[n].dataSync() as Float32Array),
    moments: optimizer.weights().map((w) => w.tensor.dataSync() as Float32Array),
    steps: optimizer.steps,
    val: await tabmLoss(d.spec, weights, d, d.validation),
  };
  optimizer.dispose();
  tf.dispose(Object.values(weights));
  return out;
}

Deno.test("fitTabm() learns a non-linear function: validation loss far below the target's variance", async () => {
  const before = tf.memory().numTensors;
  const { names, state, val, weights } = await train(12);
  assertEquals(state.epoch, 12);
  assertEquals(state.losses.length, 12);
  assertTrue(state.losses[11] < state.losses[0] / 3, `training loss fell: ${state.losses}`);
  assertTrue(val! < 0.5, `validation MSE ${val}`);
  const scale = weights[names.indexOf("first/scale")];
  assertTrue(scale.some((v) => Math.abs(v - 1) > 1e-3), "the input scale learned (it starts at 1)");
  assertEquals(tf.memory().numTensors, before, "no tensors left behind");
});

Deno.test("fitTabm() is deterministic, and a run resumed from its saved state ends with the same weights", async () => {
  const whole = await train(6);
  assertEquals((await train(6)).weights, whole.weights, "same seed, same weights");
  const half = await train(6, undefined, 3);
  assertEquals(half.state.epoch, 3);
  const resumed = await train(6, half);
  assertEquals(resumed.weights, whole.weights);
  assertEquals(resumed.state.losses, whole.state.losses);
});

Deno.test("the input scale learns 6× faster than the rest and is not decayed; weight matrices are", () => {
  assertEquals(tabmDecayGroups("first/scale"), { decay: false, lrFactor: 6 });
  assertEquals(tabmDecayGroups("first/w"), { decay: true });
  assertEquals(tabmDecayGroups("block1/r"), { decay: false });
});
