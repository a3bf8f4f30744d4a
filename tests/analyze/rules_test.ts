import { assertAlmostEquals, assertEquals, assertThrows } from "../_assert.ts";
import { percentError } from "../../core/analyze/percent_error.ts";
import { largestAbsoluteErrors, percentErrorOutliers } from "../../core/analyze/outliers.ts";
import { histogram } from "../../core/analyze/histogram.ts";

Deno.test("percentError() is 100 · (predicted − actual) / actual, positive for over-prediction", () => {
  const pe = percentError([5, 8, 4], [6, 6, 4]);
  assertAlmostEquals(pe[0], 20);
  assertAlmostEquals(pe[1], -25);
  assertAlmostEquals(pe[2], 0);
  assertThrows(() => percentError([0], [1]), RangeError, "actual value is 0");
  assertThrows(() => percentError([1, 2], [1]), TypeError);
});

Deno.test("percentErrorOutliers() keeps rows strictly beyond one sd of the mean percent error (the seed's rule)", () => {
  // mean 0, sample sd of [-2, -1, 0, 1, 2] is sqrt(2.5) ≈ 1.58: only ±2 lie beyond.
  const o = percentErrorOutliers([-2, -1, 0, 1, 2]);
  assertAlmostEquals(o.mean, 0);
  assertAlmostEquals(o.sd, Math.sqrt(2.5), 1e-12);
  assertEquals(o.indices, [0, 4]);
  assertAlmostEquals(o.low, -Math.sqrt(2.5), 1e-12);
  // A value exactly at mean + sd is not an outlier: [0, 0, 3, 3] has mean 1.5, sd √3 ≈ 1.73 → none beyond.
  assertEquals(percentErrorOutliers([0, 0, 3, 3]).indices, []);
});

Deno.test("largestAbsoluteErrors() lists the biggest |predicted − actual| first, ties by row order", () => {
  assertEquals(largestAbsoluteErrors([5, 5, 5, 5], [6, 3, 5, 4], 3), [1, 0, 3]);
  assertEquals(largestAbsoluteErrors([1, 1], [2, 0], 20), [0, 1]);
});

Deno.test("histogram() bins every series on shared nice edges, with densities that integrate to 1", () => {
  const h = histogram([{ name: "a", values: [1, 1.2, 2.9, 3] }, { name: "b", values: [2, 2.5] }], "unit", {
    bins: 4,
  });
  assertEquals(h.binWidth, 0.5);
  const a = h.bins.filter((b) => b.series === "a");
  const b = h.bins.filter((b) => b.series === "b");
  assertEquals(a.map((x) => x.x0), b.map((x) => x.x0));
  assertEquals(a.reduce((s, x) => s + x.count, 0), 4);
  assertEquals(a[a.length - 1].count, 2, "the maximum falls in the last bin");
  assertAlmostEquals(a.reduce((s, x) => s + x.density * (x.x1 - x.x0), 0), 1, 1e-12);
  assertEquals(h.fits.map((f) => f.series), ["a", "b"]);
  assertEquals(h.curves.filter((c) => c.series === "a").length, 80);
});
