/**
 * The tabular model's input stage, on the host: from collect's feature vectors to what the network's first layer
 * reads. Continuous columns are robust-scaled (median, inter-quartile range) and smoothly clipped, then
 * piecewise-linear encoded over quantile bins (Gorishniy et al. 2022); flags pass through; word-vector columns
 * are robust-scaled and clipped; one-hot and multi-hot columns become (index, value) lists for the sparse first
 * layer. Everything is fitted on training rows only and saved in the model, so `deno task predict` and the
 * browser prepare a movie exactly as training did. Pure TypeScript: no tfjs.
 *
 * @module
 */
import type { FeatureLayout } from "../features/feature_layout.ts";
import {
  type CategoryTargets,
  fitCategoryTargets,
  nonZero,
  TARGET_FEATURES,
  writeTargetFeatures,
} from "./tabm_target_encoding.ts";

/** Per-column robust scaling: `(x − center) · factor`, then {@link smoothClip}. */
export interface ColumnScaling {
  /** Column indices into the feature vector. */
  columns: number[];
  center: number[];
  /** 0 for a column constant on the training rows. */
  factor: number[];
}

/** Everything the input stage fitted; part of the saved model. */
export interface TabmInputSpec {
  /** Width of collect's feature vectors. */
  width: number;
  /**
   * Continuous inputs: the `columns`, then one per `ordinals` group (the number of its non-zero one-hot column,
   * missing when none is); `center`, `factor` and the piecewise-linear bin `edges` (on the scaled value; `[]`:
   * none) cover both, in that order.
   */
  continuous: ColumnScaling & { edges: number[][]; ordinals: { columns: number[]; values: number[] }[] };
  /** Feed the scaled continuous value itself as well as its bins. */
  raw: boolean;
  /** 0/1 columns passed as they are (missing flags, and the one-hot columns of small categorical fields). */
  flags: number[];
  /** Word-vector columns. */
  vectors: ColumnScaling;
  /**
   * Word vectors by keyword slot (columns per slot), read as the mean of the row's non-zero slot vectors, then
   * scaled: `pooled.center` and `pooled.factor` per dimension (`pooled.columns` unused). Empty: none.
   */
  slots: number[][];
  pooled: ColumnScaling;
  /**
   * Categorical fields read through learned embeddings (the sum of the embeddings of a row's values): per field,
   * the one-hot columns with an embedding row of their own (seen in at least `minCount` training rows), then
   * one shared row for its `rare` columns. The table's rows are these, field after field.
   */
  fields: CategoryInput[];
  /** Width of each field's embedding. */
  embedding: number;
  /** Target encoding of every categorical field (see `tabm_target_encoding.ts`); `null`: none. */
  targets: CategoryTargets | null;
}

/** A categorical field as the model reads it. */
export interface CategoryInput {
  name: string;
  /** Columns with their own embedding row. */
  columns: number[];
  /** Columns seen in too few training rows: they share the field's last row ("other"). */
  rare: number[];
}

/** Options of {@link fitTabmInputs}. */
export interface TabmInputOptions {
  /** Piecewise-linear bins per continuous column (fewer when values repeat); 0 = no encoding. @default 16 */
  bins?: number;
  /** Also feed the scaled value of each continuous column. @default true */
  raw?: boolean;
  /**
   * Embedding width of the categorical fields with more than `embedAbove` columns; the others (all of them when
   * 0) are read as one-hot flags; below 0, the one-hot columns are not read at all (only their target
   * encodings, with `targets`). @default 16
   */
  embedding?: number;
  /**
   * Fields with more one-hot columns than this are embedded. One-hot flags learn better (embedding IMDB 5000's
   * ~250 actor columns cost 0.01–0.02 RMSE) and a dense layer over hundreds of them costs little; the seed's
   * ~13k director and actor columns need the embedding bag. @default 1024
   */
  embedAbove?: number;
  /**
   * A one-hot column seen in fewer training rows gets no embedding row of its own (it shares the field's "other"
   * row) and, as a flag, is left out (its weights could not be trained). @default 2
   */
  minCount?: number;
  /**
   * Read collect's keyword word vectors (the mean vector, or the seed's per-slot vectors). Off, they are left
   * out: Word2Vec fitted on a few thousand keyword lists gives near-unique vectors that a network memorises
   * (the seed's 300 dimensions: 0.73 → 0.67 test RMSE without them); the keywords' target encoding, where the
   * features have one, stays. @default true
   */
  wordVectors?: boolean;
  /**
   * Encode every categorical field by the smoothed mean of these standardised targets (one per matrix row; the
   * fitting rows' are used) — for feature sets that have no target encoding of their own. @default null
   */
  targets?: Float32Array | null;
}

