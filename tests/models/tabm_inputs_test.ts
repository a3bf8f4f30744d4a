import { assertAlmostEquals, assertEquals, assertThrows, assertTrue } from "../_assert.ts";
import { featureLayout } from "../../core/features/feature_layout.ts";
import {
  binaryFlags,
  denseWidth,
  embeddingRows,
  encodePiecewise,
  fitScaling,
  fitTabmInputs,
  flagOffset,
  type Matrix,
  poolSlots,
  prepareBatch,
  prepareRows,
  quantileEdges,
  smoothClip,
  sparseRows,
  takeRows,
} from "../../core/models/tabm_inputs.ts";

/** 8 rows: a number, a flag, a 3-valued field (kept as flags) and a 5-valued field (embedded with width 2). */
const NAMES = [
  "num:x",
  "missing:x",
  "cat:color=a",
  "cat:color=b",
  "cat:color=c",
  "director:d1",
  "director:d2",
  "director:d3",
  "director:d4",
  "director:d5",
];
function matrix(): Matrix {
  const rows = [
    [1, 0, 1, 0, 0, 1, 0, 0, 0, 0],
    [2, 0, 0, 1, 0, 0, 1, 0, 0, 0],
    [3, 0, 0, 0, 1, 0, 0, 1, 0, 0],
    [4, 1, 1, 0, 0, 0, 0, 0, 1, 0],
    [5, 0, 0, 1, 0, 0, 0, 0, 0, 1],
    [6, 0, 0, 0, 1, 0, 0, 0, 0, 0],
    [7, 0, 1, 0, 0, 1, 0, 0, 0, 0],
    [1000, 0, 0, 1, 0, 0, 1, 0, 0, 0],
  ];
  return { data: Float32Array.from(rows.flat()), shape: [rows.length, NAMES.length] };
}

Deno.test("smoothClip() is about x near 0 and tends to ±3", () => {
  assertAlmostEquals(smoothClip(0.1), 0.1, 1e-3);
  assertAlmostEquals(smoothClip(1e6), 3, 1e-5);
  assertAlmostEquals(smoothClip(-1e6), -3, 1e-5);
  assertTrue(smoothClip(4) < smoothClip(5), "monotonic");
});

Deno.test("fitScaling() centres on the median and scales by the inter-quartile range of the given rows only", () => {
  const m = matrix();
  const s = fitScaling(m, [0, 1], [0, 1, 2, 3, 4]);
  assertEquals(s.center, [3, 0]);
  assertEquals(s.factor[0], 1 / (4 - 2));
  assertEquals(s.factor[1], 1 / 0.5, "quartiles agree: half the range");
  assertEquals(fitScaling(m, [1], [0, 1, 2]).factor, [0], "a constant column scales to 0");
});

Deno.test("quantileEdges() drops repeated edges and gives none for a constant column", () => {
  assertEquals(quantileEdges(Float64Array.from([0, 1, 2, 3, 4]), 4), [0, 1, 2, 3, 4]);
  assertEquals(quantileEdges(Float64Array.from([0, 0, 0, 0, 4]), 4), [0, 4]);
  assertEquals(quantileEdges(Float64Array.from([2, 2, 2]), 4), []);
});

Deno.test("encodePiecewise() fills lower bins, the fraction of its own, and leaves the ends unclipped outward", () => {
  const out = new Float32Array(3);
  const cases: [number, number[]][] = [
    [1.5, [1, 0.5, 0]],
    [0, [0, 0, 0]],
    [-1, [-1, 0, 0]],
    [3, [1, 1, 1]],
    [5, [1, 1, 3]],
  ];
  for (const [x, want] of cases) {
    encodePiecewise(x, [0, 1, 2, 3], out, 0);
    assertEquals(Array.from(out), want, `x = ${x}`);
  }
});

