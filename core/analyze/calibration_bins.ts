/**
 * The binned calibration curve: mean actual score per bin of predicted score, with t intervals.
 *
 * @module
 */
import { meanInterval } from "./mean_interval.ts";
import { mean } from "./moments.ts";

/** One bin of movies with similar predictions. Scores in points. */
export interface CalibrationBin {
  n: number;
  /** Mean predicted score of the bin. */
  predicted: number;
  /** Mean actual score of the bin and its t interval (`null` below 2 movies). */
  actual: number;
  low: number | null;
  high: number | null;
}

/**
 * Sort the movies by predicted score and cut them into `bins` groups of (nearly) equal size, as
 * `numpy.array_split` of the sorted order (the first n mod bins groups get one more), with at least
 * `minPerBin` movies per bin (fewer bins when there are fewer movies). A calibrated model's bins lie on y = x.
 *
 * @param options.bins @default 10
 * @param options.minPerBin @default 20
 * @param options.level @default 0.95
 */
export function calibrationBins(
  predicted: ArrayLike<number>,
  actual: ArrayLike<number>,
  { bins = 10, minPerBin = 20, level = 0.95 }: { bins?: number; minPerBin?: number; level?: number } = {},
): CalibrationBin[] {
  const n = predicted.length;
  if (n === 0) return [];
  const count = Math.max(1, Math.min(bins, Math.floor(n / minPerBin)));
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => predicted[a] - predicted[b] || a - b);
  const out: CalibrationBin[] = [];
  const base = Math.floor(n / count), extra = n % count;
  let start = 0;
  for (let b = 0; b < count; b++) {
    const size = base + (b < extra ? 1 : 0);
    const rows = order.slice(start, start + size);
    start += size;
    const m = meanInterval(rows.map((i) => actual[i]), level);
    out.push({
      n: size,
      predicted: mean(rows.map((i) => predicted[i])),
      actual: m.mean,
      low: m.low,
      high: m.high,
    });
  }
  return out;
}
