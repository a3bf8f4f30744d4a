/**
 * The schema of `report/report.json`: everything the site shows, computed by analyze. The site reads this and
 * nothing else, and recomputes no statistic. Scores are IMDb ratings (0–10); errors are predicted − actual, in
 * score points; percent errors are in % of the actual score.
 *
 * @module
 */
import {
  array,
  count,
  type Infer,
  json,
  literal,
  nullable,
  num,
  object,
  prob,
  record,
  str,
} from "./_schema.ts";

/** The version of this schema; bump it when a field changes meaning. */
export const REPORT_SCHEMA_VERSION = 1;

const metrics = object({
  n: count,
  meanActual: num,
  sdActual: num,
  meanPredicted: num,
  sdPredicted: num,
  rmse: num,
  mae: num,
  r2: num,
  pearson: nullable(num),
  meanPercentError: num,
  sdPercentError: num,
});

const histogram = object({
  unit: str,
  binWidth: num,
  bins: array(object({ series: str, x0: num, x1: num, count: count, density: num })),
  fits: array(object({ series: str, n: count, mean: num, sd: num })),
  curves: array(object({ series: str, x: num, density: num })),
});

/** The schema itself (a checking function); see {@link Report} for the type. */
export const reportSchema = object({
  schema: literal(REPORT_SCHEMA_VERSION),
  createdAt: str,
  alpha: prob,
  /**
   * The source table and how collect read it: `profile` is the column map's name (a built-in profile or the
   * `name` of a `--map` file), `map` the `--map` file (`null`: the built-in profile's own map), `credits` the
   * joined credits file of a profile with a join (`null`: none was read).
   */
  source: object({
    path: str,
    sha256: str,
    records: count,
    profile: str,
    map: nullable(str),
    credits: nullable(str),
  }),
  counts: object({ members: count, test: count, training: count }),
  /** Every predictor scored on the test rows: the averaged ensemble, each member, and the baselines. */
  predictors: array(object({
    id: str,
    label: str,
    kind: literal("ensemble", "member", "baseline"),
    description: str,
    metrics,
  })),
  ridge: object({ lambda: num, features: count }),
  tests: array(object({
    id: str,
    group: str,
    name: str,
    /** The null hypothesis, in words. */
    hypothesis: str,
    method: str,
    statisticName: str,
    statistic: num,
    df: nullable(num),
    pValue: prob,
    alpha: prob,
    decision: literal("reject H0", "do not reject H0"),
    /** What the result shows, in one plain sentence. */
    reading: str,
    /** What it does not show. */
    caveat: str,
  })),
  bootstrap: object({
    comparison: str,
    estimate: num,
    low: num,
    high: num,
    level: prob,
    resamples: count,
    seed: count,
    reading: str,
  }),
  fits: array(object({ series: str, n: count, mean: num, sd: num })),
  histograms: object({ scores: histogram, members: histogram, sampling: histogram, percentError: histogram }),
  /** The test rows with the averaged prediction, in test-index order. */
  points: array(object({
    row: count,
    line: count,
    id: str,
    title: str,
    year: nullable(num),
    director: nullable(str),
    genres: array(str),
    actual: num,
    predicted: num,
    error: num,
    percentError: num,
    members: array(num),
  })),
  outliers: object({ rule: str, mean: num, sd: num, low: num, high: num, rows: array(count) }),
  /** Indices into `points` of the largest absolute errors, largest first. */
  largestErrors: array(count),
  card: object({
    dropped: record(object({ count: count, lines: array(count) })),
    featureCount: count,
    featureGroups: record(count),
    collectConfig: record(json),
    trainConfig: nullable(record(json)),
    backend: nullable(str),
    adapter: nullable(str),
    members: nullable(
      array(object({ k: count, epochs: count, bestEpoch: count, bestValLoss: nullable(num), seconds: num })),
    ),
    versions: record(str),
    timings: array(object({ stage: str, step: str, seconds: num })),
    collectedAt: str,
  }),
});

/** The report, as analyze writes it and the site reads it. */
export type Report = Infer<typeof reportSchema>;
/** One predictor's entry. */
export type ReportPredictor = Report["predictors"][number];
/** One hypothesis test's entry. */
export type ReportTest = Report["tests"][number];
/** One test row. */
export type ReportPoint = Report["points"][number];
/** One histogram. */
export type ReportHistogram = Report["histograms"]["scores"];
