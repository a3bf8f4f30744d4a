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
import { padRows, type TabmInput, type TabmOps } from "../models/tabm.ts";

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
export function embeddingBagOp(table: tf.Tensor2D, input: TabmInput): tf.Tensor2D {
  const [rows, d] = table.shape;
  if (input.entryRow.shape[0] === 0) return tf.zeros([input.segments, d]);
  if (!input.rowOrderRow || !input.rowOrderSegment) {
    throw new TypeError("Cannot train the embeddings: the batch has no entries by row (see prepareBatch)");
  }
  const byRow = [input.rowOrderSegment, input.rowOrderRow] as const;
  const op = tf.customGrad((...args: unknown[]) => {
    const [t] = args as [tf.Tensor2D, Save];
    return {
      value: padRows(
        tf,
        tf.sparse.sparseSegmentSum(t, input.entryRow, input.entrySegment) as tf.Tensor2D,
        input.segments,
      ),
      gradFunc: (dy: tf.Tensor | tf.Tensor[]) => [
        padRows(tf, tf.sparse.sparseSegmentSum(dy as tf.Tensor2D, byRow[0], byRow[1]) as tf.Tensor2D, rows),
      ],
    };
  });
  return op(table) as tf.Tensor2D;
}

/** {@link TabmOps} for training. */
export const TRAINING_OPS: TabmOps = {
  matMul: matMulOp,
  batchMatMul: batchMatMulOp,
  embeddingBag: embeddingBagOp,
};
