import * as tf from "../../core/tfjs.ts";
import { assertEquals, assertTrue } from "../_assert.ts";
import {
  installWasmKernels,
  matrixTranspose,
  middleSum,
  sumMiddleInto,
  transposeInto,
} from "../../core/wasm_kernels.ts";
import { initBackend } from "../../scripts/_backend.ts";

await initBackend("wasm");

/** Values 0, 1, 2, … as float32, so that sums are exact and a misplaced element shows. */
const iota = (n: number) => Float32Array.from({ length: n }, (_, i) => i);

/** The reference transpose of a row-major matrix. */
function naiveTranspose(src: Float32Array, rows: number, cols: number): Float32Array {
  const out = new Float32Array(rows * cols);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) out[j * rows + i] = src[i * cols + j];
  return out;
}

Deno.test("transposeInto() moves every element to (column, row), tiles or no tiles", () => {
  for (const [rows, cols] of [[1, 9], [9, 1], [16, 16], [37, 5], [33, 17], [1024, 128]]) {
    const src = iota(rows * cols);
    const dst = new Float32Array(rows * cols);
    transposeInto(src, dst, rows, cols);
    assertEquals(dst, naiveTranspose(src, rows, cols), `${rows} × ${cols}`);
  }
});

Deno.test("sumMiddleInto() sums [outer, mid, inner] over mid, in blocks of four rows and the rest", () => {
  const src = iota(2 * 6 * 3);
  const dst = new Float32Array(2 * 3);
  sumMiddleInto(src, dst, 2, 6, 3);
  // out[o, j] = Σ_m (18·o + 3·m + j) = 108·o + 45 + 6·j
  assertEquals(Array.from(dst), [45, 51, 57, 153, 159, 165]);
});

Deno.test("matrixTranspose() finds the matrix in a transpose, ignoring dimensions of size 1", () => {
  assertEquals(matrixTranspose([1024, 128], [1, 0]), [1024, 128]);
  assertEquals(matrixTranspose([3, 1, 4], [2, 1, 0]), [3, 4]);
  assertEquals(matrixTranspose([1, 5], [1, 0]), null, "a vector: nothing moves");
  assertEquals(matrixTranspose([2, 3], [0, 1]), null, "the identity");
  assertEquals(matrixTranspose([2, 3, 4], [0, 2, 1]), null, "three dimensions of size > 1");
});

Deno.test("middleSum() views a sum over consecutive axes before the last as [outer, mid, inner]", () => {
  assertEquals(middleSum([256, 4, 128], [0]), [1, 256, 512]);
  assertEquals(middleSum([256, 4, 128], [1]), [256, 4, 128]);
  assertEquals(middleSum([256, 4, 128], [0, 1]), [1, 1024, 128]);
  assertEquals(middleSum([256, 4, 128], [-3]), [1, 256, 512], "negative axes count from the end");
  assertEquals(middleSum([256, 4, 128], [2]), null, "the last axis: the original kernel is fast");
  assertEquals(middleSum([256, 4, 128], [0, 2]), null, "not consecutive");
  assertEquals(middleSum([5], []), null);
});

/** `tf.transpose` and `tf.sum` on wasm against plain loops over the same values. */
Deno.test("on wasm, transposes and sums give the values of the plain definitions, handled shapes or not", () => {
  assertTrue((tf.getKernel("Sum", "wasm") as { fast?: boolean }).fast, "initBackend installed the kernels");
  installWasmKernels(tf); // a second call changes nothing
  const x = tf.tensor3d(iota(6 * 4 * 5), [6, 4, 5]);
  const values = x.dataSync();
  const at = (i: number, j: number, k: number) => values[(i * 4 + j) * 5 + k];
  const sumOver = (axes: number[], keep = false) => tf.sum(x, axes, keep);
  const expect = (f: (i: number, j: number, k: number) => number, shape: number[]) => {
    const out: number[] = [];
    const [a, b, c] = shape;
    for (let i = 0; i < a; i++) for (let j = 0; j < b; j++) for (let k = 0; k < c; k++) out.push(f(i, j, k));
    return out;
  };
  const sum = (n: number, f: (m: number) => number) =>
    Array.from({ length: n }, (_, m) => f(m)).reduce((s, v) => s + v);
  assertEquals(
    Array.from(sumOver([0]).dataSync()),
    expect((_, j, k) => sum(6, (m) => at(m, j, k)), [1, 4, 5]),
  );
  assertEquals(
    Array.from(sumOver([1]).dataSync()),
    expect((i, _, k) => sum(4, (m) => at(i, m, k)), [6, 1, 5]),
  );
  assertEquals(Array.from(sumOver([2]).dataSync()), expect((i, j) => sum(5, (m) => at(i, j, m)), [6, 4, 1]));
  assertEquals(sumOver([0, 1], true).shape, [1, 1, 5]);
  assertEquals(sumOver([1]).shape, [6, 5]);
  assertEquals(
    Array.from(sumOver([0, 1]).dataSync()),
    expect((_, __, k) => sum(24, (m) => values[m * 5 + k]), [1, 1, 5]),
  );
  const m = tf.tensor2d(iota(37 * 5), [37, 5]);
  assertEquals(tf.transpose(m).dataSync(), naiveTranspose(m.dataSync() as Float32Array, 37, 5));
  assertEquals(tf.transpose(m).shape, [5, 37]);
  assertEquals(
    Array.from(tf.transpose(x, [2, 0, 1]).dataSync()),
    expect((k, i, j) => at(i, j, k), [5, 6, 4]),
    "three dimensions: the original kernel",
  );
  assertEquals(
    Array.from(tf.sum(tf.tensor2d([[1, 2], [3, 4]], [2, 2], "int32"), 0).dataSync()),
    [4, 6],
    "int32",
  );
  tf.dispose([x, m]);
});

Deno.test("on wasm, a clone shares its tensor's memory and outlives it", () => {
  const before = tf.memory().numDataBuffers;
  const a = tf.tensor1d([1, 2, 3]);
  const b = a.clone();
  assertEquals(tf.memory().numDataBuffers, before + 1, "one buffer for both");
  a.dispose();
  assertEquals(Array.from(b.dataSync()), [1, 2, 3]);
  b.dispose();
  assertEquals(tf.memory().numDataBuffers, before, "freed with the last of them");
});

Deno.test("on wasm, slices of consecutive elements and of scattered ones give the elements asked for", () => {
  const m = tf.tensor2d(iota(6 * 4), [6, 4]);
  assertEquals(
    Array.from(tf.slice(m, [2, 0], [3, 4]).dataSync()),
    Array.from(iota(24).subarray(8, 20)),
    "rows",
  );
  assertEquals(
    Array.from(tf.slice(m, [4, 0], [-1, -1]).dataSync()),
    Array.from(iota(24).subarray(16)),
    "to the end",
  );
  assertEquals(
    Array.from(tf.slice(m, [1, 1], [2, 2]).dataSync()),
    [5, 6, 9, 10],
    "a block: the original kernel",
  );
  assertEquals(tf.slice(m, [2, 0], [3, 4]).shape, [3, 4]);
  m.dispose();
});
