import { assertEquals, assertThrows } from "../_assert.ts";
import { mergeConfig } from "../../core/config.ts";

const defaults = {
  epochs: 10,
  backend: "auto",
  autoencoder: true,
  dims: [64, 32],
  data: null as string | null,
};

Deno.test("mergeConfig() overrides known keys and keeps the rest", () => {
  assertEquals(mergeConfig(defaults, { epochs: 3, data: "x.csv" }, "flags"), {
    ...defaults,
    epochs: 3,
    data: "x.csv",
  });
});

Deno.test("mergeConfig() rejects unknown keys and wrong types, naming the source", () => {
  assertThrows(
    () => mergeConfig(defaults, { epoch: 3 }, "cfg.json"),
    TypeError,
    'cfg.json: unknown key "epoch"',
  );
  assertThrows(
    () => mergeConfig(defaults, { epochs: "3" }, "cfg.json"),
    TypeError,
    '"epochs" must be number',
  );
  assertThrows(() => mergeConfig(defaults, { dims: ["a"] }, "flags"), TypeError, "number[]");
});
