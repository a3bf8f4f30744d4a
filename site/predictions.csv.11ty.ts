/** `predictions.csv`: every test movie with its actual score, the ensemble's prediction, its intervals and each member's. */
import { stringify } from "csv-stringify/sync";
import type { Report } from "../core/report/report_schema.ts";

export const data = { permalink: "predictions.csv" };

export function render({ report }: { report: Report }): string {
  const levels = report.points[0]?.intervals.map((i) => Math.round(i.level * 100)) ?? [];
  const members = Array.from({ length: report.counts.members }, (_, m) => `member_${m + 1}`);
  return stringify(
    report.points.map((p) => [
      p.line,
      p.id,
      p.title,
      p.year ?? "",
      p.actual,
      p.predicted,
      ...p.intervals.flatMap((i) => [i.low, i.high]),
      p.error,
      ...p.members,
    ]),
    {
      header: true,
      columns: [
        "line",
        "id",
        "title",
        "year",
        "actual",
        "predicted",
        ...levels.flatMap((l) => [`low_${l}`, `high_${l}`]),
        "error",
        ...members,
      ],
    },
  );
}