/** A row-major float32 matrix in host memory. */
export interface Matrix {
  data: Float32Array;
  /** [rows, columns] */
  shape: readonly [number, number];
}

/** `x / sqrt(1 + (x / limit)²)`: about x near 0, tends to ±limit (RealMLP's smooth clipping). */
export function smoothClip(x: number, limit = 3): number {
  return x / Math.sqrt(1 + (x / limit) ** 2);
}

function quantile(sorted: Float64Array, q: number): number {
  const at = q * (sorted.length - 1);
  const lo = Math.floor(at);
  const hi = Math.min(sorted.length - 1, lo + 1);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (at - lo);
}

function columnValues(m: Matrix, column: number, rows: readonly number[]): Float64Array {
  const width = m.shape[1];
  const out = new Float64Array(rows.length);
  rows.forEach((r, i) => (out[i] = m.data[r * width + column]));
  return out.sort();
}

/**
 * Median and 1 / inter-quartile range of each column over `rows` (half the range where the quartiles agree; 0
 * for a constant column), as pytabkit's RealMLP robust scaling.
 */
export function fitScaling(m: Matrix, columns: readonly number[], rows: readonly number[]): ColumnScaling {
  const center: number[] = [];
  const factor: number[] = [];
  for (const c of columns) {
    const v = columnValues(m, c, rows);
    if (v.length === 0) {
      center.push(0);
      factor.push(1);
      continue;
    }
    let spread = quantile(v, 0.75) - quantile(v, 0.25);
    if (spread === 0) spread = 0.5 * (v[v.length - 1] - v[0]);
    center.push(quantile(v, 0.5));
    factor.push(spread > 0 ? 1 / spread : 0);
  }
  return { columns: [...columns], center, factor };
}

/** Distinct quantile edges of `values` (sorted) for `bins` bins; `[]` when fewer than two distinct values. */
export function quantileEdges(sorted: Float64Array, bins: number): number[] {
  if (bins <= 0 || sorted.length === 0) return [];
  const edges: number[] = [];
  for (let i = 0; i <= bins; i++) {
    const e = quantile(sorted, i / bins);
    if (edges.length === 0 || e > edges[edges.length - 1]) edges.push(e);
  }
  return edges.length >= 2 ? edges : [];
}

