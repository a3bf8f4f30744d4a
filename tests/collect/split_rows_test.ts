import { assertEquals, assertNotEquals, assertThrows, assertTrue } from "../_assert.ts";
import { splitRows } from "../../core/collect/split_rows.ts";

Deno.test("splitRows() holds out ceil(15%) of rows, disjoint from every bag", () => {
  const { test, bags } = splitRows(101, { seed: 7 });
  assertEquals(test.test.length, 16);
  assertEquals(test.seed, 7);
  assertEquals(bags.length, 3);
  const held = new Set(test.test);
  for (const bag of bags) {
    assertTrue([...bag.train, ...bag.validation].every((i) => !held.has(i)));
  }
});

Deno.test("splitRows() makes K bags of 90% of the non-test rows, the other 10% validating each", () => {
  const n = 1000;
  const { test, bags } = splitRows(n, { k: 4, seed: 3 });
  assertEquals(bags.map((b) => b.k), [1, 2, 3, 4]);
  for (const bag of bags) {
    assertEquals(bag.train.length, Math.round(0.9 * (n - test.test.length)));
    assertEquals(bag.train.length + bag.validation.length + test.test.length, n);
    assertEquals(new Set([...bag.train, ...bag.validation, ...test.test]).size, n);
    assertEquals(bag.train, bag.train.slice().sort((a, b) => a - b));
  }
  assertNotEquals(bags[0].validation, bags[1].validation);
});

Deno.test("splitRows() is deterministic for a seed and differs between seeds", () => {
  assertEquals(splitRows(200, { seed: 1 }), splitRows(200, { seed: 1 }));
  assertNotEquals(splitRows(200, { seed: 1 }).test.test, splitRows(200, { seed: 2 }).test.test);
});

Deno.test("splitRows() rejects fractions outside (0, 1), K < 1 and too few rows", () => {
  assertThrows(() => splitRows(100, { testFraction: 1 }), RangeError);
  assertThrows(() => splitRows(100, { bagFraction: 0 }), RangeError);
  assertThrows(() => splitRows(100, { k: 0 }), RangeError);
  assertThrows(() => splitRows(3), RangeError);
});
