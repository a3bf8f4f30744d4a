/**
 * The tabular network: one model that holds `members` sub-networks sharing their weight matrices (TabM,
 * Gorishniy et al. 2024; BatchEnsemble). Member i's hidden layer l computes `((h ∘ rᵢ) W) ∘ sᵢ + bᵢ`, with its
 * own rank-1 adapters r, s, its own bias and its own output head; the model's prediction is the members' mean.
 * The first layer reads the dense inputs (see `tabm_inputs.ts`) and, for each categorical field, the sum of the
 * learned embeddings of the row's values: a sparse gather-and-sum over the rows of the embedding table (the same
 * function as the one-hot columns times the table, without multiplying zeros).
 *
 * The model is data: a JSON {@link TabmSpec} and named weight tensors. The forward pass takes the tfjs namespace
 * as a parameter, so the same code runs in training, in `deno task predict` and in the browser's Try page
 * (where `tf` is the global of `tf.min.js`).
 *
 * @module
 */
import type * as tfjs from "../tfjs.ts";
import { createRandom, deriveSeed } from "../random.ts";
import {
  type BatchEntries,
  denseWidth,
  embeddingRows,
  flagOffset,
  type Matrix,
  prepareBatch,
  type SparseRows,
  type TabmBatch,
  type TabmInputSpec,
} from "./tabm_inputs.ts";

/** Activations the hidden layers may use. */
export const TABM_ACTIVATIONS = ["relu", "silu"] as const;

/** How members share weights (see {@link TabmSpec.sharing}). */
export const TABM_SHARINGS = ["batch", "packed"] as const;

/** The architecture and fitted input stage of a model: everything but the weights. JSON. */
export interface TabmSpec {
  format: "tabm";
  inputs: TabmInputSpec;
  /** Sub-networks (k). */
  members: number;
  /** Hidden layer widths. */
  hidden: number[];
  activation: typeof TABM_ACTIVATIONS[number];
  /**
   * How members share weights: `batch`, BatchEnsemble (TabM: shared matrices, rank-1 adapters r and s and a
   * bias per member); `packed`, none (TabM-packed: k independent MLPs computed as one batched network).
   */
  sharing: typeof TABM_SHARINGS[number];
  /** `batch` sharing: members scale the first layer's inputs by their own r (else only its output, by s). */
  firstAdapter: boolean;
  /**
   * A learnable scale per dense input (`first/scale`, starting at 1), shared by the members, in front of the first
   * layer (RealMLP's scaling layer, Holzmüller et al. 2024). Absent: none (models saved before it).
   */
  inputScale?: boolean;
  /** Each member's output is clamped to this range (the training targets', standardised); `null`: none. */
  clamp: [number, number] | null;
}

/** Named weights (tfjs variables while training). */
export type TabmWeights = Record<string, tfjs.Tensor>;

/** The tfjs functions the forward pass uses. */
export type TabmTf = Pick<
  typeof tfjs,
  | "add"
  | "clipByValue"
  | "concat"
  | "expandDims"
  | "matMul"
  | "mean"
  | "mul"
  | "relu"
  | "reshape"
  | "sigmoid"
  | "slice"
  | "sum"
  | "sparse"
  | "transpose"
  | "tensor1d"
  | "tensor2d"
  | "tidy"
  | "zeros"
>;

/** A batch as tensors (see `prepareBatch`). */
export interface TabmInput {
  /** Shape: [n, denseWidth(spec.inputs)]. */
  dense: tfjs.Tensor2D;
  /** Segments of the embedding sums: n · fields. */
  segments: number;
  /** int32, by segment: each entry's embedding row and segment. Shape: [entries]. */
  entryRow: tfjs.Tensor1D;
  entrySegment: tfjs.Tensor1D;
  /** int32, the same entries by embedding row (for the gradient; absent at inference). Shape: [entries]. */
  rowOrderRow?: tfjs.Tensor1D;
  rowOrderSegment?: tfjs.Tensor1D;
  /** Training: the flags as entries (`dense` then leaves their columns out; see `prepareBatch`). */
  flags?: FlagInput;
}

