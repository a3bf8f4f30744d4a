/**
 * Target encoding of categorical fields inside the tabular model's input stage (for feature sets without it,
 * such as the seed's one-hot columns): per field, the smoothed mean standardised target of the row's values,
 * `Σ y / (n + m)` (prior 0), averaged over its values, and the log of their mean count. Fitted on the bag's
 * training rows and saved in the model; the training rows themselves get out-of-fold values, so that no row
 * sees its own target. An actor's columns at different billing positions share one set of statistics. The
 * seed's plot keywords, which reach the model only as per-slot word vectors, are one more field: a slot's
 * vector stands for its keyword, known by a hash of its values.
 *
 * @module
 */
import type { CategoryField } from "../features/feature_layout.ts";
import { createRandom } from "../random.ts";
import type { Matrix } from "./tabm_inputs.ts";

/** A categorical field as the target encoding reads it. */
export interface TargetField {
  name: string;
  /** One-hot columns, each a value (`[]` for a field of word-vector slots). */
  columns: number[];
  /** Per column, or per known slot vector (`vectors`), the index of its value's statistics. */
  keys: number[];
  /** Word-vector slots (columns per slot): each non-zero slot's vector is one value. */
  slots?: number[][];
  /** The {@link vectorHash} of each known slot vector, parallel to `keys`. */
  vectors?: number[];
}

/** The fitted statistics; part of the saved model. */
export interface CategoryTargets {
  fields: TargetField[];
  /** Per value: training rows that have it, and the sum of their standardised targets. */
  count: number[];
  sum: number[];
  /** Pseudo-count m of the smoothing. */
  smoothing: number;
}

/** Features per field: the encoding and its log count. */
export const TARGET_FEATURES = 2;

/** Options of {@link fitCategoryTargets}. */
export interface CategoryTargetOptions {
  /** Pseudo-count m of the smoothing. @default 10 */
  smoothing?: number;
  /** Word-vector slots (the seed's keyword slots), fitted as one more field, `keywords`. @default [] */
  slots?: readonly number[][];
}

/** Options of {@link outOfFoldTargets}. */
export interface OutOfFoldOptions {
  /** @default 5 */
  folds?: number;
  /** Seed of the fold assignment. @default 0 */
  seed?: number;
}

/** FNV-1a hash of the float32 bits of `columns` of row `r`: the identity of a word-vector slot's value. */
export function vectorHash(m: Matrix, r: number, columns: readonly number[]): number {
  const bits = new Uint32Array(m.data.buffer, m.data.byteOffset, m.data.length);
  const base = r * m.shape[1];
  let h = 0x811c9dc5;
  for (const c of columns) {
    let v = bits[base + c];
    for (let b = 0; b < 4; b++, v >>>= 8) h = Math.imul(h ^ (v & 0xff), 0x01000193);
  }
  return h >>> 0;
}

/** Whether any of `columns` of row `r` is non-zero (a word-vector slot holding a keyword). */
export function nonZero(m: Matrix, r: number, columns: readonly number[]): boolean {
  const base = r * m.shape[1];
  return columns.some((c) => m.data[base + c] !== 0);
}

const vectorKeys = new WeakMap<TargetField, Map<number, number>>();

/** Call `each` with the statistics index of every value of field `f` in row `r` (unknown values skipped). */
function forEachKey(f: TargetField, m: Matrix, r: number, each: (key: number) => void): void {
  const width = m.shape[1];
  f.columns.forEach((c, j) => {
    if (m.data[r * width + c] !== 0) each(f.keys[j]);
  });
  if (!f.slots) return;
  let known = vectorKeys.get(f);
  if (!known) {
    known = new Map(f.vectors!.map((h, j) => [h, f.keys[j]]));
    vectorKeys.set(f, known);
  }
  for (const slot of f.slots) {
    if (!nonZero(m, r, slot)) continue;
    const key = known.get(vectorHash(m, r, slot));
    if (key !== undefined) each(key);
  }
}

