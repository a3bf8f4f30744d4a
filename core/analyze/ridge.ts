/**
 * Ridge regression in closed form, a simple linear baseline for the networks.
 *
 * @module
 */

/** A fitted ridge model on standardised inputs. */
export interface RidgeModel {
  /** Column means and standard deviations of the training inputs (sd 0: the column is ignored). Shape: [features]. */
  means: Float64Array;
  sds: Float64Array;
  /** Weights on the standardised columns. Shape: [features]. */
  weights: Float64Array;
  /** The training targets' mean (the intercept is not penalised). */
  intercept: number;
  lambda: number;
}

/**
 * Fit ridge regression `min ‖y − ȳ − Zw‖² + λ‖w‖²` where Z is X with each column standardised (population sd,
 * as scikit-learn's StandardScaler) on the given rows, by solving (ZᵀZ + λI) w = Zᵀ(y − ȳ) with a Cholesky
 * factorisation, or, with more columns than rows, its dual form (an n × n system: the same weights, far faster
 * on the seed features' 15k columns). Constant columns get weight 0. `x` is row-major. Shape: x [rows, features],
 * y [rows]; `rows` picks the training rows (all when omitted).
 *
 * @param options.lambda The penalty, ≥ 0 (in units of squared standardised inputs). @default 1
 */
export function fitRidge(
  x: ArrayLike<number>,
  features: number,
  y: ArrayLike<number>,
  rows: readonly number[] = Array.from({ length: y.length }, (_, i) => i),
  { lambda = 1 }: { lambda?: number } = {},
): RidgeModel {
  if (!(lambda >= 0)) throw new RangeError(`Cannot fit ridge regression: lambda must be ≥ 0, got ${lambda}`);
  if (x.length !== y.length * features) {
    throw new TypeError(
      `Cannot fit ridge regression: ${x.length} inputs do not make ${y.length} rows of ${features}`,
    );
  }
  const n = rows.length;
  if (n < 2) throw new RangeError(`Cannot fit ridge regression: need 2 or more rows, got ${n}`);
  if (features > n && lambda > 0) return fitRidgeDual(x, features, y, rows, lambda);
  const f = features;
  // Raw sums, exploiting zeros (one-hot features), then centred and scaled: ZᵀZ = D⁻¹(XᵀX − n μμᵀ)D⁻¹.
  const sum = new Float64Array(f);
  const gram = new Float64Array(f * f);
  const xy = new Float64Array(f);
  let sumY = 0;
  const nz = new Int32Array(f);
  for (const r of rows) {
    const base = r * f;
    let count = 0;
    for (let j = 0; j < f; j++) if (x[base + j] !== 0) nz[count++] = j;
    const yr = y[r];
    sumY += yr;
    for (let a = 0; a < count; a++) {
      const j = nz[a];
      const v = x[base + j];
      sum[j] += v;
      xy[j] += v * yr;
      const row = j * f;
      for (let b = a; b < count; b++) gram[row + nz[b]] += v * x[base + nz[b]];
    }
  }
  const means = sum.map((s) => s / n);
  const meanY = sumY / n;
  const sds = means.map((m, j) => columnSd(gram[j * f + j] / n, m));
  // A = ZᵀZ + λI (upper triangle filled from the raw sums), c = Zᵀ(y − ȳ).
  const a = new Float64Array(f * f);
  const c = new Float64Array(f);
  for (let j = 0; j < f; j++) {
    if (sds[j] === 0) {
      a[j * f + j] = 1;
      continue;
    }
    c[j] = (xy[j] - n * means[j] * meanY) / sds[j];
    for (let k = j; k < f; k++) {
      if (sds[k] === 0) continue;
      const v = (gram[j * f + k] - n * means[j] * means[k]) / (sds[j] * sds[k]);
      a[j * f + k] = v;
      a[k * f + j] = v;
    }
    a[j * f + j] += lambda;
  }
  const weights = choleskySolve(a, c, f);
  for (let j = 0; j < f; j++) if (sds[j] === 0) weights[j] = 0;
  return { means, sds, weights, intercept: meanY, lambda };
}

/**
 * A column's population sd from its mean square and mean; 0 (the column is ignored) when the variance is only
 * rounding error, so both forms of the fit leave out the same constant columns.
 */
function columnSd(meanSquare: number, mean: number): number {
  const v = meanSquare - mean * mean;
  return v > 1e-12 * Math.max(1, mean * mean) ? Math.sqrt(v) : 0;
}