/** Entries of a sum of weight rows per segment (see {@link TabmInput}). */
export type SparseInput = Pick<
  TabmInput,
  "segments" | "entryRow" | "entrySegment" | "rowOrderRow" | "rowOrderSegment"
>;

/**
 * The dense inputs' flags as entries: rows `start` … `start + count − 1` of the first layer's weights are the
 * flags', and the batch's rows are the segments.
 */
export interface FlagInput extends SparseInput {
  start: number;
  count: number;
}

/** The two products of the forward pass, replaceable by versions with faster gradients when training. */
export interface TabmOps {
  /**
   * `x · w`; `inputGradient` false: `x` needs no gradient (the data), which training may skip.
   * Shapes: [n, in] × [in, out] → [n, out].
   */
  matMul(x: tfjs.Tensor2D, w: tfjs.Tensor2D, inputGradient?: boolean): tfjs.Tensor2D;
  /** `x[i] · w[i]` for each member i. Shapes: [k, n, in] × [k, in, out] → [k, n, out]. */
  batchMatMul(x: tfjs.Tensor3D, w: tfjs.Tensor3D): tfjs.Tensor3D;
  /** Per segment, the sum of the table's rows of its entries. Shapes: table [rows, d] → [segments, d]. */
  embeddingBag(table: tfjs.Tensor2D, input: SparseInput): tfjs.Tensor2D;
  /**
   * `x · w` for dense inputs whose flags come as entries: `w`'s rows of the flags are added per row, the others
   * multiply `x` (the data: no gradient). Shapes: [n, in − count] × [in, out] → [n, out].
   */
  flagMatMul(x: tfjs.Tensor2D, w: tfjs.Tensor2D, flags: FlagInput): tfjs.Tensor2D;
}

/**
 * Pad `sums` (segments 0 … k − 1, from a segment sum) with zero rows up to `rows`. Shape: [k, d] → [rows, d].
 */
export function padRows(tf: TabmTf, sums: tfjs.Tensor2D, rows: number): tfjs.Tensor2D {
  const [have, d] = sums.shape;
  return have >= rows ? sums : tf.concat([sums, tf.zeros([rows - have, d])], 0);
}

/** Per segment, the sum of `table`'s rows of its entries, zeros where a segment has none. [rows, d] → [segments, d]. */
export function segmentSum(tf: TabmTf, table: tfjs.Tensor2D, input: SparseInput): tfjs.Tensor2D {
  if (input.entryRow.shape[0] === 0) return tf.zeros([input.segments, table.shape[1]]);
  const sums = tf.sparse.sparseSegmentSum(table, input.entryRow, input.entrySegment) as tfjs.Tensor2D;
  return padRows(tf, sums, input.segments);
}

/** `w` without the flags' rows, and the flags' rows (see {@link FlagInput}). */
export function splitFlagRows(
  tf: TabmTf,
  w: tfjs.Tensor2D,
  { start, count }: FlagInput,
): { dense: tfjs.Tensor2D | null; flags: tfjs.Tensor2D } {
  const [rows, out] = w.shape;
  const end = start + count;
  const parts = [
    ...(start > 0 ? [tf.slice(w, [0, 0], [start, out])] : []),
    ...(end < rows ? [tf.slice(w, [end, 0], [rows - end, out])] : []),
  ] as tfjs.Tensor2D[];
  const dense = parts.length === 0
    ? null
    : parts.length === 1
    ? parts[0]
    : tf.concat(parts, 0) as tfjs.Tensor2D;
  return { dense, flags: tf.slice(w, [start, 0], [count, out]) as tfjs.Tensor2D };
}

