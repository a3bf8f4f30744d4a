/**
 * Faster versions of four tfjs-wasm kernels that training leans on, written over the backend's heap in plain
 * JavaScript, and installed in place of the originals ({@link installWasmKernels}) for the float32 shapes they
 * handle; every other call goes to the original kernel.
 *
 * - `Transpose` of a matrix (a tensor with two dimensions of size > 1). tfjs-wasm's C++ loop writes with a
 *   stride of a whole row, which costs 5–8 ns an element ([1024, 128]: 1.1 ms); a loop over 16-row tiles that
 *   writes each output row in order costs about 1 ns (0.15 ms). The result is the same, element for element.
 * - `Sum` over leading or middle axes (the gradients of the members' adapters and biases, summed over the batch).
 *   tfjs-wasm first transposes the reduced axes to the end, with the same slow loop ([256, 4, 128] over axis 0:
 *   0.25–0.35 ms); summing rows into an accumulator in place takes about 0.05 ms. Each output is accumulated in
 *   double precision and rounded once (the original adds in float32, in index order).
 *
 * - `Slice` of consecutive elements (the first layer's rows): tfjs-wasm copies the whole input out of the heap
 *   first; here only the slice is copied.
 * - `Identity` (`clone()`, which tfjs's gradients and `customGrad` call about 40 times a training step) shares
 *   the input's memory, as tfjs's own CPU backend does, instead of copying it: no kernel writes into its inputs.
 *
 * In one training step of the default model (impute, batch 256) these kernels took about 4.3 of 15 ms.
 *
 * @module
 */
import type * as tfjs from "./tfjs.ts";
import { ADAMW_KERNEL, type AdamWScalars, adamwUpdate } from "./train/adamw.ts";

/** The part of tfjs-wasm's backend the kernels use. */
interface WasmHeap {
  makeOutput(shape: number[], dtype: string): tfjs.TensorInfo;
  typedArrayFromHeap(info: tfjs.TensorInfo): Float32Array;
  incRef(dataId: tfjs.DataId): void;
}

/** Tile height of {@link transposeInto}: rows of the source read per pass over its columns. */
const TILE = 16;

/**
 * Write the transpose of the row-major `rows × cols` matrix `src` into `dst` (`cols × rows`), 16 source rows at a
 * time, so that each output row is written in order and the source tile stays in cache.
 */
export function transposeInto(src: Float32Array, dst: Float32Array, rows: number, cols: number): void {
  for (let i0 = 0; i0 < rows; i0 += TILE) {
    const i1 = Math.min(rows, i0 + TILE);
    for (let j = 0; j < cols; j++) {
      const o = j * rows;
      for (let i = i0; i < i1; i++) dst[o + i] = src[i * cols + j];
    }
  }
}

/**
 * For `src` viewed as `[outer, mid, inner]`, write into `dst` (`[outer, inner]`) the sums over `mid`, each
 * accumulated in double precision, four rows at a time, and rounded to float32 once.
 */
export function sumMiddleInto(
  src: Float32Array,
  dst: Float32Array,
  outer: number,
  mid: number,
  inner: number,
): void {
  const acc = new Float64Array(inner);
  for (let o = 0; o < outer; o++) {
    acc.fill(0);
    const base = o * mid * inner;
    let m = 0;
    for (; m + 4 <= mid; m += 4) {
      const row = base + m * inner;
      for (let j = 0; j < inner; j++) {
        acc[j] += src[row + j] + src[row + inner + j] + src[row + 2 * inner + j] + src[row + 3 * inner + j];
      }
    }
    for (; m < mid; m++) {
      const row = base + m * inner;
      for (let j = 0; j < inner; j++) acc[j] += src[row + j];
    }
    dst.set(acc, o * inner);
  }
}

/**
 * The matrix a transpose by `perm` amounts to, once dimensions of size 1 are left out: `[rows, cols]` when it
 * swaps two dimensions, else `null` (nothing to move, or a permutation of three or more).
 */
export function matrixTranspose(shape: readonly number[], perm: readonly number[]): [number, number] | null {
  const kept = perm.filter((p) => shape[p] !== 1);
  if (kept.length !== 2 || kept[0] < kept[1]) return null;
  return [shape[kept[1]], shape[kept[0]]];
}

/**
 * The `[outer, mid, inner]` view of a sum of `shape` over `axes` when they are one run of consecutive axes
 * that leaves the last axis out (the last axis reduced needs no transpose: the original kernel is fast), else
 * `null`.
 */