/** Fit the input stage on `rows` of `m` (the training rows of one bag). */
export function fitTabmInputs(
  m: Matrix,
  layout: FeatureLayout,
  rows: readonly number[],
  options: TabmInputOptions = {},
): TabmInputSpec {
  const {
    bins = 16,
    raw = true,
    embedding = 16,
    embedAbove = 1024,
    minCount = 2,
    wordVectors = true,
    targets = null,
  } = options;
  if (m.shape[1] !== layout.width) {
    throw new TypeError(
      `Cannot fit the inputs: the matrix has ${m.shape[1]} columns, the layout ${layout.width}`,
    );
  }
  const ordinals = layout.ordinals.map(({ columns, values }) => ({
    columns: [...columns],
    values: [...values],
  }));
  const derived = ordinalValues(m, ordinals, rows);
  const scaling = fitScaling(m, layout.continuous, rows);
  for (let o = 0; o < ordinals.length; o++) {
    const present = derived.filter((r) => !Number.isNaN(r[o])).map((r) => r[o]);
    const one = fitScaling(
      { data: Float32Array.from(present), shape: [present.length, 1] },
      [0],
      present.map((_, i) => i),
    );
    scaling.center.push(one.center[0]);
    scaling.factor.push(one.factor[0]);
  }
  const edges = [...layout.continuous, ...ordinals.map(() => -1)].map((c, j) => {
    const raw = c >= 0 ? columnValues(m, c, rows) : Float64Array.from(
      derived.map((r) => r[j - layout.continuous.length]).filter((v) => !Number.isNaN(v)),
    );
    const v = raw.map((x) => smoothClip((x - scaling.center[j]) * scaling.factor[j]));
    return quantileEdges(v.sort(), bins);
  });
  const width = m.shape[1];
  const seen = (c: number) => {
    let n = 0;
    for (const r of rows) if (m.data[r * width + c] !== 0) n++;
    return n >= minCount;
  };
  const embedded = layout.fields.filter((f) => embedding > 0 && f.columns.length > embedAbove);
  const hot = embedding < 0
    ? []
    : layout.fields.filter((f) => !embedded.includes(f)).flatMap((f) => f.columns).filter(seen);
  const keywordSlots = layout.slots.filter((s) => s.length > 0);
  const slots = wordVectors ? keywordSlots : [];
  const pooled = slots.length > 0
    ? poolSlots(m, slots, rows)
    : { data: new Float32Array(0), shape: [0, 0] as const };
  const pooledScaling = fitScaling(
    pooled,
    Array.from({ length: pooled.shape[1] }, (_, d) => d),
    pooled.shape[0] ? Array.from({ length: rows.length }, (_, i) => i) : [],
  );
  return {
    width: layout.width,
    continuous: { ...scaling, edges, ordinals },
    raw: raw || bins <= 0,
    flags: [...layout.flag, ...hot].sort((a, b) => a - b),
    vectors: fitScaling(m, wordVectors ? layout.vector : [], rows),
    slots: slots.map((s) => [...s]),
    pooled: pooledScaling,
    fields: embedded.map((f) => ({
      name: f.name,
      columns: f.columns.filter(seen),
      rare: f.columns.filter((c) => !seen(c)),
    })),
    embedding: embedded.length > 0 ? embedding : 0,
    targets: targets && (layout.fields.length > 0 || keywordSlots.length > 0)
      ? fitCategoryTargets(m, layout.fields, rows, targets, { slots: keywordSlots })
      : null,
  };
}

/** Per row of `rows`, the number each ordinal group's non-zero column stands for (NaN when none is). */
function ordinalValues(
  m: Matrix,
  ordinals: readonly { columns: number[]; values: number[] }[],
  rows: readonly number[],
): number[][] {
  const width = m.shape[1];
  return rows.map((r) =>
    ordinals.map(({ columns, values }) => {
      const at = columns.findIndex((c) => m.data[r * width + c] !== 0);
      return at < 0 ? NaN : values[at];
    })
  );
}

/** Columns of the dense part of the first layer's input (the field embeddings follow it). */
export function denseWidth(spec: TabmInputSpec): number {
  return flagOffset(spec) + spec.flags.length + spec.vectors.columns.length + spec.pooled.center.length +
    (spec.targets?.fields.length ?? 0) * TARGET_FEATURES;
}

/** Where the flags start in the dense part: after the continuous inputs and their bins. */
export function flagOffset(spec: TabmInputSpec): number {
  const bins = spec.continuous.edges.reduce((n, e) => n + Math.max(0, e.length - 1), 0);
  const inputs = spec.continuous.columns.length + spec.continuous.ordinals.length;
  return (spec.raw ? inputs : 0) + bins;
}

/** Whether every row of `m` holds only 0 or 1 in the flag columns (what {@link prepareBatch}'s `sparseFlags` needs). */
export function binaryFlags(spec: TabmInputSpec, m: Matrix): boolean {
  const width = m.shape[1];
  for (let r = 0; r < m.shape[0]; r++) {
    for (const c of spec.flags) {
      const v = m.data[r * width + c];
      if (v !== 0 && v !== 1) return false;
    }
  }
  return true;
}

/** Rows of the embedding table: per field, one per column with its own row, and the shared "other" row. */
export function embeddingRows(spec: TabmInputSpec): number {
  return spec.fields.reduce((n, f) => n + f.columns.length + 1, 0);
}