/** {@link TabmOps} with tfjs's own operations (what inference uses). */
export function plainOps(tf: TabmTf): TabmOps {
  return {
    matMul: (x, w) => tf.matMul(x, w),
    batchMatMul: (x, w) => tf.matMul(x, w),
    embeddingBag: (table, input) => segmentSum(tf, table, input),
    flagMatMul: (x, w, flags) => {
      const { dense, flags: rows } = splitFlagRows(tf, w, flags);
      const sums = segmentSum(tf, rows, flags);
      return dense ? tf.add(tf.matMul(x, dense), sums) as tfjs.Tensor2D : sums;
    },
  };
}

/** Options of {@link tabmForward}. */
export interface ForwardOptions {
  /** @default plainOps(tf) */
  ops?: TabmOps;
  /** Applied to each hidden layer's activations (training: dropout). Shape: [n, members, width]. */
  dropout?: (h: tfjs.Tensor3D, layer: number) => tfjs.Tensor3D;
  /** Clamp each member's output to `spec.clamp` (inference). @default false */
  clamp?: boolean;
}

/**
 * Every member's output for a batch (standardised target units). Shape: [n, members].
 *
 * @throws {TypeError} when a weight is missing or the input width does not match the spec.
 */
export function tabmForward(
  tf: TabmTf,
  spec: TabmSpec,
  weights: TabmWeights,
  input: TabmInput,
  options: ForwardOptions = {},
): tfjs.Tensor2D {
  const { ops = plainOps(tf), dropout, clamp = false } = options;
  const n = input.dense.shape[0];
  const w = (name: string) => {
    const t = weights[name];
    if (!t) throw new TypeError(`Cannot run the model: weight ${JSON.stringify(name)} is missing`);
    return t;
  };
  const width = denseWidth(spec.inputs);
  if (input.dense.shape[1] + (input.flags?.count ?? 0) !== width) {
    throw new TypeError(
      `Cannot run the model: it reads ${width} dense inputs, the batch has ${input.dense.shape[1]}`,
    );
  }
  const act = (h: tfjs.Tensor3D): tfjs.Tensor3D =>
    (spec.activation === "silu" ? tf.mul(h, tf.sigmoid(h)) : tf.relu(h)) as tfjs.Tensor3D;
  const fields = spec.inputs.fields.length;
  // The first layer reads two parts: the dense inputs (data: no gradient) and the fields' embeddings.
  const parts: FirstPart[] = [];
  if (width > 0) {
    parts.push({
      x: input.dense,
      name: "w",
      data: true,
      scale: spec.inputScale ? w("first/scale") : undefined,
      flags: input.flags,
    });
  }
  if (fields > 0) {
    const bags = ops.embeddingBag(w("embed/w") as tfjs.Tensor2D, input);
    parts.push({
      x: tf.reshape(bags, [n, fields * spec.inputs.embedding]) as tfjs.Tensor2D,
      name: "e",
      data: false,
    });
  }
  if (parts.length === 0) throw new TypeError("Cannot run the model: it reads no inputs");
  const layers: Layers = { tf, spec, w, parts, ops, act, dropout };
  let y = spec.sharing === "packed" ? packedLayers(layers) : batchEnsembleLayers(layers);
  if (clamp && spec.clamp) y = tf.clipByValue(y, spec.clamp[0], spec.clamp[1]);
  return y;
}

type Weight = (name: string) => tfjs.Tensor;
type Activation = (h: tfjs.Tensor3D) => tfjs.Tensor3D;
/**
 * A part of the first layer's input: `first/<name>` holds its weights (`first/r<name>` its adapter); `flags`: the
 * part's flags come as entries, not as columns of `x`.
 */
type FirstPart = { x: tfjs.Tensor2D; name: string; data: boolean; scale?: tfjs.Tensor; flags?: FlagInput };

/** A part's product with its first-layer weights (without adapters). */
function firstProduct(ops: TabmOps, { x, data, flags }: FirstPart, weights: tfjs.Tensor2D): tfjs.Tensor2D {
  return flags ? ops.flagMatMul(x, weights, flags) : ops.matMul(x, weights, !data);
}

