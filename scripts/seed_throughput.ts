/**
 * Times the `seed` preset's regressor (aeDims→16192→8096→2048→1, linear, SGD, MAE, batch 1) for a fixed
 * number of batches on one backend: `deno run -A scripts/seed_throughput.ts BACKEND BATCHES RESULT.json`.
 * Run by the benchmark in its own process, since a wasm heap overflow aborts the process.
 *
 * @module
 */
import * as tf from "../core/tfjs.ts";
import { buildRegressor } from "../core/models/build_regressor.ts";
import { createRandom } from "../core/random.ts";
import { trainingForward } from "../core/train/fit_model.ts";
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
    const model = buildRegressor({
      inputDim,
      hidden: preset.hidden,
      activation: preset.activation,
      dropout: preset.dropout,
    });
    const optimizer = tf.train.sgd(preset.learningRate);
    const rng = createRandom(1);
    const x = tf.tensor2d(Float32Array.from({ length: inputDim }, () => rng.next()), [1, inputDim]);
    const y = tf.tensor2d([6.5], [1, 1]);
    // One SGD step as train takes it: the project's training forward pass (seeded dropout, its matmul
    // gradients), then an awaited read so that GPU backends finish the step before the clock stops.
    const step = async (i: number) => {
      const loss = tf.tidy(() =>
        optimizer.minimize(
          () => tf.losses.absoluteDifference(y, trainingForward(model, x, i)) as tf.Scalar,
          true,
        )!
      );
      await loss.data();
      loss.dispose();
    };
    await step(0); // warm-up: kernels compiled, weights in place
    const started = performance.now();
    for (let i = 1; i <= batches; i++) await step(i);
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
