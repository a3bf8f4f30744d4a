import { assertEquals, assertNotEquals } from "../_assert.ts";
import { createRandom, deriveSeed } from "../../core/random.ts";

Deno.test("createRandom() repeats its stream for the same seed and resumes from state()", () => {
  const a = createRandom(7);
  const b = createRandom(7);
  assertEquals([a.next(), a.next()], [b.next(), b.next()]);
  const resumed = createRandom(a.state());
  assertEquals(resumed.next(), a.next());
});

Deno.test("shuffle() is a permutation and leaves its input alone", () => {
  const input = Array.from({ length: 50 }, (_, i) => i);
  const out = createRandom(1).shuffle(input);
  assertEquals([...out].sort((x, y) => x - y), input);
  assertNotEquals(out, input);
});

Deno.test("deriveSeed() differs by label and is stable", () => {
  assertEquals(deriveSeed(42, "train", 1), deriveSeed(42, "train", 1));
  assertNotEquals(deriveSeed(42, "train", 1), deriveSeed(42, "train", 2));
  assertNotEquals(deriveSeed(42, "train", 1), deriveSeed(43, "train", 1));
});