/**
 * The first layer's weights of a part: `first/<name>`, each row times its input's scale when the part has one
 * (`(x∘scale)·W = x·(scale∘W)`: the scale's gradient then needs no gradient of the data, only W's).
 */
function firstWeights(tf: TabmTf, w: Weight, { name, scale }: FirstPart): tfjs.Tensor2D {
  const weights = w(`first/${name}`) as tfjs.Tensor2D;
  return scale ? tf.mul(weights, tf.expandDims(scale, 1)) as tfjs.Tensor2D : weights;
}

/** What the layers of either sharing read. */
interface Layers {
  tf: TabmTf;
  spec: TabmSpec;
  w: Weight;
  /** The first layer's input parts (same rows). */
  parts: FirstPart[];
  ops: TabmOps;
  act: Activation;
  dropout: ForwardOptions["dropout"];
}

/** BatchEnsemble (TabM) hidden layers and heads on the first layer's input. Shapes: [n, in] → [n, k]. */
function batchEnsembleLayers({ tf, spec, w, parts, ops, act, dropout }: Layers): tfjs.Tensor2D {
  const k = spec.members;
  const n = parts[0].x.shape[0];
  const [h0] = spec.hidden;
  // First layer: [n, k, h0] (or [n, 1, h0] before the members' s and b when there is no first adapter).
  const products = parts.map((part) => {
    const { x, name } = part;
    const weights = firstWeights(tf, w, part);
    if (!spec.firstAdapter) return tf.expandDims(firstProduct(ops, part, weights), 1) as tfjs.Tensor3D;
    if (part.flags) throw new TypeError("Cannot run the model: its first adapters need the flags as columns");
    const scaled = tf.reshape(tf.mul(tf.expandDims(x, 1), w(`first/r${name}`)), [n * k, x.shape[1]]);
    return tf.reshape(ops.matMul(scaled as tfjs.Tensor2D, weights, true), [n, k, h0]) as tfjs.Tensor3D;
  });
  const pre = (products.length > 1 ? tf.add(products[0], products[1]) : products[0]) as tfjs.Tensor3D;
  let h = act(tf.add(tf.mul(pre, w("block0/s")), w("block0/b")) as tfjs.Tensor3D);
  if (dropout) h = dropout(h, 0);
  for (let l = 1; l < spec.hidden.length; l++) {
    const [from, to] = [spec.hidden[l - 1], spec.hidden[l]];
    const scaled = tf.reshape(tf.mul(h, w(`block${l}/r`)), [n * k, from]) as tfjs.Tensor2D;
    const out = tf.reshape(ops.matMul(scaled, w(`block${l}/w`) as tfjs.Tensor2D), [n, k, to]);
    h = act(tf.add(tf.mul(out, w(`block${l}/s`)), w(`block${l}/b`)) as tfjs.Tensor3D);
    if (dropout) h = dropout(h, l);
  }
  return tf.add(tf.sum(tf.mul(h, w("head/w")), 2), w("head/b")) as tfjs.Tensor2D;
}

/** Packed members (k independent MLPs as one batched network) on the first layer's input. [n, in] → [n, k]. */
function packedLayers({ tf, spec, w, parts, ops, act, dropout }: Layers): tfjs.Tensor2D {
  const k = spec.members;
  const n = parts[0].x.shape[0];
  const [h0] = spec.hidden;
  // The members' first layers side by side: [n, k · h0] → [k, n, h0].
  const products = parts.map((part) => firstProduct(ops, part, firstWeights(tf, w, part)));
  const sum = products.length > 1 ? tf.add(products[0], products[1]) : products[0];
  const first = tf.reshape(sum, [n, k, h0]);
  let h = act(tf.transpose(tf.add(first, w("block0/b")), [1, 0, 2]) as tfjs.Tensor3D);
  if (dropout) h = dropout(h, 0);
  for (let l = 1; l < spec.hidden.length; l++) {
    const out = ops.batchMatMul(h, w(`block${l}/w`) as tfjs.Tensor3D);
    h = act(tf.add(out, tf.expandDims(w(`block${l}/b`), 1)) as tfjs.Tensor3D);
    if (dropout) h = dropout(h, l);
  }
  const y = tf.sum(tf.mul(h, tf.expandDims(w("head/w"), 1)), 2);
  return tf.add(tf.transpose(y), w("head/b")) as tfjs.Tensor2D;
}