/**
 * {@link fitRidge} in its dual form, for more columns than rows (the seed features' 15k columns on 3k rows):
 * w = Zᵀα with (ZZᵀ + λI) α = y − ȳ, the same weights as the primal solution, at the cost of an n × n system
 * instead of a features × features one. ZZᵀ is built from the rows' non-zero entries, column by column (the
 * columns non-zero in over half the rows as one dense matrix product):
 * ZZᵀ[r,t] = Σⱼ xᵣⱼxₜⱼ/σⱼ² − uᵣ − uₜ + c with uᵣ = Σⱼ xᵣⱼμⱼ/σⱼ² and c = Σⱼ μⱼ²/σⱼ².
 */
function fitRidgeDual(
  x: ArrayLike<number>,
  f: number,
  y: ArrayLike<number>,
  rows: readonly number[],
  lambda: number,
): RidgeModel {
  const n = rows.length;
  const sum = new Float64Array(f);
  const sumSq = new Float64Array(f);
  const counts = new Int32Array(f);
  let sumY = 0;
  for (const r of rows) {
    sumY += y[r];
    for (let j = 0, base = r * f; j < f; j++) {
      const v = x[base + j];
      if (v === 0) continue;
      sum[j] += v;
      sumSq[j] += v * v;
      counts[j]++;
    }
  }
  const means = sum.map((v) => v / n);
  const meanY = sumY / n;
  const sds = means.map((m, j) => columnSd(sumSq[j] / n, m));
  const scale = sds.map((sd) => sd === 0 ? 0 : 1 / (sd * sd));
  // The non-zero entries column by column (local row numbers and values).
  const start = new Int32Array(f + 1);
  for (let j = 0; j < f; j++) start[j + 1] = start[j] + (scale[j] === 0 ? 0 : counts[j]);
  const at = new Int32Array(start[f]);
  const values = new Float64Array(start[f]);
  const fill = start.slice(0, f);
  const u = new Float64Array(n);
  let c = 0;
  for (let j = 0; j < f; j++) c += means[j] * means[j] * scale[j];
  rows.forEach((r, i) => {
    for (let j = 0, base = r * f; j < f; j++) {
      const v = x[base + j];
      if (v === 0 || scale[j] === 0) continue;
      at[fill[j]] = i;
      values[fill[j]++] = v;
      u[i] += v * means[j] * scale[j];
    }
  });
  // Columns non-zero in over half the rows (numbers, word vectors) are one dense block, whose product is a
  // blocked matrix product; pairing entries column by column would stream all of K once per such column.
  const isDense = scale.map((s, j) => s !== 0 && 2 * counts[j] > n ? 1 : 0);
  const dense = [...isDense.keys()].filter((j) => isDense[j]);
  const k = new Float64Array(n * n);
  addGram(k, n, denseBlock(x, f, rows, dense, scale));
  for (let j = 0; j < f; j++) {
    if (isDense[j]) continue;
    const s = scale[j];
    for (let a = start[j]; a < start[j + 1]; a++) {
      const va = values[a] * s;
      const row = at[a] * n;
      for (let b = a; b < start[j + 1]; b++) k[row + at[b]] += va * values[b];
    }
  }
  const centred = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    centred[i] = y[rows[i]] - meanY;
    for (let t = i; t < n; t++) {
      const v = k[i * n + t] - u[i] - u[t] + c + (t === i ? lambda : 0);
      k[i * n + t] = v;
      k[t * n + i] = v;
    }
  }
  const alpha = choleskySolve(k, centred, n);
  let alphaSum = 0;
  for (const a of alpha) alphaSum += a;
  const weights = new Float64Array(f);
  for (let j = 0; j < f; j++) {
    if (sds[j] === 0) continue;
    let s = -means[j] * alphaSum;
    for (let a = start[j]; a < start[j + 1]; a++) s += values[a] * alpha[at[a]];
    weights[j] = s / sds[j];
  }
  return { means, sds, weights, intercept: meanY, lambda };
}

/** The given columns of the given rows, each divided by its sd, row-major. Shape: [rows, columns]. */
function denseBlock(
  x: ArrayLike<number>,
  f: number,
  rows: readonly number[],
  columns: readonly number[],
  scale: Float64Array,
): { z: Float64Array; width: number } {
  const width = columns.length;
  const z = new Float64Array(rows.length * width);
  const sd = columns.map((j) => Math.sqrt(scale[j]));
  rows.forEach((r, i) => {
    for (let q = 0; q < width; q++) z[i * width + q] = x[r * f + columns[q]] * sd[q];
  });
  return { z, width };
}

