import { assertAlmostEquals, assertEquals, assertTrue } from "../_assert.ts";
import { featureLayout, valueKey } from "../../core/features/feature_layout.ts";
import { denseWidth, fitTabmInputs, type Matrix, prepareBatch } from "../../core/models/tabm_inputs.ts";
import {
  fitCategoryTargets,
  outOfFoldTargets,
  TARGET_FEATURES,
  writeTargetFeatures,
} from "../../core/models/tabm_target_encoding.ts";

/** 6 rows: actor X at billing 1 or 2, actor Y, or none; and a year one-hot. */
const NAMES = [
  "actor:actor1=X",
  "actor:actor1=Y",
  "actor:actor2=X",
  "year:1990",
  "year:2000",
  "year:unknown",
];
const M: Matrix = {
  data: Float32Array.from([
    [1, 0, 0, 1, 0, 0],
    [0, 1, 1, 0, 1, 0],
    [0, 0, 1, 0, 1, 0],
    [0, 1, 0, 0, 0, 1],
    [1, 0, 0, 1, 0, 0],
    [0, 0, 0, 0, 1, 0],
  ].flat()),
  shape: [6, 6],
};
const Y = Float32Array.from([1, -1, 2, -2, 3, 0]);

Deno.test("an actor's columns at every billing position share one key", () => {
  assertEquals(valueKey("actor:actor2=Tom Hanks"), "actor:Tom Hanks");
  assertEquals(valueKey("cat:country=USA"), "cat:country=USA");
  const layout = featureLayout(NAMES);
  assertEquals(layout.fields.map((f) => f.keys), [["actor:X", "actor:Y"], ["actor:X"], [
    "year:1990",
    "year:2000",
    "year:unknown",
  ]]);
});

Deno.test("target encoding is the smoothed mean target of a row's values, fitted on the given rows", () => {
  const layout = featureLayout(NAMES);
  const targets = fitCategoryTargets(M, layout.fields, [0, 1, 2, 3, 4], Y, { smoothing: 2 });
  // Actor X: rows 0, 1 (as actor 2), 2, 4 → targets 1, -1, 2, 3; Y: rows 1, 3 → -1, -2.
  const out = new Float32Array(3 * TARGET_FEATURES);
  writeTargetFeatures(targets, M, 1, out, 0);
  assertAlmostEquals(out[0], -3 / (2 + 2), 1e-6, "row 1's first-billed actor is Y");
  assertAlmostEquals(out[1], Math.log1p(2), 1e-6);
  assertAlmostEquals(out[2], 5 / (4 + 2), 1e-6, "its second-billed actor is X, with every billing pooled");
  writeTargetFeatures(targets, M, 5, out, 0);
  assertEquals(Array.from(out.subarray(0, 4)), [0, 0, 0, 0], "no actor: 0 and no count");
  assertAlmostEquals(
    out[4],
    (-1 + 2) / (2 + 2),
    1e-6,
    "row 5 (not fitted) gets the fitted year 2000 rows' mean",
  );
});

Deno.test("out-of-fold encodings never use a row's own target, and only training rows get them", () => {
  const layout = featureLayout(NAMES);
  const rows = [0, 1, 2, 3, 4];
  const targets = fitCategoryTargets(M, layout.fields, rows, Y);
  const oof = outOfFoldTargets(targets, M, rows, Y, { folds: 5, seed: 3 });
  const width = 3 * TARGET_FEATURES;
  assertTrue(Number.isNaN(oof[5 * width]), "row 5 is not a training row");
  // With 5 folds of 5 rows, each row's encoding comes from the 4 others: changing its own target changes nothing.
  const changed = Float32Array.from(Y, (v, i) => (i === 2 ? 100 : v));
  const again = outOfFoldTargets(fitCategoryTargets(M, layout.fields, rows, changed), M, rows, changed, {
    folds: 5,
    seed: 3,
  });
  assertEquals(
    Array.from(again.subarray(2 * width, 3 * width)),
    Array.from(oof.subarray(2 * width, 3 * width)),
  );
  const spec = fitTabmInputs(M, layout, rows, { bins: 0, targets: Y });
  const batch = prepareBatch(spec, M, [2, 5], undefined, oof);
  const d = denseWidth(spec);
  assertEquals(
    Array.from(batch.dense.subarray(d - width, d)),
    Array.from(oof.subarray(2 * width, 3 * width)),
  );
  const saved = new Float32Array(width);
  writeTargetFeatures(spec.targets!, M, 5, saved, 0);
  assertEquals(Array.from(batch.dense.subarray(2 * d - width, 2 * d)), Array.from(saved));
});

Deno.test("a year encoded one-hot is also read as one ordered number (missing when no year column is set)", () => {
  const layout = featureLayout(NAMES);
  assertEquals(layout.ordinals, [{ name: "year", columns: [3, 4], values: [1990, 2000] }]);
  const spec = fitTabmInputs(M, layout, [0, 1, 2, 3, 4, 5], { bins: 0, embedding: -1, minCount: 1 });
  assertEquals(spec.continuous.ordinals, [{ columns: [3, 4], values: [1990, 2000] }]);
  assertEquals(spec.continuous.center, [2000], "the median of the years present");
  const batch = prepareBatch(spec, M, [0, 3]);
  assertEquals(denseWidth(spec), 1);
  assertTrue(batch.dense[0] < 0, "1990 is below the median");
  assertEquals(batch.dense[1], 0, "an unknown year is the median");
});

Deno.test("the seed's keyword slots are one more field: a slot's vector is its keyword, in any slot", () => {
  // Two slots of 2 dims; keyword a = [1, 2], b = [3, 4], c = [5, 6] (only in row 3, not fitted); [0, 0] is empty.
  const names = ["kw:1_0", "kw:1_1", "kw:2_0", "kw:2_1"];
  const m: Matrix = {
    data: Float32Array.from([[1, 2, 3, 4], [3, 4, 0, 0], [0, 0, 1, 2], [5, 6, 1, 2]].flat()),
    shape: [4, 4],
  };
  const y = Float32Array.from([1, 2, 3, 10]);
  const layout = featureLayout(names);
  const targets = fitCategoryTargets(m, layout.fields, [0, 1, 2], y, { smoothing: 1, slots: layout.slots });
  assertEquals(targets.fields.map((f) => [f.name, f.keys.length]), [["keywords", 2]]);
  const out = new Float32Array(TARGET_FEATURES);
  writeTargetFeatures(targets, m, 0, out, 0);
  // a: rows 0 and 2 (slot 1, then slot 2) → (1 + 3) / (2 + 1); b: rows 0 and 1 → (1 + 2) / (2 + 1).
  assertAlmostEquals(out[0], (4 / 3 + 3 / 3) / 2, 1e-6);
  assertAlmostEquals(out[1], Math.log1p(2), 1e-6);
  writeTargetFeatures(targets, m, 3, out, 0);
  assertAlmostEquals(out[0], 4 / 3, 1e-6, "row 3's unknown keyword c is left out");
  const spec = fitTabmInputs(m, layout, [0, 1, 2], { bins: 0, targets: y, wordVectors: false });
  const loaded = JSON.parse(JSON.stringify(spec));
  assertEquals(
    Array.from(prepareBatch(loaded, m, [0, 3]).dense),
    Array.from(prepareBatch(spec, m, [0, 3]).dense),
  );
  assertEquals(denseWidth(spec), TARGET_FEATURES, "the keywords' encoding and count, and no word vectors");
});