function stats(
  m: Matrix,
  targets: Pick<CategoryTargets, "fields">,
  keys: number,
  rows: readonly number[],
  y: Float32Array,
) {
  const count = new Float64Array(keys);
  const sum = new Float64Array(keys);
  for (const r of rows) {
    const seen = new Set<number>();
    for (const f of targets.fields) forEachKey(f, m, r, (key) => seen.add(key));
    for (const key of seen) {
      count[key]++;
      sum[key] += y[r];
    }
  }
  return { count, sum };
}

/**
 * Write the `TARGET_FEATURES` features of each field of row `r` into `out` at `at`, from `count` and `sum` (the
 * saved statistics, or out-of-fold ones with `countScale` = folds / (folds − 1)).
 */
export function writeTargetFeatures(
  targets: CategoryTargets,
  m: Matrix,
  r: number,
  out: Float32Array,
  at: number,
  count: ArrayLike<number> = targets.count,
  sum: ArrayLike<number> = targets.sum,
  countScale = 1,
): void {
  let o = at;
  for (const f of targets.fields) {
    let te = 0;
    let n = 0;
    let values = 0;
    forEachKey(f, m, r, (key) => {
      te += sum[key] / (count[key] + targets.smoothing);
      n += count[key];
      values++;
    });
    out[o++] = values > 0 ? te / values : 0;
    out[o++] = values > 0 ? Math.log1p((n / values) * countScale) : 0;
  }
}

/**
 * Fit the statistics of `fields` on `rows` (standardised targets `y`, one per matrix row). Columns with the same
 * key (`CategoryField.keys`: an actor at any billing position) share their statistics. With word-vector `slots`,
 * the vectors seen in `rows` are one more field, `keywords`.
 */
export function fitCategoryTargets(
  m: Matrix,
  fields: readonly CategoryField[],
  rows: readonly number[],
  y: Float32Array,
  options: CategoryTargetOptions = {},
): CategoryTargets {
  const { smoothing = 10, slots = [] } = options;
  const keyIndex = new Map<string, number>();
  const index = (key: string) => {
    if (!keyIndex.has(key)) keyIndex.set(key, keyIndex.size);
    return keyIndex.get(key)!;
  };
  const spec: Pick<CategoryTargets, "fields"> = {
    fields: fields.map((f) => ({ name: f.name, columns: [...f.columns], keys: f.keys.map(index) })),
  };
  if (slots.length > 0) {
    const vectors = new Set<number>();
    for (const r of rows) {
      for (const slot of slots) if (nonZero(m, r, slot)) vectors.add(vectorHash(m, r, slot));
    }
    spec.fields.push({
      name: "keywords",
      columns: [],
      keys: [...vectors].map((h) => index(`keywords#${h}`)),
      slots: slots.map((slot) => [...slot]),
      vectors: [...vectors],
    });
  }
  const all = stats(m, spec, keyIndex.size, rows, y);
  return {
    ...spec,
    count: Array.from(all.count),
    sum: Array.from(all.sum, (v) => Number(v.toPrecision(9))),
    smoothing,
  };
}

/**
 * The features of the training `rows` from the other folds' statistics only (no row sees its own target), per
 * matrix row (NaN for rows not in `rows`). Shape: [matrix rows, fields · TARGET_FEATURES].
 */
export function outOfFoldTargets(
  targets: CategoryTargets,
  m: Matrix,
  rows: readonly number[],
  y: Float32Array,
  options: OutOfFoldOptions = {},
): Float32Array {
  const { folds = 5, seed = 0 } = options;
  const width = targets.fields.length * TARGET_FEATURES;
  const out = new Float32Array(m.shape[0] * width).fill(NaN);
  const order = createRandom(seed).shuffle(rows);
  for (let fold = 0; fold < folds; fold++) {
    const held = order.filter((_, i) => i % folds === fold);
    const rest = order.filter((_, i) => i % folds !== fold);
    const s = stats(m, targets, targets.count.length, rest, y);
    for (const r of held) {
      writeTargetFeatures(targets, m, r, out, r * width, s.count, s.sum, folds / (folds - 1));
    }
  }
  return out;
}