/** The model's prediction: the members' mean. Shape: [n]. */
export function tabmPredict(
  tf: TabmTf,
  spec: TabmSpec,
  weights: TabmWeights,
  input: TabmInput,
): tfjs.Tensor1D {
  return tf.mean(tabmForward(tf, spec, weights, input, { clamp: true }), 1) as tfjs.Tensor1D;
}

/**
 * The tensors of a host batch (see `prepareBatch`; `sparseFlags`, for training, gives the flags as entries).
 */
export function batchTensors(
  tf: TabmTf,
  spec: TabmSpec,
  x: Matrix,
  rows: readonly number[],
  sparse?: SparseRows,
  outOfFold?: Float32Array,
  sparseFlags = false,
): TabmInput {
  return batchTensorsOf(tf, spec, prepareBatch(spec.inputs, x, rows, sparse, outOfFold, sparseFlags));
}

/** The tensors of a prepared host batch. */
export function batchTensorsOf(tf: TabmTf, spec: TabmSpec, b: TabmBatch): TabmInput {
  const entries = (e: BatchEntries, segments: number): SparseInput => ({
    segments,
    entryRow: tf.tensor1d(e.entryRow, "int32"),
    entrySegment: tf.tensor1d(e.entrySegment, "int32"),
    rowOrderRow: tf.tensor1d(e.rowOrderRow, "int32"),
    rowOrderSegment: tf.tensor1d(e.rowOrderSegment, "int32"),
  });
  const count = b.flags ? spec.inputs.flags.length : 0;
  return {
    dense: tf.tensor2d(b.dense, [b.rows, denseWidth(spec.inputs) - count]),
    ...entries(b, b.segments),
    ...(b.flags ? { flags: { ...entries(b.flags, b.rows), start: flagOffset(spec.inputs), count } } : {}),
  } as TabmInput;
}

/**
 * The model's predictions (members' mean, standardised target units) for `rows` of `x` (all rows by default),
 * `chunk` rows at a time. Shape: [rows].
 */
export async function tabmPredictRows(
  tf: TabmTf,
  spec: TabmSpec,
  weights: TabmWeights,
  x: Matrix,
  rows?: readonly number[],
  chunk = 1024,
): Promise<Float32Array> {
  const all = rows ?? Array.from({ length: x.shape[0] }, (_, i) => i);
  const out = new Float32Array(all.length);
  for (let start = 0; start < all.length; start += chunk) {
    const part = all.slice(start, start + chunk);
    const y = tf.tidy(() => tabmPredict(tf, spec, weights, batchTensors(tf, spec, x, part)));
    out.set(await y.data() as Float32Array, start);
    y.dispose();
  }
  return out;
}

/** Whether weight `name` is a weight matrix (embeddings, layers, heads): what weight decay shrinks. */
export function isTabmMatrix(name: string): boolean {
  return name.endsWith("/w") || name === "first/e";
}

/** Width of the first layer's input: the dense inputs, then the fields' embeddings. */
export function firstWidth(spec: TabmSpec): number {
  return denseWidth(spec.inputs) + spec.inputs.fields.length * spec.inputs.embedding;
}

