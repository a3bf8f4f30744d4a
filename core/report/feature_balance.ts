/**
 * The balance of the split on the features: how far the test rows' mean of each input column sits from the
 * training rows', in pooled standard deviations, against what a random split gives.
 *
 * @module
 */
import { standardizedDifferences } from "../analyze/standardized_difference.ts";
import type { Report } from "./report_schema.ts";
import { fmt, pct } from "./_format.ts";
import { extent } from "../extent.ts";

/** P(|Z| > 2) for a standard normal: the share of features a random split puts beyond 2 standard errors. */
const BEYOND_TWO_SE = 0.0455;

/** The feature group of a column name `group:name`. */
const groupOf = (name: string) => name.split(":")[0];

/**
 * Standardised differences per feature between `training` and `test` rows of `x` (row-major, one column per
 * name), summarised by group, the largest ones, and the share of rows without any keyword vector (the `kw`
 * columns all 0).
 */
export function featureBalance(
  x: ArrayLike<number>,
  names: readonly string[],
  training: readonly number[],
  test: readonly number[],
  { top = 10 }: { top?: number } = {},
): Report["sampling"]["balance"] {
  const f = names.length;
  const smd = standardizedDifferences(x, f, training, test);
  const nullSe = Math.sqrt(1 / Math.max(1, training.length) + 1 / Math.max(1, test.length));
  const groups = [...new Set(names.map(groupOf))].map((group) => {
    const cols = names.map((n, j) => (groupOf(n) === group ? j : -1)).filter((j) => j >= 0);
    const values = cols.map((j) => smd[j]).filter((v): v is number => v !== null);
    return {
      group,
      features: cols.length,
      maxAbs: values.length ? extent(values.map(Math.abs)).max : null,
      beyond: values.filter((v) => Math.abs(v) > 2 * nullSe).length,
      expected: values.length * BEYOND_TWO_SE,
    };
  });
  const colMean = (j: number, rows: readonly number[]) =>
    rows.reduce((s, r) => s + x[r * f + j], 0) / rows.length;
  const largest = names.map((name, j) => ({ name, j, smd: smd[j] }))
    .filter((c): c is { name: string; j: number; smd: number } => c.smd !== null)
    .sort((a, b) => Math.abs(b.smd) - Math.abs(a.smd))
    .slice(0, top)
    .map((c) => ({ name: c.name, smd: c.smd, training: colMean(c.j, training), test: colMean(c.j, test) }));
  const kw = names.map((n, j) => (groupOf(n) === "kw" ? j : -1)).filter((j) => j >= 0);
  const zeroCount = (rows: readonly number[]) =>
    rows.filter((r) => kw.every((j) => x[r * f + j] === 0)).length;
  const zeroKeywords = kw.length > 0 && training.length > 0 && test.length > 0
    ? (() => {
      const trainingCount = zeroCount(training), testCount = zeroCount(test);
      return {
        training: trainingCount / training.length,
        test: testCount / test.length,
        trainingCount,
        testCount,
      };
    })()
    : null;
  const beyond = groups.reduce((s, g) => s + g.beyond, 0);
  const expected = groups.reduce((s, g) => s + g.expected, 0);
  const reading = `Under a random split a standardised difference has a standard error of about ${
    fmt(nullSe, 2)
  }, so about ${pct(BEYOND_TWO_SE, 1)} of features (${
    fmt(expected, 2)
  } here) lie beyond 2 standard errors by chance; ${beyond} do.${
    zeroKeywords
      ? ` ${
        pct(zeroKeywords.test)
      } of test movies have no known keyword (an all-zero keyword vector) against ${
        pct(zeroKeywords.training)
      } of training movies. Collect causes this on purpose: Word2Vec is fitted on the training movies' keywords only, so ` +
        "training movies' keyword vectors were learned from their own keyword lists and test movies' were not, and " +
        "a keyword needs a minimum count in the training rows to get a vector, where a training movie's own " +
        "occurrence counts and a test movie's cannot. Fitting Word2Vec on every row makes the keyword differences " +
        "vanish, but no new movie will ever be in that fit: the test movies are encoded exactly as new movies are, " +
        "so the imbalance is part of what the test error honestly measures."
      : ""
  }`;
  return { features: f, nullSe, groups, top: largest, zeroKeywords, reading };
}
