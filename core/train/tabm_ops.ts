/**
 * The tabular model's products with gradients that are fast on the wasm backend: a matrix product whose gradient
 * uses explicit transposes (wasm's matMul is about 10× slower with its transpose flags, which tfjs's own gradient
 * sets) and an embedding bag (gather-and-sum) whose gradient is another segment sum (tfjs has no gradient for
 * `sparseSegmentSum`, and wasm no kernel for the UnsortedSegmentSum that `tf.gather`'s gradient needs,
 * tensorflow/tfjs#8082; a `scatterND` works but is an order of magnitude slower on wasm).
 *
 * @module
 */
import * as tf from "../tfjs.ts";
import { type FlagInput, segmentSum, type SparseInput, splitFlagRows, type TabmOps } from "../models/tabm.ts";

type Save = (tensors: tf.Tensor[]) => void;

function makeMatMul(inputGradient: boolean) {
  return tf.customGrad((...args: unknown[]) => {
    const [x, w, save] = args as [tf.Tensor2D, tf.Tensor2D, Save];
    save([x, w]);
    return {
      value: tf.matMul(x, w),
      gradFunc: (dy: tf.Tensor | tf.Tensor[], saved: tf.Tensor[]) => {
        const [sx, sw] = saved as [tf.Tensor2D, tf.Tensor2D];
        const g = dy as tf.Tensor2D;
        const dx = inputGradient ? tf.matMul(g, tf.transpose(sw)) : tf.zerosLike(sx);
        return [dx, tf.matMul(tf.transpose(sx), g)];
      },
    };
  }) as unknown as (x: tf.Tensor2D, w: tf.Tensor2D) => tf.Tensor2D;
}

const withInputGradient = makeMatMul(true);
const withoutInputGradient = makeMatMul(false);

/**
 * `x · w` with gradients `dy · wᵀ` and `xᵀ · dy` (explicit transposes); with `inputGradient` false, x's
 * gradient is zeros (x is data) and its product is skipped. Shapes: [n, in] × [in, out] → [n, out].
 */
export function matMulOp(x: tf.Tensor2D, w: tf.Tensor2D, inputGradient = true): tf.Tensor2D {
  return (inputGradient ? withInputGradient : withoutInputGradient)(x, w);
}

/**
 * `x[i] · w[i]` per member with gradients from explicit transposes. Shapes: [k, n, in] × [k, in, out] →
 * [k, n, out].
 */
export const batchMatMulOp: (x: tf.Tensor3D, w: tf.Tensor3D) => tf.Tensor3D = tf.customGrad(
  (...args: unknown[]) => {
    const [x, w, save] = args as [tf.Tensor3D, tf.Tensor3D, Save];
    save([x, w]);
    return {
      value: tf.matMul(x, w),
      gradFunc: (dy: tf.Tensor | tf.Tensor[], saved: tf.Tensor[]) => {
        const [sx, sw] = saved as [tf.Tensor3D, tf.Tensor3D];
        const g = dy as tf.Tensor3D;
        return [tf.matMul(g, tf.transpose(sw, [0, 2, 1])), tf.matMul(tf.transpose(sx, [0, 2, 1]), g)];
      },
    };
  },
) as unknown as (x: tf.Tensor3D, w: tf.Tensor3D) => tf.Tensor3D;

/**
 * Per segment, the sum of the table's rows of its entries (`tf.sparse.sparseSegmentSum`), differentiable in the
 * table: the gradient of row r is the sum of the output gradients of the segments r appears in, itself a segment
 * sum over the entries sorted by row. Shapes: table [rows, d] → [segments, d].
 */
export function embeddingBagOp(table: tf.Tensor2D, input: SparseInput): tf.Tensor2D {
  if (input.entryRow.shape[0] === 0) return tf.zeros([input.segments, table.shape[1]]);
  const byRow = byTableRow(input, table.shape[0], "the embeddings");
  const op = tf.customGrad((...args: unknown[]) => {
    const [t] = args as [tf.Tensor2D, Save];
    return {
      value: segmentSum(tf, t, input),
      gradFunc: (dy: tf.Tensor | tf.Tensor[]) => [segmentSum(tf, dy as tf.Tensor2D, byRow)],
    };
  });
  return op(table) as tf.Tensor2D;
}

/**
 * The entries of `input` turned around for the gradient of its table (`rows` rows): each entry's segment is
 * the output-gradient row to read, and its table row the segment it adds to (entries ordered by table row).
 *
 * @throws {TypeError} when the batch was prepared without its entries by row.
 */
function byTableRow(input: SparseInput, rows: number, what: string): SparseInput {
  if (!input.rowOrderRow || !input.rowOrderSegment) {
    throw new TypeError(`Cannot train ${what}: the batch has no entries by row (see prepareBatch)`);
  }
  return { segments: rows, entryRow: input.rowOrderSegment, entrySegment: input.rowOrderRow };
}

/**
 * `x · w` for dense inputs whose flags come as entries (see `TabmOps.flagMatMul`), differentiable in `w`: the
 * gradient of the flags' rows is a segment sum of the output gradient over the entries by flag, and that of the
 * other rows `xᵀ · dy`. On IMDB 5000 a row has about 8 of 392 flags set, so this skips about half of the first
 * layer's multiplications.
 */
export function flagMatMulOp(x: tf.Tensor2D, w: tf.Tensor2D, flags: FlagInput): tf.Tensor2D {
  const { start, count } = flags;
  const byRow = byTableRow(flags, count, "the first layer's flags");
  const op = tf.customGrad((...args: unknown[]) => {
    const [weights] = args as [tf.Tensor2D, Save];
    const { dense, flags: rows } = splitFlagRows(tf, weights, flags);
    const sums = segmentSum(tf, rows, flags);
    return {
      value: dense ? tf.add(tf.matMul(x, dense), sums) : sums,
      gradFunc: (dy: tf.Tensor | tf.Tensor[]) => {
        const g = dy as tf.Tensor2D;
        const ofFlags = segmentSum(tf, g, byRow);
        if (!dense) return [ofFlags];
        const ofDense = tf.matMul(tf.transpose(x), g);
        const [rows, out] = weights.shape;
        const before = start > 0 ? [tf.slice(ofDense, [0, 0], [start, out])] : [];
        const after = start + count < rows
          ? [tf.slice(ofDense, [start, 0], [rows - start - count, out])]
          : [];
        return [tf.concat([...before, ofFlags, ...after], 0)];
      },
    };
  });
  return op(w) as tf.Tensor2D;
}

/** {@link TabmOps} for training. */
export const TRAINING_OPS: TabmOps = {
  matMul: matMulOp,
  batchMatMul: batchMatMulOp,
  embeddingBag: embeddingBagOp,
  flagMatMul: flagMatMulOp,
};
