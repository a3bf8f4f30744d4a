import * as tf from "../../core/tfjs.ts";
import { assertAlmostEquals, assertEquals, assertThrows, assertTrue } from "../_assert.ts";
import { ADAMW_KERNEL, createAdamW } from "../../core/train/adamw.ts";
import { scheduleValue } from "../../core/train/schedule.ts";
import { initBackend } from "../../scripts/_backend.ts";

await initBackend("wasm");

Deno.test("AdamW's first step moves each weight by lr·sign(g), plus lr·wd·p where decay applies", () => {
  const vars = { "a/w": tf.variable(tf.tensor1d([1, -2])), "a/b": tf.variable(tf.tensor1d([3])) };
  const opt = createAdamW(vars, {
    groups: (n) => ({ decay: n.endsWith("/w"), lrFactor: n.endsWith("/b") ? 2 : 1 }),
  });
  opt.step({ "a/w": tf.tensor1d([0.5, -4]), "a/b": tf.tensor1d([1]) }, 0.1, 0.5);
  const w = vars["a/w"].dataSync();
  assertAlmostEquals(w[0], 1 * (1 - 0.05) - 0.1, 1e-6);
  assertAlmostEquals(w[1], -2 * (1 - 0.05) + 0.1, 1e-6);
  assertAlmostEquals(vars["a/b"].dataSync()[0], 3 - 0.2, 1e-6, "no decay on biases, lr factor 2");
  assertEquals(opt.steps, 1);
  opt.dispose();
});

Deno.test("AdamW restored from its saved moments and step count continues exactly", () => {
  const run = (steps: number, restoreAt: number | null) => {
    const vars = { "x/w": tf.variable(tf.tensor1d([1, 2, 3])) };
    let opt = createAdamW(vars, { beta2: 0.95 });
    for (let i = 0; i < steps; i++) {
      if (i === restoreAt) {
        const saved = opt.weights().map((w) => ({ name: w.name, tensor: w.tensor.clone() }));
        const n = opt.steps;
        opt.dispose();
        opt = createAdamW(vars, { beta2: 0.95 });
        opt.restore(saved, n);
        tf.dispose(saved.map((s) => s.tensor));
      }
      tf.tidy(() => opt.step({ "x/w": tf.mul(vars["x/w"], i + 1) }, 0.01, 0.1));
    }
    opt.dispose();
    return Array.from(vars["x/w"].dataSync());
  };
  assertEquals(run(6, 3), run(6, null));
  const opt = createAdamW({ "x/w": tf.variable(tf.zeros([2])) });
  assertThrows(() => opt.restore([{ name: "m/y/w", tensor: tf.zeros([2]) }], 1), TypeError, "unknown slot");
  assertThrows(() => opt.restore([{ name: "m/x/w", tensor: tf.zeros([3]) }], 1), TypeError, "shape");
});

Deno.test("schedules: cosine warms up then falls to 0; coslog4 and flat_cos end at 0; constant stays 1", () => {
  const table: [Parameters<typeof scheduleValue>[0], number, number, number][] = [
    ["constant", 0.7, 0, 1],
    ["cosine", 0, 0.1, 0],
    ["cosine", 0.05, 0.1, 0.5],
    ["cosine", 0.1, 0.1, 1],
    ["cosine", 0.55, 0.1, 0.5],
    ["cosine", 1, 0.1, 0],
    ["coslog4", 0, 0, 0],
    ["coslog4", (2 ** 0.5 - 1) / 15, 0, 1],
    ["coslog4", 1, 0, 0],
    ["flat_cos", 0.4, 0, 1],
    ["flat_cos", 0.75, 0, 0.5],
    ["flat_cos", 1, 0, 0],
  ];
  for (const [name, t, warmup, want] of table) {
    assertAlmostEquals(scheduleValue(name, t, warmup), want, 1e-9, `${name} at ${t}`);
  }
});

Deno.test("AdamW's one-pass kernel (wasm) gives the same weights and moments, to the bit, as its operations", () => {
  const run = () => {
    const vars = {
      "a/w": tf.variable(tf.randomNormal([64, 64], 0, 1, "float32", 1)),
      "a/b": tf.variable(tf.randomNormal([64], 0, 1, "float32", 2)),
    };
    const opt = createAdamW(vars, {
      groups: (n) => ({ decay: n.endsWith("/w"), lrFactor: n.endsWith("/b") ? 6 : 1 }),
    });
    for (let i = 0; i < 10; i++) {
      const grads = () => ({
        "a/w": tf.sin(tf.mul(vars["a/w"], i + 1)),
        "a/b": tf.cos(tf.mul(vars["a/b"], i + 2)),
      });
      tf.tidy(() => opt.step(grads(), 3e-3, 1e-2, 1e-3));
    }
    const out = [...Object.values(vars), ...opt.weights().map((w) => w.tensor)].map((t) =>
      Array.from(t.dataSync())
    );
    opt.dispose();
    tf.dispose(Object.values(vars));
    return out;
  };
  const kernel = tf.getKernel(ADAMW_KERNEL, "wasm");
  assertTrue(kernel !== undefined, "initBackend registered the kernel");
  const fused = run();
  tf.unregisterKernel(ADAMW_KERNEL, "wasm");
  try {
    assertEquals(fused, run());
  } finally {
    tf.registerKernel(kernel!);
  }
});
