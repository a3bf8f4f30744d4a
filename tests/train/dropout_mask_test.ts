import { assertEquals, assertThrows, assertTrue } from "../_assert.ts";
import { dropoutMask, quantizedRate } from "../../core/train/dropout_mask.ts";

Deno.test("the drop probability is the rate rounded to a multiple of 1/256", () => {
  assertEquals(quantizedRate(0.2), 51 / 256);
  assertEquals(quantizedRate(0.5), 0.5);
  assertEquals(quantizedRate(0), 0);
  assertEquals(quantizedRate(1e-4), 0);
});

Deno.test("a dropout mask drops that share of units and scales the rest so that its mean is 1", () => {
  const size = 200_003;
  const mask = dropoutMask(size, 0.2, 7);
  const p = quantizedRate(0.2);
  const keep = 1 / (1 - p);
  let dropped = 0;
  let sum = 0;
  for (const v of mask) {
    assertTrue(v === 0 || v === Math.fround(keep), `a unit is 0 or ${keep}, got ${v}`);
    if (v === 0) dropped++;
    sum += v;
  }
  // Binomial sd of the share at this size: sqrt(p (1 − p) / size) ≈ 0.0009.
  assertTrue(Math.abs(dropped / size - p) < 0.004, `dropped ${dropped / size}, expected about ${p}`);
  assertTrue(Math.abs(sum / size - 1) < 0.005, `mean ${sum / size}`);
});

Deno.test("a dropout mask depends on its seed only, whatever its size", () => {
  assertEquals(dropoutMask(1001, 0.3, 5), dropoutMask(1001, 0.3, 5));
  assertTrue(dropoutMask(1001, 0.3, 5).some((v, i) => v !== dropoutMask(1001, 0.3, 6)[i]));
  // A size that is not a multiple of four: the last draw fills the tail, and the head is the same as a longer mask.
  assertEquals(dropoutMask(7, 0.5, 3), dropoutMask(8, 0.5, 3).subarray(0, 7));
});

Deno.test("a dropout mask of rate 0 keeps every unit, and one of rate 1 is refused", () => {
  assertEquals([...dropoutMask(9, 0, 1)], Array(9).fill(1));
  assertThrows(() => dropoutMask(4, 1, 1), RangeError, "every unit would be dropped");
});
