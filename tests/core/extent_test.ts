import { assertEquals } from "../_assert.ts";
import { extent } from "../../core/extent.ts";

Deno.test("extent() finds the smallest and largest of a million numbers, where Math.max(...) overflows", () => {
  const values = Array.from({ length: 1_000_000 }, (_, i) => i % 1000);
  values[123_456] = -7;
  values[987_654] = 12_345;
  assertEquals(extent(values), { min: -7, max: 12_345 });
});

Deno.test("extent() of nothing is the fallback for both ends; typed arrays work too", () => {
  assertEquals(extent([]), { min: 0, max: 0 });
  assertEquals(extent([], 3), { min: 3, max: 3 });
  assertEquals(extent(new Float32Array([2, -1, 5])), { min: -1, max: 5 });
});
