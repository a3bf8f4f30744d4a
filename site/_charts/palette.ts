/**
 * One colour per role across every chart, so a colour means the same thing on every page: the actual scores,
 * the ensemble's prediction, the members (purples: never a baseline's colour), the baselines (teals), the
 * training rows, errors. Colours from Tableau 10, with darker and lighter shades of the same hue within a role.
 *
 * @module
 */
import { ENSEMBLE_ID, MEAN_BASELINE_ID, RIDGE_BASELINE_ID } from "../../core/report/predictor_ids.ts";

/** The colour of each role. */
export const ROLE_COLORS = {
  actual: "#4e79a7",
  prediction: "#f28e2b",
  members: ["#b07aa1", "#7b4f74", "#d4a6c9", "#9c6b95", "#e3c5dc"],
  baselines: { [MEAN_BASELINE_ID]: "#76b7b2", [RIDGE_BASELINE_ID]: "#3f8f89" } as Record<string, string>,
  training: "#59a14f",
  error: "#e15759",
  reference: "#555555",
} as const;

const NAMED: Record<string, string> = {
  "Actual": ROLE_COLORS.actual,
  "Actual (test rows)": ROLE_COLORS.actual,
  "Averaged prediction": ROLE_COLORS.prediction,
  "ensemble": ROLE_COLORS.prediction,
  "Training rows": ROLE_COLORS.training,
  "Actual (training rows)": ROLE_COLORS.training,
  "Test rows": ROLE_COLORS.actual,
  "Percent error": ROLE_COLORS.error,
  "Error": ROLE_COLORS.error,
  "member": ROLE_COLORS.members[0],
  "baseline": ROLE_COLORS.baselines[MEAN_BASELINE_ID],
};

/** The colour of member k (1-based): shades of purple. */
export function memberColor(k: number): string {
  return ROLE_COLORS.members[(k - 1) % ROLE_COLORS.members.length];
}

/** The colour of a series or predictor: by name ("Actual", "Member 2", a predictor id or kind). */
export function seriesColor(series: string): string {
  if (series in NAMED) return NAMED[series];
  if (series in ROLE_COLORS.baselines) return ROLE_COLORS.baselines[series];
  const member = /^(?:Member |member-)(\d+)$/.exec(series);
  if (member) return memberColor(Number(member[1]));
  if (series === ENSEMBLE_ID) return ROLE_COLORS.prediction;
  return ROLE_COLORS.reference;
}
