/**
 * Choosing and starting the tfjs backend: `auto`, `webgpu` (Deno's built-in WebGPU), `wasm` (SIMD binary loaded
 * from the installed package, nothing fetched), `cpu` (plain JavaScript) or `tensorflow` (the optional
 * `@tensorflow/tfjs-node-gpu`). Asking for a backend and not getting it is an error. A backend's package is
 * imported only when it is asked for, so a run on wasm never loads the WebGPU backend, and the reverse.
 *
 * @module
 */
import * as tf from "../core/tfjs.ts";
import { BACKENDS } from "../core/train/train_config.ts";
import { installWasmKernels } from "../core/wasm_kernels.ts";

/** The backend that runs, and the GPU adapter behind it (`null` off the GPU). */
export interface ActiveBackend {
  /** tfjs's name for it: "webgpu", "wasm", "cpu" or "tensorflow". */
  backend: string;
  /** e.g. "llvmpipe (LLVM 15.0.6, 256 bits) [software fallback]". */
  adapter: string | null;
}

/** A GPU adapter as Deno's WebGPU describes it. */
interface AdapterLike {
  info?: { vendor?: string; architecture?: string; device?: string; description?: string };
  isFallbackAdapter?: boolean;
}

/** Explains why `--backend tensorflow` needs an extra install. */
export const TENSORFLOW_HELP =
  "@tensorflow/tfjs-node-gpu is optional and not installed: its install downloads " +
  "libtensorflow (hundreds of MB) and needs an NVIDIA GPU with CUDA 11.2 and cuDNN 8. To use it, add " +
  '"@tensorflow/tfjs-node-gpu": "npm:@tensorflow/tfjs-node-gpu@4.22.0" to deno.json imports and run ' +
  "`deno install --allow-scripts`; otherwise use --backend webgpu (any GPU, through Vulkan/Metal) or wasm";

/** Whether an adapter is a software or fallback one (llvmpipe, SwiftShader…). */
export function isFallback(adapter: AdapterLike): boolean {
  const info = adapter.info as (AdapterLike["info"] & { isFallbackAdapter?: boolean }) | undefined;
  return Boolean(
    adapter.isFallbackAdapter || info?.isFallbackAdapter ||
      /llvmpipe|swiftshader|lavapipe|software/i.test(info?.description ?? ""),
  );
}

/** A one-line description of an adapter. */
export function describeAdapter(adapter: AdapterLike): string {
  const info = adapter.info ?? {};
  const name = info.description || [info.vendor, info.architecture, info.device].filter(Boolean).join(" ") ||
    "unknown adapter";
  return isFallback(adapter) ? `${name} [software fallback]` : name;
}

/** Request a WebGPU adapter, or `null` when there is none (sets XDG_RUNTIME_DIR=/tmp if unset, for Vulkan). */
export async function requestAdapter(): Promise<AdapterLike | null> {
  const gpu = (navigator as unknown as { gpu?: { requestAdapter(): Promise<AdapterLike | null> } }).gpu;
  if (!gpu) return null;
  try {
    if (!Deno.env.get("XDG_RUNTIME_DIR")) Deno.env.set("XDG_RUNTIME_DIR", "/tmp");
  } catch {
    // without --allow-env, leave the environment as it is
  }
  try {
    return await gpu.requestAdapter();
  } catch {
    return null;
  }
}

/** The folder (as a file URL, with a trailing slash) holding the wasm backend's `.wasm` binaries. */
export function wasmDir(): string {
  return new URL("./", import.meta.resolve("@tensorflow/tfjs-backend-wasm")).href;
}

async function use(name: string): Promise<void> {
  let ok = false;
  try {
    ok = await tf.setBackend(name);
    await tf.ready();
  } catch (error) {
    throw new Error(`Cannot start backend ${JSON.stringify(name)}: ${(error as Error).message ?? error}`);
  }
  if (!ok || tf.getBackend() !== name) {
    throw new Error(
      `Cannot start backend ${JSON.stringify(name)}: tfjs is running ${tf.getBackend()} instead`,
    );
  }
}

/**
 * Start backend `name`. `auto` takes WebGPU on a real (non-fallback) adapter, else wasm. Fails when the asked
 * backend cannot be had: no adapter for `webgpu`, tfjs-node-gpu missing for `tensorflow`.
 */
export async function initBackend(name: string): Promise<ActiveBackend> {
  if (name === "auto") {
    const adapter = await requestAdapter();
    if (adapter && !isFallback(adapter)) {
      await import("@tensorflow/tfjs-backend-webgpu");
      await use("webgpu");
      return { backend: "webgpu", adapter: describeAdapter(adapter) };
    }
    return initBackend("wasm");
  }
  if (name === "webgpu") {
    const adapter = await requestAdapter();
    if (!adapter) {
      throw new Error(
        'Cannot use backend "webgpu": no WebGPU adapter found (on a machine without a GPU, install ' +
          "mesa-vulkan-drivers for a software adapter, or use --backend wasm)",
      );
    }
    await import("@tensorflow/tfjs-backend-webgpu");
    await use("webgpu");
    return { backend: "webgpu", adapter: describeAdapter(adapter) };
  }
  if (name === "wasm") {
    let dir: string;
    try {
      dir = wasmDir();
    } catch {
      throw new Error(
        'Cannot start backend "wasm": @tensorflow/tfjs-backend-wasm is not installed here (a bundled script ' +
          "carries no .wasm files: run it with --backend webgpu or cpu)",
      );
    }
    const { setWasmPaths } = await import("@tensorflow/tfjs-backend-wasm");
    setWasmPaths(dir);
    await use("wasm");
    installWasmKernels(tf);
    return { backend: "wasm", adapter: null };
  }
  if (name === "cpu") {
    await use("cpu");
    return { backend: "cpu", adapter: null };
  }
  if (name === "tensorflow") {
    await loadTensorflow();
    await use("tensorflow");
    return { backend: "tensorflow", adapter: null };
  }
  throw new RangeError(
    `Cannot use backend ${JSON.stringify(name)}: expected one of ${BACKENDS.join(", ")}`,
  );
}

/**
 * Import `@tensorflow/tfjs-node-gpu` if deno.json maps it, else fail with {@link TENSORFLOW_HELP}.
 * `specifier` is for tests.
 */
export async function loadTensorflow(specifier = "@tensorflow/tfjs-node-gpu"): Promise<void> {
  let url: string;
  try {
    url = import.meta.resolve(specifier);
  } catch {
    throw new Error(`Cannot use backend "tensorflow": ${TENSORFLOW_HELP}`);
  }
  try {
    await import(url);
  } catch (error) {
    throw new Error(
      `Cannot use backend "tensorflow": importing ${specifier} failed (${
        (error as Error).message
      }). ${TENSORFLOW_HELP}`,
    );
  }
}
