/**
 * The report validator that analyze (before writing), the site (after reading) and the tests share.
 *
 * @module
 */
import { type Report, reportSchema } from "./report_schema.ts";

/**
 * Check that `value` is a {@link Report} (exact keys, finite numbers, p-values in [0, 1], indices within the
 * points) and return it typed.
 *
 * @throws {TypeError} naming the first offending path, e.g. `report.tests[2].pValue`.
 */
export function validateReport(value: unknown): Report {
  const report = reportSchema(value, "report");
  const n = report.points.length;
  const check = (list: number[], path: string) =>
    list.forEach((i, j) => {
      if (i >= n) {
        throw new TypeError(`Cannot use report: ${path}[${j}] = ${i} is not an index of the ${n} points`);
      }
    });
  check(report.outliers.robust.rows, "report.outliers.robust.rows");
  check(report.outliers.seed.rows, "report.outliers.seed.rows");
  check(report.largestErrors, "report.largestErrors");
  report.points.forEach((p, i) => {
    if (p.members.length !== report.counts.members) {
      throw new TypeError(
        `Cannot use report: report.points[${i}].members has ${p.members.length} values, expected ${report.counts.members}`,
      );
    }
  });
  return report;
}