/**
 * The mean of each row's non-zero slot vectors (a slot of zeros is an empty keyword slot), for `rows` of `m`.
 * Shape: [rows, dim].
 */
export function poolSlots(m: Matrix, slots: readonly number[][], rows: readonly number[]): Matrix {
  const width = m.shape[1];
  const dim = slots[0]?.length ?? 0;
  const out = new Float32Array(rows.length * dim);
  rows.forEach((r, i) => {
    let n = 0;
    for (const slot of slots) {
      const base = r * width;
      if (!nonZero(m, r, slot)) continue;
      n++;
      for (let d = 0; d < dim; d++) out[i * dim + d] += m.data[base + slot[d]];
    }
    if (n > 1) { for (let d = 0; d < dim; d++) out[i * dim + d] /= n; }
  });
  return { data: out, shape: [rows.length, dim] };
}

/**
 * Piecewise-linear encoding of `x` over `edges` (T + 1 edges, T bins) into `out` at `at`: 1 for bins below x, the
 * fraction of x's bin, 0 above; the first bin is not clipped below, the last not above.
 */
export function encodePiecewise(x: number, edges: readonly number[], out: Float32Array, at: number): void {
  const bins = edges.length - 1;
  for (let t = 0; t < bins; t++) {
    let v = (x - edges[t]) / (edges[t + 1] - edges[t]);
    if (t > 0) v = Math.max(0, v);
    if (t < bins - 1) v = Math.min(1, v);
    out[at + t] = v;
  }
}

/** The categorical entries of some rows: for each row, the embedding rows of its values and their fields. */
export interface SparseRows {
  /** Row i's entries are `offsets[i] .. offsets[i + 1]`. Shape: [rows + 1]. */
  offsets: Int32Array;
  /** Embedding-table row of each entry. */
  index: Int32Array;
  /** Field of each entry (ascending within a row). */
  field: Int32Array;
}

/**
 * The categorical entries of `rows` of `m` (all by default): each non-zero one-hot column of an embedded field
 * with a row of its own, and the field's "other" row once when any of its rare columns is non-zero.
 */
export function sparseRows(spec: TabmInputSpec, m: Matrix, rows?: readonly number[]): SparseRows {
  const width = m.shape[1];
  const n = rows ? rows.length : m.shape[0];
  const offsets = new Int32Array(n + 1);
  const index: number[] = [];
  const field: number[] = [];
  for (let i = 0; i < n; i++) {
    const base = (rows ? rows[i] : i) * width;
    let row = 0;
    spec.fields.forEach((f, j) => {
      for (const c of f.columns) {
        if (m.data[base + c] !== 0) {
          index.push(row);
          field.push(j);
        }
        row++;
      }
      if (f.rare.some((c) => m.data[base + c] !== 0)) {
        index.push(row);
        field.push(j);
      }
      row++;
    });
    offsets[i + 1] = index.length;
  }
  return { offsets, index: Int32Array.from(index), field: Int32Array.from(field) };
}

/**
 * One batch as the network reads it. The embedding entries come twice: by segment (`row · fields + field`,
 * ascending, what the forward sum needs) and by embedding row (ascending, what its gradient needs).
 */
export interface TabmBatch {
  rows: number;
  /** Shape: [rows, denseWidth(spec)]. */
  dense: Float32Array;
  /** Segments: rows · fields. */
  segments: number;
  /** Embedding row and segment of each entry, by segment. */
  entryRow: Int32Array;
  entrySegment: Int32Array;
  /** The same entries by embedding row. */
  rowOrderRow: Int32Array;
  rowOrderSegment: Int32Array;
  /**
   * With `sparseFlags`: the flags that are 1, as entries (flag number, batch row) by row and by flag; `dense`
   * then leaves the flag columns out.
   */
  flags?: BatchEntries;
}

/** Entries of a sparse product: each entry's row of the weights and its segment, by segment and by row. */
export interface BatchEntries {
  entryRow: Int32Array;
  entrySegment: Int32Array;
  rowOrderRow: Int32Array;
  rowOrderSegment: Int32Array;
}

/**
 * {@link BatchEntries} from entries listed by segment: the same entries by row (of `rows`), in segment order
 * within a row (a counting sort).
 */