/** Shape of every weight of a model with `spec`, by name, in a stable order. */
export function tabmWeightShapes(spec: TabmSpec): [string, number[]][] {
  const k = spec.members;
  const [h0] = spec.hidden;
  const dense = denseWidth(spec.inputs);
  const embedded = spec.inputs.fields.length * spec.inputs.embedding;
  const shapes: [string, number[]][] = [];
  if (embedded > 0) shapes.push(["embed/w", [embeddingRows(spec.inputs), spec.inputs.embedding]]);
  const out = spec.sharing === "packed" ? k * h0 : h0;
  if (dense > 0) shapes.push(["first/w", [dense, out]]);
  if (dense > 0 && spec.inputScale) shapes.push(["first/scale", [dense]]);
  if (embedded > 0) shapes.push(["first/e", [embedded, out]]);
  if (spec.sharing === "packed") {
    shapes.push(["block0/b", [k, h0]]);
    for (let l = 1; l < spec.hidden.length; l++) {
      const [from, to] = [spec.hidden[l - 1], spec.hidden[l]];
      shapes.push([`block${l}/w`, [k, from, to]], [`block${l}/b`, [k, to]]);
    }
    shapes.push(["head/w", [k, spec.hidden.at(-1)!]], ["head/b", [k]]);
    return shapes;
  }
  if (spec.firstAdapter && dense > 0) shapes.push(["first/rw", [k, dense]]);
  if (spec.firstAdapter && embedded > 0) shapes.push(["first/re", [k, embedded]]);
  shapes.push(["block0/s", [k, h0]], ["block0/b", [k, h0]]);
  for (let l = 1; l < spec.hidden.length; l++) {
    const [from, to] = [spec.hidden[l - 1], spec.hidden[l]];
    shapes.push([`block${l}/w`, [from, to]], [`block${l}/r`, [k, from]]);
    shapes.push([`block${l}/s`, [k, to]], [`block${l}/b`, [k, to]]);
  }
  shapes.push(["head/w", [k, spec.hidden.at(-1)!]], ["head/b", [k]]);
  return shapes;
}

/**
 * Initial weights, as host arrays (the caller makes tensors or variables of them): matrices and biases uniform
 * in ±1/√fan-in (TabM's initialisation; a member's biases start equal); embeddings 0, so that a category never
 * met in training adds nothing; the input scale 1; adapters 1, except the first one, which makes the members
 * differ: random signs on the first adapter r, or on s of the first layer when there is no r.
 * The same spec and seed give the same weights everywhere.
 */
export function initTabmWeights(
  spec: TabmSpec,
  seed: number,
): Record<string, { shape: number[]; data: Float32Array }> {
  const fanIn0 = Math.max(1, firstWidth(spec));
  const out: Record<string, { shape: number[]; data: Float32Array }> = {};
  for (const [name, shape] of tabmWeightShapes(spec)) {
    const size = shape.reduce((a, b) => a * b, 1);
    const rng = createRandom(deriveSeed(seed, "tabm", name));
    const uniform = (fanIn: number) => {
      const bound = 1 / Math.sqrt(fanIn);
      return Float32Array.from({ length: size }, () => (2 * rng.next() - 1) * bound);
    };
    const signs = () => Float32Array.from({ length: size }, () => (rng.next() < 0.5 ? -1 : 1));
    const [layer, part] = name.split("/");
    const l = layer.startsWith("block") ? Number(layer.slice(5)) : 0;
    const fanIn = l === 0 ? fanIn0 : spec.hidden[l - 1];
    let data: Float32Array;
    if (layer === "embed") data = new Float32Array(size);
    else if (layer === "first" && (part === "w" || part === "e")) data = uniform(fanIn0);
    else if (part === "w" && layer === "head") data = uniform(spec.hidden.at(-1)!);
    else if (part === "w") data = uniform(fanIn);
    else if (part === "b" && layer === "head") data = new Float32Array(size);
    else if (part === "b" && spec.sharing === "packed") data = uniform(fanIn);
    else if (part === "b") {
      const shared = uniform(fanIn).subarray(0, shape[1]);
      data = new Float32Array(size);
      for (let i = 0; i < shape[0]; i++) data.set(shared, i * shape[1]);
    } else if (part === "rw" || part === "re" || (name === "block0/s" && !spec.firstAdapter)) data = signs();
    else data = new Float32Array(size).fill(1);
    out[name] = { shape, data };
  }
  return out;
}
