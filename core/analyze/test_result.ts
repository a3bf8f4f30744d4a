/**
 * The outcome of a two-sided hypothesis test, before it is worded for the report.
 *
 * @module
 */

/** A test statistic, its degrees of freedom where they apply, and its two-sided p-value. */
export interface TestResult {
  statistic: number;
  /** Degrees of freedom (t tests), or null. */
  df: number | null;
  pValue: number;
}
