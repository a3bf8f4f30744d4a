import * as tf from "../../core/tfjs.ts";
import { assertEquals } from "../_assert.ts";
import { buildAutoencoder, encoderOf } from "../../core/models/build_autoencoder.ts";
import { buildRegressor, regressorLayers } from "../../core/models/build_regressor.ts";
import { TRAIN_PRESETS } from "../../core/train/train_config.ts";
import { initBackend } from "../../scripts/_backend.ts";

await initBackend("wasm");

/** Output shapes of unbuilt layers fed [null, inputDim], with no weights allocated. */
function shapes(
  layers: tf.layers.Layer[],
  inputDim: number,
): { name: string; shape: number[]; activation?: string }[] {
  let shape: (number | null)[] = [null, inputDim];
  return layers.map((layer) => {
    shape = layer.computeOutputShape(shape) as (number | null)[];
    const config = layer.getConfig();
    return {
      name: layer.getClassName(),
      shape: shape.slice(1) as number[],
      ...(config.activation ? { activation: config.activation as string } : {}),
    };
  });
}

Deno.test("the seed preset's regressor is 10000→16192→8096→2048→1, linear, dropout 0.2 (shapes without weights)", () => {
  const seed = TRAIN_PRESETS.seed;
  const layers = regressorLayers({ hidden: seed.hidden, activation: seed.activation, dropout: seed.dropout });
  assertEquals(layers.some((l) => l.built), false);
  assertEquals(shapes(layers, seed.aeDims), [
    { name: "Dense", shape: [16192], activation: "linear" },
    { name: "Dropout", shape: [16192] },
    { name: "Dense", shape: [8096], activation: "linear" },
    { name: "Dropout", shape: [8096] },
    { name: "Dense", shape: [2048], activation: "linear" },
    { name: "Dropout", shape: [2048] },
    { name: "Dense", shape: [1], activation: "linear" },
  ]);
  assertEquals(layers.filter((l) => l.getClassName() === "Dropout").map((l) => l.getConfig().rate), [
    0.2,
    0.2,
    0.2,
  ]);
  assertEquals(
    [seed.optimizer, seed.learningRate, seed.loss, seed.batchSize, seed.epochs],
    ["sgd", 1e-5, "mae", 1, 3],
  );
  const small = buildRegressor({
    inputDim: 10,
    hidden: [16, 8, 2],
    activation: seed.activation,
    dropout: 0.2,
  });
  assertEquals(small.layers.map((l) => l.outputShape), [[null, 16], [null, 16], [null, 8], [null, 8], [
    null,
    2,
  ], [
    null,
    2,
  ], [null, 1]]);
  small.dispose();
});

Deno.test("the seed preset's auto-encoder is input→10000 (relu)→input (sigmoid), Adam 1e-5, MAE", () => {
  const seed = TRAIN_PRESETS.seed;
  const model = buildAutoencoder({
    inputDim: 30,
    dims: 12,
    activation: seed.aeActivation,
    outputActivation: seed.aeOutputActivation,
  });
  assertEquals(model.layers.map((l) => [l.outputShape, l.getConfig().activation]), [
    [[null, 12], "relu"],
    [[null, 30], "sigmoid"],
  ]);
  assertEquals(encoderOf(model).outputs[0].shape, [null, 12]);
  assertEquals([seed.aeDims, seed.aeOptimizer, seed.aeLearningRate, seed.aeLoss], [
    10000,
    "adam",
    1e-5,
    "mae",
  ]);
  model.dispose();
});

Deno.test("buildRegressor() gives the same initial weights for the same seed and different ones otherwise", async () => {
  const weights = async (seed: number) => {
    const model = buildRegressor({ inputDim: 5, hidden: [4], seed });
    const values = await Promise.all(model.getWeights().map((w) => w.data()));
    model.dispose();
    return values.map((v) => Array.from(v));
  };
  assertEquals(await weights(7), await weights(7));
  assertEquals(JSON.stringify(await weights(7)) === JSON.stringify(await weights(8)), false);
});
