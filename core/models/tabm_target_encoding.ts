/**
 * Target encoding of categorical fields inside the tabular model's input stage (for feature sets without it,
 * such as the seed's one-hot columns): per field, the smoothed mean standardised target of the row's values,
 * `Σ y / (n + m)` (prior 0), averaged over its values, and the log of their mean count. Fitted on the bag's
 * training rows and saved in the model; the training rows themselves get out-of-fold values, so that no row
 * sees its own target. An actor's columns at different billing positions share one set of statistics.
 *
 * @module
 */
import type { CategoryField } from "../features/feature_layout.ts";
import { createRandom } from "../random.ts";
import type { Matrix } from "./tabm_inputs.ts";

/** The fitted statistics; part of the saved model. */
export interface CategoryTargets {
  /** Per field: its one-hot columns and, per column, the index of its value's statistics. */
  fields: { name: string; columns: number[]; keys: number[] }[];
  /** Per value: training rows that have it, and the sum of their standardised targets. */
  count: number[];
  sum: number[];
  /** Pseudo-count m of the smoothing. */
  smoothing: number;
}

/** Features per field: the encoding and its log count. */
export const TARGET_FEATURES = 2;

/** Options of {@link outOfFoldTargets}. */
export interface OutOfFoldOptions {
  /** @default 5 */
  folds?: number;
  /** Seed of the fold assignment. @default 0 */
  seed?: number;
}

function stats(
  m: Matrix,
  targets: Pick<CategoryTargets, "fields">,
  keys: number,
  rows: readonly number[],
  y: Float32Array,
) {
  const width = m.shape[1];
  const count = new Float64Array(keys);
  const sum = new Float64Array(keys);
  for (const r of rows) {
    const seen = new Set<number>();
    for (const f of targets.fields) {
      f.columns.forEach((c, j) => {
        if (m.data[r * width + c] !== 0) seen.add(f.keys[j]);
      });
    }
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
  const width = m.shape[1];
  let o = at;
  for (const f of targets.fields) {
    let te = 0;
    let n = 0;
    let values = 0;
    f.columns.forEach((c, j) => {
      if (m.data[r * width + c] === 0) return;
      const key = f.keys[j];
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
 * key (`CategoryField.keys`: an actor at any billing position) share their statistics.
 */
export function fitCategoryTargets(
  m: Matrix,
  fields: readonly CategoryField[],
  rows: readonly number[],
  y: Float32Array,
  smoothing = 10,
): CategoryTargets {
  const keyIndex = new Map<string, number>();
  const spec = {
    fields: fields.map((f) => ({
      name: f.name,
      columns: [...f.columns],
      keys: f.keys.map((key) => {
        if (!keyIndex.has(key)) keyIndex.set(key, keyIndex.size);
        return keyIndex.get(key)!;
      }),
    })),
  };
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
