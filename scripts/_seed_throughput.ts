/**
 * Times the `seed` preset's regressor (aeDims→16192→8096→2048→1, linear, SGD, MAE, batch 1) for a fixed
 * number of batches on one backend: `deno run -A scripts/_seed_throughput.ts BACKEND BATCHES RESULT.json`.
 * Run by the benchmark in its own process, since a wasm heap overflow aborts the process.
 *
 * @module
 */
import * as tf from "@tensorflow/tfjs";
import { buildRegressor } from "../core/models/build_regressor.ts";
import { createRandom } from "../core/random.ts";
import { TRAIN_PRESETS } from "../core/train/train_config.ts";
import { initBackend } from "./_backend.ts";
import { runMain } from "./_cli.ts";
import { writeJsonAtomic } from "./_fs.ts";

if (import.meta.main) {
  await runMain(async () => {
    const [backend, batchText, resultPath] = Deno.args;
    const batches = Number(batchText);
    const active = await initBackend(backend);
    const preset = TRAIN_PRESETS.seed;
    const inputDim = preset.aeDims;
    const model = buildRegressor({ inputDim, hidden: preset.hidden, activation: preset.activation });
    const optimizer = tf.train.sgd(preset.learningRate);
    const rng = createRandom(1);
    const x = tf.tensor2d(Float32Array.from({ length: inputDim }, () => rng.next()), [1, inputDim]);
    const y = tf.tensor2d([6.5], [1, 1]);
    const step = () =>
      tf.tidy(() =>
        optimizer.minimize(
          () => tf.losses.absoluteDifference(y, model.apply(x, { training: true }) as tf.Tensor),
          true,
        )!.dataSync()
      );
    step(); // warm-up: kernels compiled, weights in place
    const started = performance.now();
    for (let i = 0; i < batches; i++) step();
    const seconds = (performance.now() - started) / 1000;
    await writeJsonAtomic(resultPath, {
      backend: active.backend,
      adapter: active.adapter,
      params: model.countParams(),
      batchSize: 1,
      batches,
      seconds,
      samplesPerSecond: batches / seconds,
    });
  });
}
