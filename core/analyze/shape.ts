/**
 * The shape of a distribution as it is: skewness, excess kurtosis and the points of a normal QQ plot.
 *
 * @module
 */
import { normalQuantile } from "./_distributions.ts";
import { mean } from "./moments.ts";

/** Skewness and excess kurtosis of a sample. */
export interface Shape {
  n: number;
  /** g₁ = m₃ / m₂^{3/2} (0 for a symmetric distribution). */
  skewness: number;
  /** g₂ = m₄ / m₂² − 3 (0 for a normal distribution). */
  excessKurtosis: number;
}

/**
 * The moment estimates g₁ and g₂ (central moments with divisor n), as SciPy's `skew(x)` and `kurtosis(x)` with
 * their defaults (`bias=True`, Fisher's definition). NaN for a constant sample.
 */
export function shapeOf(values: ArrayLike<number>): Shape {
  const n = values.length;
  const m = mean(values);
  let m2 = 0, m3 = 0, m4 = 0;
  for (let i = 0; i < n; i++) {
    const d = values[i] - m;
    m2 += d * d;
    m3 += d * d * d;
    m4 += d * d * d * d;
  }
  m2 /= n;
  m3 /= n;
  m4 /= n;
  return { n, skewness: m3 / m2 ** 1.5, excessKurtosis: m4 / (m2 * m2) - 3 };
}

/** Points of a normal QQ plot: theoretical standard-normal quantiles against the sorted sample. */
export interface QuantilePoints {
  /** Standard normal quantiles of Filliben's order-statistic medians. Shape: [points]. */
  theoretical: number[];
  /** The matching order statistics of the sample. Shape: [points]. */
  sample: number[];
}

/**
 * The normal QQ plot of `values`, as `scipy.stats.probplot(values)`'s (osm, osr): Filliben's estimate of the
 * medians of the uniform order statistics, m₁ = 1 − 0.5^{1/n}, mᵢ = (i − 0.3175)/(n + 0.365), mₙ = 0.5^{1/n},
 * through the normal quantile. With more than `maxPoints` values, evenly spaced order statistics are kept
 * (always the first and last).
 *
 * @param maxPoints @default 400
 */
export function normalQuantilePoints(values: ArrayLike<number>, maxPoints = 400): QuantilePoints {
  const n = values.length;
  const sorted = Float64Array.from(values).sort();
  const position = (i: number) => {
    const last = 0.5 ** (1 / n);
    if (i === n) return last;
    if (i === 1) return 1 - last;
    return (i - 0.3175) / (n + 0.365);
  };
  const keep = n <= maxPoints
    ? Array.from({ length: n }, (_, i) => i)
    : [...new Set(Array.from({ length: maxPoints }, (_, k) => Math.round((k * (n - 1)) / (maxPoints - 1))))];
  return {
    theoretical: keep.map((i) => normalQuantile(position(i + 1))),
    sample: keep.map((i) => sorted[i]),
  };
}