function byRowToo(entryRow: Int32Array, entrySegment: Int32Array, rows: number): BatchEntries {
  const start = new Int32Array(rows + 1);
  for (const r of entryRow) start[r + 1]++;
  for (let r = 0; r < rows; r++) start[r + 1] += start[r];
  const rowOrderRow = new Int32Array(entryRow.length);
  const rowOrderSegment = new Int32Array(entryRow.length);
  entryRow.forEach((r, j) => {
    const at = start[r]++;
    rowOrderRow[at] = r;
    rowOrderSegment[at] = entrySegment[j];
  });
  return { entryRow, entrySegment, rowOrderRow, rowOrderSegment };
}

/**
 * Assemble the batch of `rows` (indices into `m`, and into `sparse` when given: rows prepared once by
 * {@link sparseRows}; without it, the batch's entries are found here). One-hot columns count as 1 when not 0.
 * `outOfFold` (see `outOfFoldTargets`) gives the training rows' target encodings; other rows use the saved
 * statistics. With `sparseFlags` (training: every flag 0 or 1, see {@link binaryFlags}), the flags come as
 * entries instead of dense columns, so that the first layer adds their weights' rows instead of multiplying
 * zeros.
 */
export function prepareBatch(
  spec: TabmInputSpec,
  m: Matrix,
  rows: readonly number[],
  sparse?: SparseRows,
  outOfFold?: Float32Array,
  sparseFlags = false,
): TabmBatch {
  const width = m.shape[1];
  if (width !== spec.width) {
    throw new TypeError(
      `Cannot prepare the inputs: vectors have ${width} columns, the model reads ${spec.width}`,
    );
  }
  const d = denseWidth(spec) - (sparseFlags ? spec.flags.length : 0);
  const dense = new Float32Array(rows.length * d);
  const flagRow: number[] = [];
  const flagSegment: number[] = [];
  const { columns, center, factor, edges, ordinals } = spec.continuous;
  const derived = ordinalValues(m, ordinals, rows);
  const vec = spec.vectors;
  const pool = spec.slots.length > 0 ? poolSlots(m, spec.slots, rows) : null;
  const dim = spec.pooled.center.length;
  rows.forEach((r, i) => {
    const base = r * width;
    let o = i * d;
    for (let j = 0; j < center.length; j++) {
      const value = j < columns.length ? m.data[base + columns[j]] : derived[i][j - columns.length];
      const x = Number.isNaN(value) ? 0 : smoothClip((value - center[j]) * factor[j]);
      if (spec.raw) dense[o++] = x;
      if (edges[j].length > 1) {
        encodePiecewise(x, edges[j], dense, o);
        o += edges[j].length - 1;
      }
    }
    if (sparseFlags) {
      spec.flags.forEach((c, f) => {
        if (m.data[base + c] === 0) return;
        flagRow.push(f);
        flagSegment.push(i);
      });
    } else for (const c of spec.flags) dense[o++] = m.data[base + c];
    for (let j = 0; j < vec.columns.length; j++) {
      dense[o++] = smoothClip((m.data[base + vec.columns[j]] - vec.center[j]) * vec.factor[j]);
    }
    for (let j = 0; j < dim; j++) {
      dense[o++] = smoothClip((pool!.data[i * dim + j] - spec.pooled.center[j]) * spec.pooled.factor[j]);
    }
    if (spec.targets) {
      const te = spec.targets.fields.length * TARGET_FEATURES;
      if (outOfFold && !Number.isNaN(outOfFold[r * te])) {
        dense.set(outOfFold.subarray(r * te, (r + 1) * te), o);
      } else writeTargetFeatures(spec.targets, m, r, dense, o);
      o += te;
    }
  });
  const own = sparse ? null : sparseRows(spec, m, rows);
  const s = own ?? sparse!;
  const at = (i: number) => (own ? i : rows[i]);
  let n = 0;
  for (let i = 0; i < rows.length; i++) n += s.offsets[at(i) + 1] - s.offsets[at(i)];
  const entryRow = new Int32Array(n);
  const entrySegment = new Int32Array(n);
  const fields = spec.fields.length;
  let e = 0;
  for (let i = 0; i < rows.length; i++) {
    for (let j = s.offsets[at(i)]; j < s.offsets[at(i) + 1]; j++, e++) {
      entryRow[e] = s.index[j];
      entrySegment[e] = i * fields + s.field[j];
    }
  }
  return {
    rows: rows.length,
    dense,
    segments: rows.length * fields,
    ...byRowToo(entryRow, entrySegment, embeddingRows(spec)),
    ...(sparseFlags
      ? { flags: byRowToo(Int32Array.from(flagRow), Int32Array.from(flagSegment), spec.flags.length) }
      : {}),
  };
}