Deno.test("fitTabmInputs() embeds large fields, keeps small ones as flags and fits on the given rows", () => {
  assertEquals(
    fitTabmInputs(matrix(), featureLayout(NAMES), [0, 1, 2]).fields,
    [],
    "5 columns: flags by default",
  );
  const m = matrix();
  const layout = featureLayout(NAMES);
  const spec = fitTabmInputs(m, layout, [0, 1, 2, 3, 4, 5, 6], {
    bins: 4,
    embedding: 3,
    embedAbove: 3,
    minCount: 1,
  });
  assertEquals(spec.flags, [1, 2, 3, 4], "the missing flag and the 3-valued field");
  assertEquals(spec.fields, [{ name: "director", columns: [5, 6, 7, 8, 9], rare: [] }]);
  assertEquals(spec.embedding, 3);
  assertEquals(embeddingRows(spec), 6, "a row per director and the shared other row");
  const twice = fitTabmInputs(m, layout, [0, 1, 2, 3, 4, 5, 6], { bins: 4, embedding: 3, embedAbove: 3 });
  assertEquals(
    twice.fields[0],
    { name: "director", columns: [5], rare: [6, 7, 8, 9] },
    "d1 alone is seen twice",
  );
  assertEquals(spec.continuous.center, [4], "row 7's outlier was not a training row");
  assertEquals(spec.continuous.edges[0].length, 5);
  assertEquals(denseWidth(spec), 1 + 4 + 4, "raw value, 4 bins, 4 flags");
  const none = fitTabmInputs(m, layout, [0, 1, 2], { bins: 0, embedding: 0 });
  assertEquals(none.fields, []);
  assertEquals(none.flags, [1], "one-hot columns seen in fewer than 2 of the rows are left out");
  assertEquals(denseWidth(none), 1 + 1);
  assertThrows(() => fitTabmInputs(m, featureLayout(NAMES.slice(1)), [0]), TypeError, "columns");
});

/** The input stage fitted on rows 0–6 with 4 bins, the directors embedded (width 3). */
function fittedOnSeven(m: Matrix) {
  return fitTabmInputs(m, featureLayout(NAMES), [0, 1, 2, 3, 4, 5, 6], {
    bins: 4,
    embedding: 3,
    embedAbove: 3,
  });
}

Deno.test("prepareBatch() gives the dense inputs and each row's embedding entries, by segment and by row", () => {
  const m = matrix();
  const spec = fittedOnSeven(m);
  const rows = [6, 5, 1];
  const batch = prepareBatch(spec, m, rows);
  assertEquals(batch.rows, 3);
  assertEquals(batch.dense.length, 3 * denseWidth(spec));
  const x = (7 - 4) / (5.5 - 2.5);
  assertAlmostEquals(batch.dense[0], smoothClip(x), 1e-6, "scaled and clipped raw value");
  assertEquals(Array.from(batch.dense.subarray(5, 9)), [0, 1, 0, 0], "flags of row 6");
  assertEquals(batch.segments, 3, "3 rows × 1 field");
  assertEquals(Array.from(batch.entryRow), [0, 1], "d1, none for row 5, and d2 (rare: the other row)");
  assertEquals(Array.from(batch.entrySegment), [0, 2]);
  assertEquals(Array.from(batch.rowOrderRow), [0, 1]);
  const prepared = prepareBatch(spec, m, rows, sparseRows(spec, m));
  assertEquals(prepared, batch, "entries prepared once for all rows give the same batch");
});

