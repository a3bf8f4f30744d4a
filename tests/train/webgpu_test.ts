import { assertAlmostEquals, assertEquals, assertMatch } from "../_assert.ts";
import { writeCollectFixture } from "../_fixtures.ts";
import { requestAdapter } from "../../scripts/_backend.ts";
import { run } from "../../scripts/train.ts";
import { requireTool } from "../_tools.ts";

/**
 * Largest allowed |webgpu − wasm| difference of a predicted score (score units). Both backends start from the
 * same seeded weights and batches and compute in float32; measured differences on llvmpipe are about 1e-6.
 */
const TOLERANCE = 1e-4;

const adapter = requireTool(
  "a WebGPU adapter",
  (await requestAdapter()) ??
    {
      missing:
        "Deno's WebGPU found no adapter (on a machine without a GPU, apt-get install mesa-vulkan-drivers " +
        "gives a software one)",
    },
);

Deno.test({
  name: "a small model trained on webgpu predicts what the same model trained on wasm predicts (±1e-4)",
  ignore: adapter.ignore,
  // WebGPU keeps its device open for the life of the process.
  sanitizeResources: false,
  sanitizeOps: false,
  fn: async () => {
    adapter.get();
    const config = {
      preset: "mlp",
      hidden: [16, 8],
      epochs: 3,
      batchSize: 16,
      patience: 0,
      dropout: 0.2,
      autoencoder: true,
      aeDims: 4,
      aeEpochs: 2,
    };
    const predictions: Record<string, number[][]> = {};
    const backends: Record<string, string | null> = {};
    for (const backend of ["wasm", "webgpu"]) {
      const out = await Deno.makeTempDir({ prefix: `train-${backend}-` });
      try {
        await writeCollectFixture(out, { rows: 100, features: 6, k: 2 });
        const result = await run({ ...config, out, backend }, { quiet: true });
        assertEquals(result.summary!.backend, backend);
        backends[backend] = result.summary!.adapter;
        predictions[backend] = result.predictions;
      } finally {
        await Deno.remove(out, { recursive: true });
      }
    }
    assertMatch(String(backends.webgpu), /\S/);
    assertEquals(predictions.webgpu.length, 2);
    predictions.wasm.forEach((member, k) =>
      member.forEach((value, i) => assertAlmostEquals(predictions.webgpu[k][i], value, TOLERANCE))
    );
  },
});