export function middleSum(
  shape: readonly number[],
  axes: readonly number[],
): [number, number, number] | null {
  const rank = shape.length;
  const sorted = [...new Set(axes.map((a) => (a < 0 ? a + rank : a)))].sort((a, b) => a - b);
  if (sorted.length === 0 || sorted.some((a, i) => a !== sorted[0] + i)) return null;
  const [first, last] = [sorted[0], sorted.at(-1)!];
  if (last >= rank - 1) return null;
  const size = (from: number, to: number) => shape.slice(from, to).reduce((a, b) => a * b, 1);
  return [size(0, first), size(first, last + 1), size(last + 1, rank)];
}

type KernelArgs = { inputs: tfjs.NamedTensorInfoMap; backend: unknown; attrs?: tfjs.NamedAttrMap };

/**
 * Install the faster `Transpose` and `Sum` in place of tfjs-wasm's own, once the wasm backend is running (its
 * other calls still go to the originals), and the one-pass AdamW step (`ADAMW_KERNEL`). Calling it again does
 * nothing.
 */
export function installWasmKernels(tf: typeof tfjs): void {
  const wrap = (
    name: string,
    fast: (args: KernelArgs, heap: WasmHeap) => tfjs.TensorInfo | null,
  ) => {
    const original = tf.getKernel(name, "wasm");
    if (!original || (original as { fast?: boolean }).fast) return;
    tf.unregisterKernel(name, "wasm");
    tf.registerKernel({
      ...original,
      fast: true,
      kernelFunc: (args: KernelArgs) =>
        fast(args, args.backend as WasmHeap) ?? original.kernelFunc(args as Parameters<tfjs.KernelFunc>[0]),
    } as tfjs.KernelConfig);
  };
  wrap("Transpose", ({ inputs, attrs }, heap) => {
    const x = inputs.x as tfjs.TensorInfo;
    const perm = attrs!.perm as number[];
    const matrix = x.dtype === "float32" ? matrixTranspose(x.shape, perm) : null;
    if (!matrix) return null;
    const out = heap.makeOutput(perm.map((p) => x.shape[p]), "float32");
    // Views after the allocation: it may grow the heap, which detaches views taken before.
    transposeInto(heap.typedArrayFromHeap(x), heap.typedArrayFromHeap(out), matrix[0], matrix[1]);
    return out;
  });
  wrap("Slice", ({ inputs, attrs }, heap) => {
    const x = inputs.x as tfjs.TensorInfo;
    if (x.dtype !== "float32") return null;
    const su = tf.slice_util;
    const [begin, size] = su.parseSliceParams(
      x as tfjs.Tensor,
      attrs!.begin as number[],
      attrs!.size as number[],
    );
    if (!su.isSliceContinous(x.shape, begin, size)) return null;
    const offset = su.computeFlatOffset(begin, tf.util.computeStrides(x.shape));
    const out = heap.makeOutput(size, "float32");
    const length = size.reduce((a, b) => a * b, 1);
    heap.typedArrayFromHeap(out).set(heap.typedArrayFromHeap(x).subarray(offset, offset + length));
    return out;
  });
  wrap("Identity", ({ inputs }, heap) => {
    const x = inputs.x as tfjs.TensorInfo;
    if (x.dtype === "string") return null;
    heap.incRef(x.dataId);
    return { dataId: x.dataId, shape: x.shape, dtype: x.dtype };
  });
  wrap("Sum", ({ inputs, attrs }, heap) => {
    const x = inputs.x as tfjs.TensorInfo;
    const axes = ([] as number[]).concat(attrs!.axis as number | number[]);
    const view = x.dtype === "float32" ? middleSum(x.shape, axes) : null;
    if (!view) return null;
    const rank = x.shape.length;
    const reduced = new Set(axes.map((a) => (a < 0 ? a + rank : a)));
    const shape = x.shape.flatMap((d, i) => (!reduced.has(i) ? [d] : attrs!.keepDims ? [1] : []));
    const out = heap.makeOutput(shape, "float32");
    sumMiddleInto(heap.typedArrayFromHeap(x), heap.typedArrayFromHeap(out), ...view);
    return out;
  });
  if (!tf.getKernel(ADAMW_KERNEL, "wasm")) {
    tf.registerKernel({
      kernelName: ADAMW_KERNEL,
      backendName: "wasm",
      kernelFunc: ({ inputs, attrs, backend }: KernelArgs) => {
        const heap = backend as WasmHeap;
        const [p, m, v, g] = ["p", "m", "v", "g"].map((n) => inputs[n] as tfjs.TensorInfo);
        const outs = [p, m, v].map((t) => heap.makeOutput([...t.shape], "float32"));
        const [op, om, ov] = outs.map((t) => heap.typedArrayFromHeap(t));
        const [ip, im, iv, ig] = [p, m, v, g].map((t) => heap.typedArrayFromHeap(t));
        adamwUpdate(
          { p: ip, m: im, v: iv, g: ig },
          { p: op, m: om, v: ov },
          attrs as unknown as AdamWScalars,
        );
        return outs;
      },
    } as tfjs.KernelConfig);
  }
}
