import * as tf from "../../core/tfjs.ts";
import { assertAlmostEquals, assertEquals, assertThrows, assertTrue } from "../_assert.ts";
import { featureLayout } from "../../core/features/feature_layout.ts";
import {
  batchTensors,
  firstWidth,
  initTabmWeights,
  plainOps,
  tabmForward,
  type TabmInput,
  type TabmOps,
  tabmPredict,
  tabmPredictRows,
  type TabmSpec,
  type TabmWeights,
  tabmWeightShapes,
} from "../../core/models/tabm.ts";
import { decodeTabm, encodeTabm } from "../../core/models/tabm_files.ts";
import { denseWidth, fitTabmInputs, type Matrix } from "../../core/models/tabm_inputs.ts";
import { createRandom } from "../../core/random.ts";
import { batchMatMulOp, embeddingBagOp, matMulOp, TRAINING_OPS } from "../../core/train/tabm_ops.ts";
import { initBackend } from "../../scripts/_backend.ts";

await initBackend("wasm");

/** 40 rows: 3 numbers, a missing flag and a 6-valued categorical field (one value per row, some none). */
const NAMES = [
  "num:a",
  "num:b",
  "te:c",
  "missing:a",
  ...Array.from({ length: 6 }, (_, i) => `director:d${i}`),
];
function matrix(rows = 40): Matrix {
  const rng = createRandom(3);
  const data = new Float32Array(rows * NAMES.length);
  for (let i = 0; i < rows; i++) {
    const o = i * NAMES.length;
    data[o] = rng.normal();
    data[o + 1] = rng.normal() * 10;
    data[o + 2] = rng.next();
    data[o + 3] = rng.next() < 0.2 ? 1 : 0;
    const d = rng.int(7);
    if (d < 6) data[o + 4 + d] = 1;
  }
  return { data, shape: [rows, NAMES.length] };
}

function spec(
  members = 4,
  embedding = 3,
  hidden = [8, 6],
  firstAdapter = false,
  sharing: TabmSpec["sharing"] = "batch",
): TabmSpec {
  const x = matrix();
  return {
    format: "tabm",
    inputs: fitTabmInputs(x, featureLayout(NAMES), Array.from({ length: 30 }, (_, i) => i), {
      bins: 4,
      embedding,
      embedAbove: embedding,
      minCount: 1,
    }),
    members,
    hidden,
    activation: "relu",
    sharing,
    firstAdapter,
    clamp: [-2, 2],
  };
}

function tensors(s: TabmSpec, seed = 1): TabmWeights {
  const init = initTabmWeights(s, seed);
  return Object.fromEntries(Object.entries(init).map(([n, w]) => [n, tf.tensor(w.data, w.shape)]));
}

const ALL = Array.from({ length: 40 }, (_, i) => i);

Deno.test("tabmForward() gives one output per member: shape [rows, members], and every weight has its shape", () => {
  const cases = [
    [4, [8, 6], false, "batch"],
    [1, [5], true, "batch"],
    [3, [4, 4, 4], true, "batch"],
    [4, [8, 6], false, "packed"],
    [2, [5, 3, 4], false, "packed"],
  ] as const;
  for (const [members, hidden, firstAdapter, sharing] of cases) {
    const s = spec(members, 3, [...hidden], firstAdapter, sharing);
    const w = tensors(s);
    for (const [name, shape] of tabmWeightShapes(s)) assertEquals(w[name].shape, shape, name);
    const out = (sharing === "packed" ? members : 1) * hidden[0];
    assertEquals(w["first/w"].shape, [denseWidth(s.inputs), out]);
    assertEquals(w["first/e"].shape, [firstWidth(s) - denseWidth(s.inputs), out]);
    const y = tabmForward(tf, s, w, batchTensors(tf, s, matrix(), ALL.slice(0, 7)));
    assertEquals(y.shape, [7, members]);
    tf.dispose([y, ...Object.values(w)]);
  }
});

for (const sharing of ["batch", "packed"] as const) {
  Deno.test(`members differ at initialisation, and the prediction is their mean, clamped (${sharing})`, () => {
    const s = spec(4, 3, [8, 6], false, sharing);
    const w = tensors(s);
    const input = batchTensors(tf, s, matrix(), ALL);
    const each = tabmForward(tf, s, w, input, { clamp: true }).arraySync() as number[][];
    for (let a = 0; a < 4; a++) {
      for (let b = a + 1; b < 4; b++) {
        const same = each.filter((r) => r[a] === r[b]).length;
        assertTrue(same < 10, `members ${a} and ${b} agree on ${same} of 40 rows`);
      }
    }
    const mean = tabmPredict(tf, s, w, input).arraySync() as number[];
    each.forEach((r, i) => assertAlmostEquals(mean[i], r.reduce((a, b) => a + b, 0) / 4, 1e-6));
    const big = { ...w, "head/b": tf.fill([4], 100) };
    assertEquals(
      new Set(tabmPredict(tf, s, big, input).arraySync() as number[]),
      new Set([2]),
      "clamped to 2",
    );
    assertTrue(tf.memory().numTensors > 0);
    tf.dispose([...Object.values(w), big["head/b"]]);
  });
}

