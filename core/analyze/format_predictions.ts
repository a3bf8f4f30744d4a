/**
 * The seed's formatted prediction table of one ensemble member, joined back to the source rows.
 *
 * @module
 */
import type { PredictionRow, RowInfo } from "../artifacts.ts";

/** Header of every `formatted_{k}.csv`. */
export const FORMATTED_COLUMNS = [
  "row",
  "line",
  "title",
  "year",
  "director",
  "genres",
  "Real_Score",
  "Predicted_Score",
  "Error",
  "Percent_Error",
] as const;

/**
 * One record per prediction, in the order given: the source row's title, year, director and genres
 * ("|"-joined), the actual and predicted scores, the error (predicted − actual, score points) and the percent
 * error (% of the actual score). Empty strings stand for missing year or director.
 */
export function formatPredictions(
  predictions: readonly PredictionRow[],
  rows: readonly RowInfo[],
): (string | number)[][] {
  return predictions.map((p) => {
    const info = rows[p.row];
    if (!info) {
      throw new RangeError(`Cannot format prediction of row ${p.row}: there are ${rows.length} rows`);
    }
    const error = p.Predicted_Score - p.Real_Score;
    return [
      p.row,
      p.line,
      info.title,
      info.year ?? "",
      info.director ?? "",
      info.genres.join("|"),
      p.Real_Score,
      p.Predicted_Score,
      error,
      p.Real_Score === 0 ? "" : (100 * error) / p.Real_Score,
    ];
  });
}