/**
 * Add the upper triangle of z zᵀ to k (n × n, row-major), four rows of z at a time so that each row it pairs
 * them with is read once per four.
 */
function addGram(k: Float64Array, n: number, { z, width }: { z: Float64Array; width: number }) {
  if (width === 0) return;
  for (let i = 0; i < n; i += 4) {
    const last = Math.min(i + 4, n) - 1;
    // Rows past the end repeat the last one; their sums are dropped.
    const p0 = i * width, p1 = Math.min(i + 1, last) * width;
    const p2 = Math.min(i + 2, last) * width, p3 = last * width;
    // Two rows t at a time too: eight sums from six reads.
    for (let t = i; t < n; t += 2) {
      const pt = t * width, pu = Math.min(t + 1, n - 1) * width;
      let s0 = 0, s1 = 0, s2 = 0, s3 = 0, u0 = 0, u1 = 0, u2 = 0, u3 = 0;
      for (let q = 0; q < width; q++) {
        const v = z[pt + q], w = z[pu + q];
        const z0 = z[p0 + q], z1 = z[p1 + q], z2 = z[p2 + q], z3 = z[p3 + q];
        s0 += z0 * v;
        s1 += z1 * v;
        s2 += z2 * v;
        s3 += z3 * v;
        u0 += z0 * w;
        u1 += z1 * w;
        u2 += z2 * w;
        u3 += z3 * w;
      }
      const sums = [s0, s1, s2, s3], next = [u0, u1, u2, u3];
      for (let m = 0; i + m <= last; m++) {
        k[(i + m) * n + t] += sums[m];
        if (t + 1 < n) k[(i + m) * n + t + 1] += next[m];
      }
    }
  }
}

/** Predict with a {@link RidgeModel}. Shape: x [rows, features] row-major; `rows` picks rows (all when omitted). */
export function predictRidge(
  model: RidgeModel,
  x: ArrayLike<number>,
  rows: readonly number[] = Array.from({ length: x.length / model.weights.length }, (_, i) => i),
): number[] {
  const f = model.weights.length;
  return rows.map((r) => {
    let s = model.intercept;
    for (let j = 0; j < f; j++) {
      if (model.sds[j] !== 0) s += model.weights[j] * (x[r * f + j] - model.means[j]) / model.sds[j];
    }
    return s;
  });
}

/** Solve A w = c for symmetric positive definite A (f × f, row-major; overwritten) by Cholesky. */
function choleskySolve(a: Float64Array, c: Float64Array, f: number): Float64Array {
  for (let j = 0; j < f; j++) {
    const rj = j * f;
    let d = a[rj + j];
    for (let k = 0; k < j; k++) d -= a[rj + k] * a[rj + k];
    if (!(d > 0)) {
      throw new RangeError("Cannot fit ridge regression: the system is singular (use a lambda above 0)");
    }
    const l = Math.sqrt(d);
    a[rj + j] = l;
    // Four rows at a time, each reading row j once per four.
    let i = j + 1;
    for (; i + 3 < f; i += 4) {
      const r0 = i * f, r1 = r0 + f, r2 = r1 + f, r3 = r2 + f;
      let s0 = a[r0 + j], s1 = a[r1 + j], s2 = a[r2 + j], s3 = a[r3 + j];
      for (let k = 0; k < j; k++) {
        const v = a[rj + k];
        s0 -= a[r0 + k] * v;
        s1 -= a[r1 + k] * v;
        s2 -= a[r2 + k] * v;
        s3 -= a[r3 + k] * v;
      }
      a[r0 + j] = s0 / l;
      a[r1 + j] = s1 / l;
      a[r2 + j] = s2 / l;
      a[r3 + j] = s3 / l;
    }
    for (; i < f; i++) {
      const ri = i * f;
      let s = a[ri + j];
      for (let k = 0; k < j; k++) s -= a[ri + k] * a[rj + k];
      a[ri + j] = s / l;
    }
  }
  const z = new Float64Array(f);
  for (let i = 0; i < f; i++) {
    let s = c[i];
    for (let k = 0; k < i; k++) s -= a[i * f + k] * z[k];
    z[i] = s / a[i * f + i];
  }
  const w = new Float64Array(f);
  for (let i = f - 1; i >= 0; i--) {
    let s = z[i];
    for (let k = i + 1; k < f; k++) s -= a[k * f + i] * w[k];
    w[i] = s / a[i * f + i];
  }
  return w;
}
