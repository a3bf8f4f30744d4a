/**
 * The warnings a reader must see before trusting the report's figures.
 *
 * @module
 */
import type { Report } from "./report_schema.ts";

/** Warnings for a small test set, missing intervals or train summary, and tests the data could not support. */
export function smallSampleWarnings(
  { test, minTest, hasIntervals, hasTrainSummary, skipped }: {
    test: number;
    minTest: number;
    hasIntervals: boolean;
    hasTrainSummary: boolean;
    skipped: readonly string[];
  },
): Report["warnings"] {
  const out: Report["warnings"] = [];
  if (test < minTest) {
    out.push({
      id: "small-test-set",
      text:
        `Only ${test} test movies (fewer than ${minTest}): every figure here is rough. Read the intervals, ` +
        "not the point values; R² in particular can swing by more than its own size, and a test that does not " +
        "reject says very little at this size.",
    });
  }
  if (!hasIntervals) {
    out.push({
      id: "no-intervals",
      text:
        "This run has no calibrated prediction intervals (prediction_results/conformal.json is missing): " +
        "run `deno task train` again to make them.",
    });
  }
  if (!hasTrainSummary) {
    out.push({
      id: "no-train-summary",
      text: "train_summary.json is missing, so the model card lacks the training details.",
    });
  }
  for (const s of skipped) out.push({ id: "test-skipped", text: `Not run, too few data: ${s}` });
  return out;
}
