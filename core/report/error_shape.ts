/**
 * The ensemble's errors as they are (shape, QQ points, a histogram in points), and the outliers: a robust rule
 * on errors in points, with the seed's percent-error rule beside it and its bias named.
 *
 * @module
 */
import { histogram } from "../analyze/histogram.ts";
import { percentErrorOutliers, robustOutliers } from "../analyze/outliers.ts";
import { quantileSorted } from "../analyze/quantile.ts";
import { normalQuantilePoints, shapeOf } from "../analyze/shape.ts";
import type { Report } from "./report_schema.ts";
import { pct } from "./_format.ts";

/** Movies rated below this are "low-rated" in the seed rule's bias statement. */
const LOW_SCORE = 5;

/** Errors, outliers and the seed's percent-error histogram of the ensemble's `predicted` against `actual`. */
export function errorShape(
  actual: ArrayLike<number>,
  predicted: ArrayLike<number>,
  percentErrors: readonly number[],
  { bins }: { bins: number },
): Pick<Report, "errors" | "outliers" | "percentErrorRange"> & {
  percentErrorHistogram: Report["histograms"]["percentError"];
} {
  const n = actual.length;
  const errors = Float64Array.from(actual, (a, i) => predicted[i] - a);
  const shape = shapeOf(errors);
  const finite = (x: number) => (Number.isFinite(x) ? x : null);

  const robust = robustOutliers(errors);
  const seed = percentErrorOutliers(percentErrors);
  const low = (rows: readonly number[]) => rows.filter((i) => actual[i] < LOW_SCORE).length;
  const allLow = low(Array.from({ length: n }, (_, i) => i));
  const seedLow = low(seed.indices);
  const seedBias = seed.indices.length === 0
    ? "The seed's rule flags no movie here."
    : `Percent error divides by the actual score, so the same miss in points weighs more for a low-rated movie: ${seedLow} of the ${seed.indices.length} movies it flags (${
      pct(seedLow / seed.indices.length, 0)
    }) are rated below ${LOW_SCORE}, against ${
      pct(allLow / n, 0)
    } of all test movies. Its cut-offs are a mean and SD, which the outliers themselves inflate.`;

  // One extreme percent error squeezes every other bar into one: draw the 1st to 99th percentiles, counting the
  // rest (with fewer than 100 movies those percentiles cut nothing, so everything is drawn).
  const sorted = Float64Array.from(percentErrors).sort();
  const lo = quantileSorted(sorted, 0.01), hi = quantileSorted(sorted, 0.99);
  const range: [number, number] = n >= 100 && hi > lo ? [lo, hi] : [sorted[0], sorted[sorted.length - 1]];
  return {
    errors: {
      n,
      skewness: finite(shape.skewness),
      excessKurtosis: finite(shape.excessKurtosis),
      qq: normalQuantilePoints(errors),
      histogram: histogram([{ name: "Error", values: errors }], "error: predicted − actual (points)", {
        bins,
        curvePoints: 0,
      }),
    },
    outliers: {
      robust: {
        rule: `error (predicted − actual, points) more than ${robust.k} scaled MADs from the median error ` +
          `(Hampel's rule: MAD × 1.4826 estimates the SD of normal errors, and one extreme error cannot move it)`,
        median: robust.median,
        mad: robust.mad,
        k: robust.k,
        low: robust.low,
        high: robust.high,
        rows: robust.indices,
      },
      seed: {
        rule: "percent error more than one standard deviation from the mean percent error (the seed's rule)",
        mean: seed.mean,
        sd: seed.sd,
        low: seed.low,
        high: seed.high,
        rows: seed.indices,
        bias: seedBias,
      },
    },
    percentErrorRange: {
      low: range[0],
      high: range[1],
      below: percentErrors.filter((x) => x < range[0]).length,
      above: percentErrors.filter((x) => x > range[1]).length,
    },
    percentErrorHistogram: histogram(
      [{ name: "Percent error", values: percentErrors }],
      "percent error (% of actual score)",
      {
        bins,
        curvePoints: 0,
        range,
      },
    ),
  };
}

/** The smallest |difference of means| the seed's z test detects at `alpha`: z·√(sd_a² + sd_p²). */
export function seedDetectable(sdActual: number, sdPredicted: number, z: number): number {
  return z * Math.sqrt(sdActual ** 2 + sdPredicted ** 2);
}
