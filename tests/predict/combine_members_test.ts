import { assertAlmostEquals, assertEquals, assertThrows } from "../_assert.ts";
import { combineMembers } from "../../core/predict/combine_members.ts";

Deno.test("combineMembers() averages the members and gives their sample (n − 1) standard deviation as the spread", () => {
  const c = combineMembers([6, 7, 8]);
  assertEquals(c.score, 7);
  assertAlmostEquals(c.spread, 1, 1e-12, "√((1 + 0 + 1) / 2)");
  assertEquals([c.min, c.max], [6, 8]);
  assertEquals(combineMembers([6.5]), { score: 6.5, spread: 0, min: 6.5, max: 6.5 });
});

Deno.test("combineMembers() refuses no members and a non-finite score rather than returning NaN", () => {
  assertThrows(() => combineMembers([]), RangeError, "no members");
  assertThrows(() => combineMembers([6, NaN]), TypeError, "member 2 gave NaN");
  assertThrows(() => combineMembers([Infinity]), TypeError, "member 1");
});
