/**
 * A Gaussian fitted to a sample by its moments.
 *
 * @module
 */
import { mean, standardDeviation } from "./moments.ts";

/** A normal distribution fitted to `n` values: its mean and (sample) standard deviation, in the values' units. */
export interface GaussianFit {
  n: number;
  mean: number;
  sd: number;
}

/** Fit Normal(mean, sd) to `values` by the sample mean and the sample (n − 1) standard deviation. */
export function fitGaussian(values: ArrayLike<number>): GaussianFit {
  return { n: values.length, mean: mean(values), sd: standardDeviation(values) };
}
