/** `outliers.csv`: the test movies flagged by the robust rule or by the seed's rule, with both flags. */
import { stringify } from "csv-stringify/sync";
import type { Report } from "../core/report/report_schema.ts";

export const data = { permalink: "outliers.csv" };

export function render({ report }: { report: Report }): string {
  const robust = new Set(report.outliers.robust.rows);
  const seed = new Set(report.outliers.seed.rows);
  const rows = [...new Set([...robust, ...seed])].sort((a, b) => a - b);
  return stringify(
    rows.map((i) => {
      const p = report.points[i];
      return [
        p.line,
        p.id,
        p.title,
        p.actual,
        p.predicted,
        p.error,
        p.percentError,
        robust.has(i),
        seed.has(i),
      ];
    }),
    {
      header: true,
      columns: [
        "line",
        "id",
        "title",
        "actual",
        "predicted",
        "error",
        "percent_error",
        "robust_outlier",
        "seed_outlier",
      ],
    },
  );
}
