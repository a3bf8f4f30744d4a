import { assertEquals, assertTrue } from "./_assert.ts";
import { createRandom } from "../core/random.ts";

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
