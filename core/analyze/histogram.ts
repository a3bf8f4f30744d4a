/**
 * Histograms on shared bins, with the Gaussian fitted to each series, ready to draw.
 *
 * @module
 */
import { normalPdf } from "./_distributions.ts";
import { fitGaussian, type GaussianFit } from "./gaussian_fit.ts";

/** One bar: the series, its bin [x0, x1), the count and the density (count / (n · width)). */
export interface HistogramBin {
  series: string;
  x0: number;
  x1: number;
  count: number;
  density: number;
}

/** One point of a fitted Gaussian's density curve. */
export interface CurvePoint {
  series: string;
  x: number;
  density: number;
}

/** Histograms of several series on one set of bins, the Gaussian fitted to each, and its curve. */
export interface Histogram {
  /** Unit of the values, e.g. "IMDb score (0–10)". */
  unit: string;
  binWidth: number;
  bins: HistogramBin[];
  fits: ({ series: string } & GaussianFit)[];
  curves: CurvePoint[];
}

/** A "nice" step (1, 2, 2.5 or 5 times a power of ten) near `raw`. */
function niceStep(raw: number): number {
  const power = 10 ** Math.floor(Math.log10(raw));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * power >= raw) return m * power;
  return 10 * power;
}

/**
 * Bin every series on the same edges (a nice width giving about `bins` bins over the pooled range; the last bin
 * is closed) and fit a Gaussian to each. The last value of the range falls in the last bin. With `range`, only
 * values inside it are binned (and counted in the densities); the fits still use every value.
 *
 * @param options.bins Target number of bins. @default 30
 * @param options.curvePoints Points per Gaussian curve; 0 draws none. @default 80
 * @param options.range Bin only values in [low, high]. @default the values' range
 */
export function histogram(
  series: { name: string; values: ArrayLike<number> }[],
  unit: string,
  { bins = 30, curvePoints = 80, range }: {
    bins?: number;
    curvePoints?: number;
    range?: [number, number];
  } = {},
): Histogram {
  let min = Infinity, max = -Infinity;
  const inRange = (v: number) => !range || (v >= range[0] && v <= range[1]);
  for (const s of series) {
    for (let i = 0; i < s.values.length; i++) {
      if (!inRange(s.values[i])) continue;
      min = Math.min(min, s.values[i]);
      max = Math.max(max, s.values[i]);
    }
  }
  if (!Number.isFinite(min)) throw new RangeError("Cannot make a histogram: there are no finite values");
  const width = niceStep(max > min ? (max - min) / bins : 1);
  const start = Math.floor(min / width) * width;
  const count = Math.max(1, Math.ceil((max - start) / width - 1e-9));
  const out: HistogramBin[] = [];
  const fits: Histogram["fits"] = [];
  const curves: CurvePoint[] = [];
  const lo = start;
  const hi = start + count * width;
  for (const s of series) {
    const counts = new Array<number>(count).fill(0);
    let n = 0;
    for (let i = 0; i < s.values.length; i++) {
      if (!inRange(s.values[i])) continue;
      counts[Math.min(count - 1, Math.floor((s.values[i] - start) / width + 1e-9))]++;
      n++;
    }
    counts.forEach((c, b) => {
      const x0 = round(start + b * width);
      out.push({ series: s.name, x0, x1: round(x0 + width), count: c, density: n ? c / (n * width) : 0 });
    });
    const fit = fitGaussian(s.values);
    fits.push({ series: s.name, ...fit });
    if (fit.sd > 0 && curvePoints > 0) {
      for (let p = 0; p < curvePoints; p++) {
        const x = lo + (p / (curvePoints - 1)) * (hi - lo);
        curves.push({ series: s.name, x: round(x), density: normalPdf(x, fit.mean, fit.sd) });
      }
    }
  }
  return { unit, binWidth: width, bins: out, fits, curves };
}

function round(x: number): number {
  return Math.round(x * 1e9) / 1e9;
}