Deno.test("the sparse first layer (embedding bag) equals the one-hot columns times the same weights", () => {
  // The field as 6 one-hot flags read by W', or embedded (width 3) by E then read by W: W' = E · W.
  const sparse = spec(2, 3);
  const dense = spec(2, 0);
  assertEquals(sparse.inputs.fields.length, 1);
  assertEquals(dense.inputs.fields.length, 0);
  assertEquals(sparse.inputs.fields[0].rare, [], "every director has its own embedding row");
  const w: TabmWeights = { ...tensors(sparse), "embed/w": tf.randomNormal([7, 3], 0, 1, "float32", 4) };
  const first = w["first/w"].arraySync() as number[][];
  const fromEmbedding = w["first/e"].arraySync() as number[][];
  const e = (w["embed/w"].arraySync() as number[][]).slice(0, 6);
  // Both read the continuous inputs and the missing flag first; then the embedding, or the six one-hot flags.
  assertEquals(dense.inputs.flags, [3, 4, 5, 6, 7, 8, 9]);
  const oneHot = e.map((row) =>
    first[0].map((_, j) => row.reduce((a, v, t) => a + v * fromEmbedding[t][j], 0))
  );
  const v = { ...w, "first/w": tf.tensor2d([...first, ...oneHot]) };
  delete (v as Record<string, unknown>)["embed/w"];
  delete (v as Record<string, unknown>)["first/e"];
  const x = matrix();
  const a = tabmForward(tf, sparse, w, batchTensors(tf, sparse, x, ALL)).arraySync() as number[][];
  const b = tabmForward(tf, dense, v, batchTensors(tf, dense, x, ALL)).arraySync() as number[][];
  a.flat().forEach((value, i) => assertAlmostEquals(value, b.flat()[i], 1e-5));
  tf.dispose([...Object.values(w), v["first/w"]]);
});

for (const targets of [false, true]) {
  Deno.test(`flags as entries give the outputs and first-layer gradients of flags as columns${targets ? " (target encodings after them)" : ""}`, () => {
    const x = matrix();
    const s: TabmSpec = {
      ...spec(2, 0),
      inputScale: true,
      inputs: fitTabmInputs(x, featureLayout(NAMES), Array.from({ length: 30 }, (_, i) => i), {
        bins: 4,
        embedding: 0,
        minCount: 1,
        targets: targets ? Float32Array.from({ length: 40 }, (_, i) => Math.sin(i)) : null,
      }),
    };
    assertEquals(s.inputs.flags.length, 7, "the missing flag and six directors");
    assertEquals(s.inputs.targets !== null, targets);
    const init = initTabmWeights(s, 3);
    const vars = Object.fromEntries(
      Object.entries(init).map((
        [n, w],
      ) => [n, tf.variable(tf.tensor(w.data, w.shape), true, `${n}-${targets}`)]),
    );
    vars["first/scale"].assign(tf.randomUniform(vars["first/scale"].shape, 0.5, 1.5, "float32", 4));
    // The batch's tensors outlive the forward pass: the gradients read the entries.
    const inputs = [false, true].map((sparseFlags) =>
      batchTensors(tf, s, x, ALL, undefined, undefined, sparseFlags)
    );
    assertEquals(inputs.map((input) => input.flags?.count), [undefined, 7]);
    const loss = (input: TabmInput, ops: TabmOps) => () =>
      tf.sum(tf.square(tabmForward(tf, s, vars, input, { ops }))) as tf.Scalar;
    const [dense, sparse] = inputs.map((input) =>
      tf.variableGrads(loss(input, TRAINING_OPS), [vars["first/w"], vars["first/scale"]])
    );
    assertAlmostEquals(sparse.value.dataSync()[0], dense.value.dataSync()[0], 1e-3);
    assertAlmostEquals(
      loss(inputs[1], plainOps(tf))().dataSync()[0],
      dense.value.dataSync()[0],
      1e-3,
      "plain ops",
    );
    for (const n of ["first/w", "first/scale"]) {
      const want = dense.grads[vars[n].name].dataSync();
      sparse.grads[vars[n].name].dataSync().forEach((g, i) =>
        assertAlmostEquals(g, want[i], 1e-3, `${n}[${i}]`)
      );
    }
    tf.dispose(Object.values(vars));
  });
}