Deno.test("prepareBatch() with sparse flags leaves the flag columns out and lists the flags set, by row and by flag", () => {
  const m = matrix();
  const spec = fittedOnSeven(m);
  assertEquals(flagOffset(spec), 5, "the raw value and its 4 bins come first");
  assertEquals(spec.flags.length, 4, "missing:x and the 3 colours");
  const rows = [6, 5, 1];
  const dense = prepareBatch(spec, m, rows);
  const sparse = prepareBatch(spec, m, rows, undefined, undefined, true);
  const width = denseWidth(spec);
  assertEquals(sparse.dense.length, 3 * (width - 4));
  const withoutFlags = rows.flatMap((_, i) => {
    const row = Array.from(dense.dense.subarray(i * width, (i + 1) * width));
    return [...row.slice(0, 5), ...row.slice(9)];
  });
  assertEquals(Array.from(sparse.dense), withoutFlags);
  // Row 6 has colour a (flag 1), row 5 colour c (flag 3), row 1 colour b (flag 2); none is missing.
  assertEquals(Array.from(sparse.flags!.entryRow), [1, 3, 2]);
  assertEquals(Array.from(sparse.flags!.entrySegment), [0, 1, 2]);
  assertEquals(Array.from(sparse.flags!.rowOrderRow), [1, 2, 3]);
  assertEquals(Array.from(sparse.flags!.rowOrderSegment), [0, 2, 1]);
  assertEquals(Array.from(sparse.entryRow), Array.from(dense.entryRow), "the fields' entries are unchanged");
  assertEquals(dense.flags, undefined);
  assertTrue(binaryFlags(spec, m));
  const half = { data: m.data.slice(), shape: m.shape };
  half.data[1] = 0.5;
  assertEquals(binaryFlags(spec, half), false, "a flag of 0.5 cannot be read as an entry");
});

Deno.test("keyword slot vectors are read as the mean of a row's non-empty slots", () => {
  const names = ["kw:1_0", "kw:1_1", "kw:2_0", "kw:2_1", "kw:3_0", "kw:3_1"];
  const layout = featureLayout(names);
  assertEquals(layout.slots, [[0, 1], [2, 3], [4, 5]]);
  const m: Matrix = { data: Float32Array.from([1, 2, 3, 4, 0, 0, 5, 6, 0, 0, 0, 0]), shape: [2, 6] };
  assertEquals(Array.from(poolSlots(m, layout.slots, [0, 1]).data), [2, 3, 5, 6], "empty slots do not count");
  const spec = fitTabmInputs(m, layout, [0, 1], { bins: 0 });
  assertEquals(denseWidth(spec), 2);
  assertEquals(spec.pooled.center, [3.5, 4.5]);
});

Deno.test("without word vectors, neither the mean keyword vector nor the seed's slot vectors are read", () => {
  const names = ["num:x", "kw:0", "kw:1", "kw:1_0", "kw:1_1", "kw:2_0", "kw:2_1"];
  const layout = featureLayout(names);
  const m: Matrix = { data: Float32Array.from([1, 2, 3, 4, 5, 6, 7, 2, 3, 4, 5, 6, 7, 8]), shape: [2, 7] };
  const read = fitTabmInputs(m, layout, [0, 1], { bins: 0 });
  assertEquals(denseWidth(read), 1 + 2 + 2, "the number, the mean vector and the pooled slots");
  const skipped = fitTabmInputs(m, layout, [0, 1], { bins: 0, wordVectors: false });
  assertEquals([skipped.vectors.columns, skipped.slots, denseWidth(skipped)], [[], [], 1]);
  assertEquals(Array.from(prepareBatch(skipped, m, [1]).dense), [Math.fround(smoothClip(1))]);
});

Deno.test("takeRows() copies from rows prepared once the batch prepareBatch() gives, flags as entries or not", () => {
  const m = matrix();
  const spec = fittedOnSeven(m);
  assertEquals(spec.fields.length, 1, "the directors are embedded: their entries are taken too");
  for (const sparseFlags of [false, true]) {
    const prepared = prepareRows(spec, m, [7, 0, 2, 3, 5, 6, 1], undefined, undefined, sparseFlags);
    for (const rows of [[6, 5, 1], [1, 1, 7], [0], []]) {
      assertEquals(
        takeRows(spec, prepared, rows),
        prepareBatch(spec, m, rows, undefined, undefined, sparseFlags),
      );
    }
    assertThrows(() => takeRows(spec, prepared, [4]), RangeError, "row 4: it was not prepared");
  }
});
