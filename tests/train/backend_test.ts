import * as tf from "../../core/tfjs.ts";
import { assertEquals, assertMatch, assertRejects, assertTrue } from "../_assert.ts";
import {
  describeAdapter,
  initBackend,
  isFallback,
  loadTensorflow,
  requestAdapter,
} from "../../scripts/_backend.ts";

Deno.test("initBackend('wasm') runs tfjs on the wasm binaries of the installed package", async () => {
  const active = await initBackend("wasm");
  assertEquals(active, { backend: "wasm", adapter: null });
  assertEquals(tf.getBackend(), "wasm");
  const product = tf.matMul(tf.tensor2d([[1, 2], [3, 4]]), tf.tensor2d([[1], [1]]));
  assertEquals(Array.from(await product.data()), [3, 7]);
  product.dispose();
});

Deno.test("initBackend('cpu') runs plain JavaScript tfjs", async () => {
  assertEquals((await initBackend("cpu")).backend, "cpu");
  assertEquals(tf.getBackend(), "cpu");
});

Deno.test("initBackend('auto') takes WebGPU only on a real (non-fallback) adapter, else wasm", async () => {
  const adapter = await requestAdapter();
  const expected = adapter && !isFallback(adapter) ? "webgpu" : "wasm";
  assertEquals((await initBackend("auto")).backend, expected);
  await initBackend("wasm");
});

Deno.test("initBackend('tensorflow') fails, explaining why tfjs-node-gpu is optional", async () => {
  const error = await assertRejects(
    () => initBackend("tensorflow"),
    Error,
    'Cannot use backend "tensorflow"',
  );
  assertMatch(error.message, /optional/);
  assertMatch(error.message, /libtensorflow/);
  assertMatch(error.message, /CUDA 11/);
  assertMatch(error.message, /--backend webgpu/);
});

Deno.test("loadTensorflow() names the package when it is not mapped in deno.json", async () => {
  await assertRejects(() => loadTensorflow("@tensorflow/not-a-package"), Error, "not installed");
});

Deno.test("initBackend() rejects an unknown backend with a RangeError", async () => {
  await assertRejects(() => initBackend("webgl2"), RangeError, "expected one of auto, webgpu, wasm");
});

Deno.test("isFallback() and describeAdapter() flag software adapters such as llvmpipe", () => {
  const llvmpipe = { info: { vendor: "65541", description: "llvmpipe (LLVM 15.0.6, 256 bits)" } };
  assertTrue(isFallback(llvmpipe));
  assertEquals(describeAdapter(llvmpipe), "llvmpipe (LLVM 15.0.6, 256 bits) [software fallback]");
  const nvidia = {
    info: { vendor: "nvidia", description: "NVIDIA H100 80GB HBM3" },
    isFallbackAdapter: false,
  };
  assertTrue(!isFallback(nvidia));
  assertEquals(describeAdapter(nvidia), "NVIDIA H100 80GB HBM3");
  assertTrue(isFallback({ info: {}, isFallbackAdapter: true }));
});
