import { assertAlmostEquals, assertEquals, assertThrows } from "../_assert.ts";
import { combineMembers } from "../../core/predict/combine_members.ts";

Deno.test("combineMembers() averages the members and gives their standard deviation as the spread", () => {
  const c = combineMembers([6, 7, 8]);
  assertEquals(c.score, 7);
  assertAlmostEquals(c.spread, Math.sqrt(2 / 3), 1e-12);
  assertEquals([c.min, c.max], [6, 8]);
  assertEquals(combineMembers([6.5]), { score: 6.5, spread: 0, min: 6.5, max: 6.5 });
});

Deno.test("combineMembers() refuses no members and a non-finite score rather than returning NaN", () => {
  assertThrows(() => combineMembers([]), RangeError, "no members");
  assertThrows(() => combineMembers([6, NaN]), TypeError, "member 2 gave NaN");
  assertThrows(() => combineMembers([Infinity]), TypeError, "member 1");
});
