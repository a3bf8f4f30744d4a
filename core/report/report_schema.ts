/**
 * The schema of `report/report.json`: everything the site shows, computed by analyze. The site reads this and
 * nothing else, and recomputes no statistic. Scores are IMDb ratings (0–10); errors are predicted − actual, in
 * score points; percent errors are in % of the actual score. Every interval is two-sided at its `level`;
 * `null` bounds mean the interval is undefined for these data (too few movies, a degenerate bootstrap).
 *
 * @module
 */
import {
  array,
  bool,
  count,
  type Infer,
  literal,
  nullable,
  num,
  object,
  prob,
  record,
  str,
} from "./_schema.ts";

/** The version of this schema; bump it when a field changes meaning. */
export const REPORT_SCHEMA_VERSION = 2;

const interval = object({ estimate: num, low: nullable(num), high: nullable(num), level: prob });

const metrics = object({
  n: count,
  meanActual: num,
  sdActual: num,
  meanPredicted: num,
  sdPredicted: num,
  rmse: num,
  mae: num,
  /** `null` when the actual scores are all equal. */
  r2: nullable(num),
  pearson: nullable(num),
  meanPercentError: num,
  sdPercentError: num,
});

const histogram = object({
  unit: str,
  binWidth: num,
  bins: array(object({ series: str, x0: num, x1: num, count: count, density: num })),
  fits: array(object({ series: str, n: count, mean: num, sd: num })),
  /** The fitted Gaussians' density curves; empty where none is drawn. */
  curves: array(object({ series: str, x: num, density: num })),
});

const linearFit = object({
  n: count,
  slope: num,
  intercept: num,
  slopeSe: nullable(num),
  interceptSe: nullable(num),
  slopeLow: nullable(num),
  slopeHigh: nullable(num),
  interceptLow: nullable(num),
  interceptHigh: nullable(num),
  level: prob,
});

const band = object({
  label: str,
  from: nullable(num),
  to: nullable(num),
  n: count,
  bias: nullable(num),
  biasLow: nullable(num),
  biasHigh: nullable(num),
  rmse: nullable(num),
  rmseLow: nullable(num),
  rmseHigh: nullable(num),
  mae: nullable(num),
});

const keyValue = object({ name: str, value: str });

