import { assertEquals, assertNotEquals, assertTrue } from "../_assert.ts";
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

Deno.test("uint32() and next() are one stream: next() is the 32-bit draw over 2³²", () => {
  const a = createRandom(42);
  const b = createRandom(42);
  for (let i = 0; i < 100; i++) {
    const u = a.uint32();
    assertTrue(Number.isInteger(u) && u >= 0 && u < 2 ** 32, `draw ${i}: ${u}`);
    assertEquals(b.next(), u / 2 ** 32);
  }
  assertEquals(a.state(), b.state());
});

Deno.test("a seed gives the same draws on every machine (mulberry32)", () => {
  const rng = createRandom(42);
  assertEquals([rng.uint32(), rng.uint32()], [2581720956, 1925393290]);
});