/**
 * Many rows prepared once (see {@link prepareRows}), from which {@link takeRows} assembles a batch by copying:
 * training encodes each of its rows once instead of once per epoch.
 */
export interface PreparedRows {
  /** The prepared rows as one batch. */
  batch: TabmBatch;
  /** Per row of the matrix, its place in `batch`; −1: not prepared. */
  place: Int32Array;
  /** Per place, where its entries start in `batch.entryRow` (and their end, at the next place). */
  entryStart: Int32Array;
  /** The same for `batch.flags`. */
  flagStart: Int32Array | null;
}

/** Where each segment's entries start, for `places` rows of `perRow` segments each. */
function segmentStarts(entrySegment: Int32Array, places: number, perRow: number): Int32Array {
  const start = new Int32Array(places + 1);
  for (const segment of entrySegment) start[Math.floor(segment / perRow) + 1]++;
  for (let i = 0; i < places; i++) start[i + 1] += start[i];
  return start;
}

/** Prepare `rows` of `m` once, as {@link prepareBatch} would (the same arguments). */
export function prepareRows(...args: Parameters<typeof prepareBatch>): PreparedRows {
  const [spec, m, rows] = args;
  const batch = prepareBatch(...args);
  const place = new Int32Array(m.shape[0]).fill(-1);
  rows.forEach((r, i) => (place[r] = i));
  return {
    batch,
    place,
    entryStart: segmentStarts(batch.entrySegment, rows.length, Math.max(1, spec.fields.length)),
    flagStart: batch.flags ? segmentStarts(batch.flags.entrySegment, rows.length, 1) : null,
  };
}

/**
 * The batch of `rows` (each one of the prepared rows), copied from `prepared`: the same as `prepareBatch` with the
 * arguments the rows were prepared with.
 *
 * @throws {RangeError} when a row was not prepared.
 */
export function takeRows(spec: TabmInputSpec, prepared: PreparedRows, rows: readonly number[]): TabmBatch {
  const { batch, place, entryStart, flagStart } = prepared;
  const width = batch.dense.length / Math.max(1, batch.rows);
  const fields = spec.fields.length;
  const places = rows.map((r) => {
    const at = place[r] ?? -1;
    if (at < 0) throw new RangeError(`Cannot take row ${r}: it was not prepared`);
    return at;
  });
  const dense = new Float32Array(rows.length * width);
  places.forEach((at, i) => dense.set(batch.dense.subarray(at * width, (at + 1) * width), i * width));
  /** The entries of the taken rows, by segment, renumbered (`perRow` segments a row). */
  const take = (entries: BatchEntries, start: Int32Array, perRow: number, tableRows: number) => {
    const n = places.reduce((sum, at) => sum + start[at + 1] - start[at], 0);
    const entryRow = new Int32Array(n);
    const entrySegment = new Int32Array(n);
    let e = 0;
    places.forEach((at, i) => {
      for (let j = start[at]; j < start[at + 1]; j++, e++) {
        entryRow[e] = entries.entryRow[j];
        entrySegment[e] = entries.entrySegment[j] - at * perRow + i * perRow;
      }
    });
    return byRowToo(entryRow, entrySegment, tableRows);
  };
  return {
    rows: rows.length,
    dense,
    segments: rows.length * fields,
    ...take(batch, entryStart, fields, embeddingRows(spec)),
    ...(batch.flags && flagStart ? { flags: take(batch.flags, flagStart, 1, spec.flags.length) } : {}),
  };
}