/** The schema itself (a checking function); see {@link Report} for the type. */
export const reportSchema = object({
  schema: literal(REPORT_SCHEMA_VERSION),
  createdAt: str,
  alpha: prob,
  /**
   * The source table: its file name (never the build machine's path), digest, records, the column map's name,
   * the `--map` file's name (`null`: the built-in profile) and the joined credits file's name (`null`: none).
   */
  source: object({
    file: str,
    sha256: str,
    records: count,
    profile: str,
    map: nullable(str),
    credits: nullable(str),
  }),
  counts: object({ members: count, test: count, training: count }),
  /** Things a reader must know before trusting the figures (a small test set, missing intervals). */
  warnings: array(object({ id: str, text: str })),
  /** How every bootstrap interval was made. */
  bootstrap: object({ method: str, resamples: count, seed: count, level: prob }),
  /** Every predictor scored on the test rows: the averaged ensemble, each member, and the baselines. */
  predictors: array(object({
    id: str,
    label: str,
    kind: literal("ensemble", "member", "baseline"),
    description: str,
    metrics,
    /** BCa intervals of RMSE, MAE and R² (paired bootstrap of the test movies); R²: `null` as `metrics.r2`. */
    intervals: object({ rmse: interval, mae: interval, r2: nullable(interval) }),
  })),
  /** RMSE(ensemble) − RMSE(other), points, with BCa intervals: negative means the ensemble errs less. */
  comparisons: array(object({
    id: str,
    versus: str,
    label: str,
    estimate: num,
    low: nullable(num),
    high: nullable(num),
    level: prob,
    /** Whether this member is the one with the lowest test RMSE. */
    best: bool,
    reading: str,
  })),
  ridge: object({ lambda: num, features: count }),
  /** The ensemble's mean error with its t interval, and the spread of predictions against that of the scores. */
  bias: object({ n: count, mean: num, low: nullable(num), high: nullable(num), level: prob, reading: str }),
  shrinkage: object({
    sdActual: num,
    sdPredicted: num,
    /** SD of predictions / SD of actual scores; `null` when the actual scores are all equal. */
    ratio: nullable(num),
    pearson: nullable(num),
    reading: str,
  }),
  /** Actual on predicted (a calibrated model has slope 1, intercept 0), error on predicted, binned curve. */
  calibration: nullable(object({
    fit: linearFit,
    residual: linearFit,
    bins: array(object({ n: count, predicted: num, actual: num, low: nullable(num), high: nullable(num) })),
    reading: str,
  })),
  /** Errors by band of actual and of predicted score. */
  bands: object({ actual: array(band), predicted: array(band), level: prob, reading: str }),
  tests: array(object({
    id: str,
    /** The question (family) it answers: a Holm adjustment runs within each family. */
    family: str,
    name: str,
    /** The null hypothesis, in words. */
    hypothesis: str,
    method: str,
    statisticName: str,
    statistic: num,
    df: nullable(num),
    pValue: prob,
    /** Holm-adjusted within the family (equal to `pValue` in a family of one). */
    adjustedPValue: prob,
    alpha: prob,
    /** Made on the adjusted p-value. */
    decision: literal("reject H0", "do not reject H0"),
    /** What the result shows, in one plain sentence. */
    reading: str,
    /** What it does not show. */
    caveat: str,
  })),
  families: array(object({ id: str, question: str, tests: array(str), adjustment: str })),
  /** The ensemble's errors as they are: shape, QQ points, histogram in points. */
  errors: object({
    n: count,
    skewness: nullable(num),
    excessKurtosis: nullable(num),
    qq: object({ theoretical: array(num), sample: array(num) }),
    histogram,
  }),
  outliers: object({
    /** The robust rule on errors in points. */
    robust: object({ rule: str, median: num, mad: num, k: num, low: num, high: num, rows: array(count) }),
    /** The seed's rule on percent errors, kept for comparison. */
    seed: object({ rule: str, mean: num, sd: num, low: num, high: num, rows: array(count), bias: str }),
  }),
  /** Conformal prediction intervals and their coverage of the test movies; `null` without `conformal.json`. */
  intervals: nullable(object({
    method: str,
    calibrationRows: count,
    membersPerRow: record(count),
    range: array(num),
    levels: array(object({
      nominal: prob,
      halfWidth: nullable(num),
      count: count,
      n: count,
      rate: prob,
      low: prob,
      high: prob,
      level: prob,
      meanWidth: num,
    })),
    byBand: array(object({ label: str, n: count, rates: array(nullable(prob)) })),
    reading: str,
  })),
  sampling: object({
    balance: object({
      features: count,
      /** √(1/n_training + 1/n_test): the standard error of a standardised difference under a random split. */
      nullSe: num,
      groups: array(object({
        group: str,
        features: count,
        maxAbs: nullable(num),
        /** Features with |SMD| > 2·nullSe, and how many a random split would give (4.6%). */
        beyond: count,
        expected: num,
      })),
      top: array(object({ name: str, smd: num, training: num, test: num })),
      /** Share of movies whose keyword vector is all zeros (no known keyword), training vs test. */
      zeroKeywords: nullable(object({
        training: prob,
        test: prob,
        trainingCount: count,
        testCount: count,
      })),
      reading: str,
    }),
  }),
  /** Split-to-split spread measured by `deno task bench` on this data, when its results are there. */
  bench: nullable(object({
    createdAt: str,
    protocol: str,
    seeds: array(num),
    rmse: object({ mean: num, sd: num }),
    mae: object({ mean: num, sd: num }),
    r2: object({ mean: num, sd: num }),
  })),
  fits: array(object({ series: str, n: count, mean: num, sd: num })),
  histograms: object({
    scores: histogram,
    members: histogram,
    sampling: histogram,
    /** The seed's percent errors, drawn between the 1st and 99th percentiles. */
    percentError: histogram,
  }),
  /** Percent errors beyond the percent-error histogram's range (drawn nowhere, counted here). */
  percentErrorRange: object({ low: num, high: num, below: count, above: count }),
  /** The seed's z test: the smallest |mean difference| it could detect at α. */
  seedZ: object({ detectable: num, reading: str }),
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
    /** Conformal intervals (levels of `intervals.levels`); empty without calibration. */
    intervals: array(object({ level: prob, low: num, high: num })),
  })),
  /** Indices into `points` of the largest absolute errors, largest first. */
  largestErrors: array(count),
  card: object({
    intendedUse: array(str),
    limitations: array(str),
    /** The fields the model reads: canonical name, source column, what it is, encoding, when it is known. */
    dictionary: array(object({ field: str, column: str, meaning: str, encoding: str, known: str })),
    featureGroups: array(object({ group: str, features: count, meaning: str })),
    period: nullable(object({ from: num, to: num, median: num })),
    composition: array(keyValue),
    dropped: array(object({ reason: str, count: count, lines: array(count) })),
    collectConfig: array(keyValue),
    trainConfig: array(keyValue),
    backend: str,
    adapter: str,
    members: array(
      object({ k: count, epochs: count, bestEpoch: count, bestValLoss: str, seconds: num }),
    ),
    versions: array(keyValue),
    commit: str,
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
/** One band of errors. */
export type ReportBand = Report["bands"]["actual"][number];
/** A fitted line. */
export type ReportLinearFit = NonNullable<Report["calibration"]>["fit"];
