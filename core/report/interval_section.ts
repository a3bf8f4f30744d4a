/**
 * The conformal prediction intervals' calibration and their measured coverage of the test movies.
 *
 * @module
 */
import { intervalCoverage } from "../analyze/interval_coverage.ts";
import type { ConformalCalibration } from "../predict/conformal.ts";
import type { Report } from "./report_schema.ts";
import { fmt, pct } from "./_format.ts";

/** How far (in share) measured coverage may sit from nominal before the report says it misses. */
export const COVERAGE_TOLERANCE = 0.03;

/** The `intervals` section: `null` without a calibration. */
export function intervalSection(
  actual: ArrayLike<number>,
  predicted: ArrayLike<number>,
  calibration: ConformalCalibration | null,
  level: number,
): Report["intervals"] {
  if (!calibration) return null;
  const { overall, byBand } = intervalCoverage(actual, predicted, calibration, { level });
  const parts = overall.map((c) =>
    `the ${pct(c.nominal, 0)} prediction interval (${
      c.halfWidth === null ? "the whole score range" : `±\u00a0${fmt(c.halfWidth)} points`
    }) covered ${pct(c.rate)} (${pct(level, 0)} CI ${pct(c.low)} to ${pct(c.high)})`
  );
  const misses = overall.filter((c) => Math.abs(c.rate - c.nominal) > COVERAGE_TOLERANCE);
  const reading = `On the ${actual.length} test movies, which no part of training saw, ${parts.join("; ")}. ${
    misses.length === 0
      ? `${overall.length > 1 ? "All are" : "It is"} within ${
        100 * COVERAGE_TOLERANCE
      } percentage points of nominal.`
      : `${misses.map((c) => pct(c.nominal, 0)).join(" and ")} ${
        misses.length > 1 ? "are" : "is"
      } more than ${100 * COVERAGE_TOLERANCE} percentage points from nominal${
        misses.some((c) => c.low <= c.nominal && c.nominal <= c.high)
          ? ", though within the sampling error of this test set"
          : ""
      }.`
  } Coverage holds for movies like these on average; the intervals have one width for every movie, so by band of predicted score it is lower where the model errs most.`;
  return {
    method: calibration.method,
    calibrationRows: calibration.n,
    membersPerRow: calibration.membersPerRow,
    range: [...calibration.range],
    levels: overall,
    byBand,
    reading,
  };
}