Deno.test("the training ops give the same values and gradients as tfjs's dense products", () => {
  const s = spec(2, 3);
  const x = matrix();
  const input = batchTensors(tf, s, x, ALL);
  const table = tf.variable(tf.randomNormal([7, 3], 0, 1, "float32", 5)) as tf.Variable<tf.Rank.R2>;
  // Six directors, then the field's "other" row (no rare director here).
  const onehot = tf.tensor2d(
    Array.from({ length: 40 }, (_, i) => [...NAMES.slice(4).map((_, j) => x.data[i * 10 + 4 + j]), 0]),
  );
  const sparseLoss = () => tf.sum(tf.square(embeddingBagOp(table, input))) as tf.Scalar;
  const denseLoss = () => tf.sum(tf.square(tf.matMul(onehot, table))) as tf.Scalar;
  const a = tf.variableGrads(sparseLoss, [table]);
  const b = tf.variableGrads(denseLoss, [table]);
  assertAlmostEquals(a.value.dataSync()[0], b.value.dataSync()[0], 1e-4);
  const ga = a.grads[table.name].dataSync();
  b.grads[table.name].dataSync().forEach((g, i) => assertAlmostEquals(ga[i], g, 1e-4));
  assertEquals(plainOps(tf).embeddingBag(table, input).arraySync(), embeddingBagOp(table, input).arraySync());
  const m = tf.variable(tf.randomNormal([5, 4], 0, 1, "float32", 6)) as tf.Variable<tf.Rank.R2>;
  const h = tf.randomNormal([7, 5], 0, 1, "float32", 7) as tf.Tensor2D;
  const c = tf.variableGrads(() => tf.sum(tf.square(matMulOp(h, m))) as tf.Scalar, [m]);
  const d = tf.variableGrads(() => tf.sum(tf.square(tf.matMul(h, m))) as tf.Scalar, [m]);
  const gd = d.grads[m.name].dataSync();
  c.grads[m.name].dataSync().forEach((g, i) => assertAlmostEquals(g, gd[i], 1e-4));
  const bm = tf.variable(tf.randomNormal([3, 5, 4], 0, 1, "float32", 8)) as tf.Variable<tf.Rank.R3>;
  const bh = tf.randomNormal([3, 7, 5], 0, 1, "float32", 9) as tf.Tensor3D;
  const e = tf.variableGrads(() => tf.sum(tf.square(batchMatMulOp(bh, bm))) as tf.Scalar, [bm]);
  const f = tf.variableGrads(() => tf.sum(tf.square(tf.matMul(bh, bm))) as tf.Scalar, [bm]);
  const gf = f.grads[bm.name].dataSync();
  e.grads[bm.name].dataSync().forEach((g, i) => assertAlmostEquals(g, gf[i], 1e-4));
});

for (const [sharing, inputScale] of [["batch", false], ["packed", false], ["batch", true]] as const) {
  Deno.test(`a model saved and loaded (tabm files, ${sharing}${inputScale ? ", input scale" : ""}) predicts exactly the same; a wrong shape is refused`, async () => {
    const s = { ...spec(3, 3, [8, 6], false, sharing), inputScale };
    const w = tensors(s, 9);
    const { json, data } = await encodeTabm(tf, s, w);
    assertEquals(json.format, "tabm");
    const buffer = data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) as ArrayBuffer;
    const loaded = decodeTabm(tf, JSON.parse(JSON.stringify(json)), buffer);
    const x = matrix();
    assertEquals(
      Array.from(await tabmPredictRows(tf, loaded.spec, loaded.weights, x)),
      Array.from(await tabmPredictRows(tf, s, w, x)),
    );
    const other = { ...json, spec: { ...json.spec, hidden: [9, 6] } };
    assertThrows(() => decodeTabm(tf, other, buffer), TypeError, "first/w");
    tf.dispose([...Object.values(w), ...Object.values(loaded.weights)]);
  });
}

Deno.test("the same spec and seed give the same initial weights; another seed does not", () => {
  const s = spec(4);
  const a = initTabmWeights(s, 1);
  assertEquals(initTabmWeights(s, 1), a);
  assertTrue(JSON.stringify(initTabmWeights(s, 2)["first/w"].data) !== JSON.stringify(a["first/w"].data));
});

Deno.test("the input scale multiplies each dense input: the same as scaling the first layer's rows", async () => {
  for (const sharing of ["batch", "packed"] as const) {
    const plain = spec(3, 3, [8, 6], false, sharing);
    const scaled: TabmSpec = { ...plain, inputScale: true };
    const w = tensors(scaled, 4);
    const d = denseWidth(plain.inputs);
    assertEquals(w["first/scale"].shape, [d]);
    assertEquals(Array.from(w["first/scale"].dataSync()), new Array(d).fill(1), "it starts at 1");
    const scale = tf.randomUniform([d], 0.5, 2, "float32", 5);
    const withScale = { ...w, "first/scale": scale };
    const folded = { ...w, "first/w": tf.mul(w["first/w"], tf.expandDims(scale, 1)) };
    delete (folded as TabmWeights)["first/scale"];
    const x = matrix();
    const a = await tabmPredictRows(tf, scaled, withScale, x);
    const b = await tabmPredictRows(tf, plain, folded, x);
    a.forEach((v, i) => assertAlmostEquals(v, b[i], 1e-5));
    tf.dispose([...Object.values(w), scale, folded["first/w"]]);
  }
});
