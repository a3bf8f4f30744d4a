/**
 * The fixed colours of the report's series (Tableau 10), so a series has the same colour on every page.
 *
 * @module
 */

const TABLEAU10 = [
  "#4e79a7",
  "#f28e2b",
  "#e15759",
  "#76b7b2",
  "#59a14f",
  "#edc948",
  "#b07aa1",
  "#ff9da7",
  "#9c755f",
  "#bab0ac",
];

const NAMED: Record<string, string> = {
  "Actual": TABLEAU10[0],
  "Averaged prediction": TABLEAU10[1],
  "Training rows": TABLEAU10[4],
  "Test rows": TABLEAU10[0],
  "Percent error": TABLEAU10[6],
  "ensemble": TABLEAU10[1],
  "member": TABLEAU10[9],
  "baseline": TABLEAU10[3],
};

/** The colour of a series: a named one, "Member k" by k, else by position. */
export function seriesColor(series: string, index = 0): string {
  if (series in NAMED) return NAMED[series];
  const member = /^Member (\d+)$/.exec(series);
  if (member) return TABLEAU10[(Number(member[1]) + 1) % TABLEAU10.length];
  return TABLEAU10[index % TABLEAU10.length];
}
