/** `bands.csv`: errors by band of actual and of predicted score, with their intervals. */
import { stringify } from "csv-stringify/sync";
import type { Report } from "../core/report/report_schema.ts";

export const data = { permalink: "bands.csv" };

export function render({ report }: { report: Report }): string {
  const rows = (["predicted", "actual"] as const).flatMap((by) =>
    report.bands[by].map((b) => [
      by,
      b.label,
      b.n,
      b.bias ?? "",
      b.biasLow ?? "",
      b.biasHigh ?? "",
      b.rmse ?? "",
      b.rmseLow ?? "",
      b.rmseHigh ?? "",
      b.mae ?? "",
    ])
  );
  return stringify(rows, {
    header: true,
    columns: ["by", "band", "n", "bias", "bias_low", "bias_high", "rmse", "rmse_low", "rmse_high", "mae"],
  });
}
