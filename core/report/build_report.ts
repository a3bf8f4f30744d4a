/**
 * The analysis: from the collect artifacts and the members' predictions to the {@link Report}. Pure: data in,
 * data out; the random generator for the bootstrap is derived from `options.seed`.
 *
 * @module
 */
import type { CollectManifest, PredictionRow, RowInfo, TrainSummary } from "../artifacts.ts";
import { createRandom, deriveSeed } from "../random.ts";
import { bootstrapRmseDifference } from "../analyze/bootstrap_rmse_difference.ts";
import { fitGaussian } from "../analyze/gaussian_fit.ts";
import { histogram } from "../analyze/histogram.ts";
import { ksTwoSample } from "../analyze/ks_two_sample.ts";
import { mean } from "../analyze/moments.ts";
import { largestAbsoluteErrors, percentErrorOutliers } from "../analyze/outliers.ts";
import { pairedTTest } from "../analyze/paired_t_test.ts";
import { percentError } from "../analyze/percent_error.ts";
import { regressionMetrics } from "../analyze/regression_metrics.ts";
import { fitRidge, predictRidge } from "../analyze/ridge.ts";
import { seedZTest } from "../analyze/seed_z_test.ts";
import type { TestResult } from "../analyze/test_result.ts";
import { welchTTest } from "../analyze/welch_t_test.ts";
import { type Report, REPORT_SCHEMA_VERSION, type ReportTest } from "./report_schema.ts";

/** What the analysis reads. */
export interface ReportInput {
  manifest: CollectManifest;
  /** Shape: [rows, features], row-major. */
  inputs: { data: ArrayLike<number>; shape: number[] };
  /** Shape: [rows]. */
  targets: ArrayLike<number>;
  rows: RowInfo[];
  /** Held-out row indices (the test index). */
  test: number[];
  /** Non-test row indices: the union of the bags' training and validation rows. */
  training: number[];
  /** One array per ensemble member, each covering every test row once. */
  members: PredictionRow[][];
  trainSummary: TrainSummary | null;
  /** Versions of what analyze ran with, merged over collect's and train's. */
  versions?: Record<string, string>;
  /** Timestamp to record (ISO 8601). */
  createdAt: string;
}

/** Options of {@link buildReport}. */
export interface ReportOptions {
  /** Significance level of every test. @default 0.05 */
  alpha?: number;
  /** Seed of the bootstrap resampling. @default 42 */
  seed?: number;
  /** Bootstrap resamples. @default 2000 */
  bootstrap?: number;
  /** Ridge penalty on standardised features. @default 1 */
  ridgeLambda?: number;
  /** How many of the largest absolute errors to list. @default 20 */
  top?: number;
  /** Target number of histogram bins. @default 30 */
  bins?: number;
}

const fmt = (x: number, digits = 3) => Number(x.toPrecision(digits)).toString();

/** A path recorded in collect's config, or `null` where it is absent or not a non-empty string. */
function configPath(value: unknown): string | null {
  return typeof value === "string" && value !== "" ? value : null;
}

/**
 * Score the averaged prediction, each member and two baselines fitted on the training rows (the training mean,
 * and ridge regression on the same input vectors), run the hypothesis tests, fit Gaussians, bin histograms and
 * find the outliers.
 *
 * @throws {TypeError} when the members do not predict exactly the test rows, or their actual scores disagree
 * with collect's targets.
 */
export function buildReport(input: ReportInput, options: ReportOptions = {}): Report {
  const { alpha = 0.05, seed = 42, bootstrap = 2000, ridgeLambda = 1, top = 20, bins = 30 } = options;
  if (!(alpha > 0 && alpha < 1)) {
    throw new RangeError(`Cannot analyze: alpha must be in (0, 1), got ${alpha}`);
  }
  const { members, rows, targets, test, training } = input;
  const K = members.length;
  if (K === 0) throw new TypeError("Cannot analyze: there are no prediction files");
  if (test.length < 2) throw new RangeError(`Cannot analyze: need 2 or more test rows, got ${test.length}`);

  // Join each member's predictions to the test index.
  const position = new Map(test.map((r, i) => [r, i]));
  const preds = members.map((member, m) => {
    if (member.length !== test.length) {
      throw new TypeError(
        `Cannot analyze member ${
          m + 1
        }: it predicts ${member.length} rows, the test index has ${test.length}`,
      );
    }
    const out = new Float64Array(test.length).fill(NaN);
    for (const p of member) {
      const i = position.get(p.row);
      if (i === undefined || !Number.isNaN(out[i])) {
        throw new TypeError(
          `Cannot analyze member ${m + 1}: row ${p.row} is not a test row, or appears twice`,
        );
      }
      if (Math.abs(p.Real_Score - targets[p.row]) > 1e-3) {
        throw new TypeError(
          `Cannot analyze member ${m + 1}: row ${p.row} has Real_Score ${p.Real_Score}, collect's target is ${
            targets[p.row]
          }`,
        );
      }
      out[i] = p.Predicted_Score;
    }
    return out;
  });
  const actual = Float64Array.from(test, (r) => targets[r]);
  const averaged = actual.map((_, i) => mean(preds.map((p) => p[i])));
  const trainScores = Float64Array.from(training, (r) => targets[r]);

  // Baselines fitted on the training rows only.
  const trainMean = mean(trainScores);
  const meanBaseline = actual.map(() => trainMean);
  const features = input.inputs.shape[1] ?? 0;
  const ridge = fitRidge(input.inputs.data, features, targets, training, { lambda: ridgeLambda });
  const ridgePred = Float64Array.from(predictRidge(ridge, input.inputs.data, test));

  const predictors: Report["predictors"] = [
    {
      id: "averaged",
      label: `Ensemble (mean of ${K})`,
      kind: "ensemble",
      description: `The average of the ${K} members' predictions for each movie.`,
      metrics: metricsOf(actual, averaged),
    },
    ...preds.map((p, m) => ({
      id: `member-${m + 1}`,
      label: `Member ${m + 1}`,
      kind: "member" as const,
      description: `Ensemble member ${m + 1}, trained on bag ${m + 1}.`,
      metrics: metricsOf(actual, p),
    })),
    {
      id: "baseline-mean",
      label: "Baseline: training mean",
      kind: "baseline",
      description: `Predicts the mean training score (${fmt(trainMean)}) for every movie.`,
      metrics: metricsOf(actual, meanBaseline),
    },
    {
      id: "baseline-ridge",
      label: "Baseline: ridge regression",
      kind: "baseline",
      description:
        `A linear model (ridge, λ = ${ridgeLambda}) on the same ${features} standardised input features, fitted on the training rows.`,
      metrics: metricsOf(actual, ridgePred),
    },
  ];

  // Hypothesis tests.
  const tests: ReportTest[] = [];
  const decide = (
    r: TestResult,
  ): ReportTest["decision"] => (r.pValue < alpha ? "reject H0" : "do not reject H0");
  const add = (
    t: Omit<ReportTest, "statistic" | "df" | "pValue" | "alpha" | "decision" | "reading"> & {
      result: TestResult;
      reading: (rejected: boolean) => string;
    },
  ) => {
    const { result, reading, ...rest } = t;
    const decision = decide(result);
    tests.push({
      ...rest,
      statistic: result.statistic,
      df: result.df,
      pValue: result.pValue,
      alpha,
      decision,
      reading: reading(decision === "reject H0"),
    });
  };
  const ma = mean(actual), mp = mean(averaged);
  const predFit = fitGaussian(averaged), actFit = fitGaussian(actual);

  const z = seedZTest(actual, averaged);
  add({
    id: "seed-z",
    group: "The seed's test",
    name: "The seed's z test (reproduced)",
    hypothesis: "The averaged predictions and the actual scores have the same mean.",
    method: "z = (mean_pred − mean_actual) / √(sd_a² + sd_p²), two-sided normal p-value, as in the seed",
    statisticName: "z",
    result: z,
    reading: (r) =>
      r
        ? `The seed's statistic (z = ${
          fmt(z.statistic)
        }) is beyond the normal critical value at α = ${alpha}.`
        : `The seed's statistic (z = ${
          fmt(z.statistic)
        }) is within the normal critical values, so this test finds no difference of means at α = ${alpha}.`,
    caveat:
      "Reproduced only to compare with the seed: its denominator is the spread of single scores, not the standard error of a mean (nothing is divided by n), so it almost never rejects, and it says nothing about whether individual predictions are accurate.",
  });

  const welch = welchTTest(averaged, actual);
  add({
    id: "welch-means",
    group: "Predicted vs actual",
    name: "Welch's t-test of the means",
    hypothesis: "The mean averaged prediction equals the mean actual score of the test movies.",
    method: "Welch's unequal-variance t-test, two-sided, Welch–Satterthwaite degrees of freedom",
    statisticName: "t",
    result: welch,
    reading: (r) =>
      r
        ? `The mean prediction (${fmt(mp)}) differs from the mean actual score (${
          fmt(ma)
        }) by more than chance would explain at α = ${alpha}: the model is biased by ${
          fmt(mp - ma)
        } points on average.`
        : `The data do not show a difference between the mean prediction (${
          fmt(mp)
        }) and the mean actual score (${fmt(ma)}) at α = ${alpha}.`,
    caveat:
      "Not rejecting does not show that the means are equal, and matching the average says nothing about accuracy movie by movie; the two samples describe one set of movies, so the independence the test assumes holds only roughly.",
  });

  const ks = ksTwoSample(averaged, actual);
  add({
    id: "ks-distributions",
    group: "Predicted vs actual",
    name: "Two-sample Kolmogorov–Smirnov test",
    hypothesis: "The averaged predictions and the actual scores come from the same distribution.",
    method: "Two-sample KS, two-sided, asymptotic p-value (Kolmogorov distribution with n = n₁n₂/(n₁+n₂))",
    statisticName: "D",
    result: ks,
    reading: (r) =>
      r
        ? `The distribution of predictions differs from that of the actual scores (largest gap between their CDFs D = ${
          fmt(ks.statistic)
        }; sd ${fmt(predFit.sd)} predicted vs ${fmt(actFit.sd)} actual).`
        : `The test did not detect a difference between the distributions of predicted and actual scores (D = ${
          fmt(ks.statistic)
        }).`,
    caveat:
      "It compares the two sets of scores as wholes, not movie by movie; not rejecting does not show that the distributions are the same, only that this sample cannot tell them apart.",
  });

  const sqErr = (p: ArrayLike<number>) => actual.map((a, i) => (p[i] - a) ** 2);
  const modelSq = sqErr(averaged);
  for (
    const [id, baseline, label] of [
      ["paired-mean", meanBaseline, "the training-mean baseline"],
      ["paired-ridge", ridgePred, "the ridge baseline"],
    ] as const
  ) {
    const baseSq = sqErr(baseline);
    const paired = pairedTTest(modelSq, baseSq);
    const diff = mean(modelSq) - mean(baseSq);
    add({
      id,
      group: "Model vs baseline",
      name: `Paired t-test of squared errors: model vs ${label.replace("the ", "")}`,
      hypothesis: `Per movie, the model's squared error and ${label}'s have the same mean.`,
      method: "Paired t-test on per-movie squared errors, two-sided, n − 1 degrees of freedom",
      statisticName: "t",
      result: paired,
      reading: (r) =>
        r
          ? `The model's mean squared error is ${diff < 0 ? "smaller" : "larger"} than ${label}'s (by ${
            fmt(Math.abs(diff))
          } points²): it predicts ${diff < 0 ? "better" : "worse"} than ${label} on these movies.`
          : `The data do not show a difference between the model's and ${label}'s mean squared error (difference ${
            fmt(diff)
          } points²).`,
      caveat:
        `It compares average squared error only, not which movies are predicted well; squared errors are skewed, so the t-test leans on the sample size (n = ${test.length}). Not rejecting does not show the two are equally good.`,
    });
  }

  const trainFit = fitGaussian(trainScores);
  const ksSampling = ksTwoSample(trainScores, actual);
  add({
    id: "sampling-ks",
    group: "Training vs test",
    name: "Kolmogorov–Smirnov test of training vs test scores",
    hypothesis: "The training rows' and the test rows' scores come from the same distribution.",
    method: "Two-sample KS, two-sided, asymptotic p-value",
    statisticName: "D",
    result: ksSampling,
    reading: (r) =>
      r
        ? `The test rows' scores are distributed differently from the training rows' (D = ${
          fmt(ksSampling.statistic)
        }): the held-out set was not sampled like the training set, or this is a chance result at α = ${alpha}.`
        : `The test did not detect a difference between the training and test score distributions (D = ${
          fmt(ksSampling.statistic)
        }), as expected of a random split.`,
    caveat:
      "Not rejecting does not prove the two sets are alike, only that there is no evidence against it at this sample size; it looks at scores only, not at the features.",
  });
  const welchSampling = welchTTest(trainScores, actual);
  add({
    id: "sampling-welch",
    group: "Training vs test",
    name: "Welch's t-test of training vs test mean scores",
    hypothesis: "The training rows and the test rows have the same mean score.",
    method: "Welch's unequal-variance t-test, two-sided",
    statisticName: "t",
    result: welchSampling,
    reading: (r) =>
      r
        ? `The mean score of the training rows (${fmt(trainFit.mean)}) differs from that of the test rows (${
          fmt(actFit.mean)
        }) at α = ${alpha}.`
        : `The data do not show a difference between the training (${fmt(trainFit.mean)}) and test (${
          fmt(actFit.mean)
        }) mean scores at α = ${alpha}.`,
    caveat:
      "Not rejecting does not show that the means are equal; it says nothing about the spread or shape of the scores.",
  });

  const boot = bootstrapRmseDifference(
    actual,
    averaged,
    meanBaseline,
    createRandom(deriveSeed(seed, "bootstrap")),
    {
      resamples: bootstrap,
    },
  );
  const bootReading = boot.high < 0
    ? `The whole ${
      boot.level * 100
    }% interval is below 0: the model's RMSE is lower than the training-mean baseline's by between ${
      fmt(-boot.high)
    } and ${fmt(-boot.low)} points.`
    : boot.low > 0
    ? `The whole ${
      boot.level * 100
    }% interval is above 0: the model's RMSE is higher than the training-mean baseline's.`
    : `The ${
      boot.level * 100
    }% interval contains 0: these data do not settle whether the model's RMSE is lower than the training-mean baseline's.`;

  // Distributions.
  const scoreUnit = "IMDb score (0–10)";
  const fits: Report["fits"] = [
    { series: "Actual (test rows)", ...actFit },
    { series: "Averaged prediction", ...predFit },
    ...preds.map((p, m) => ({ series: `Member ${m + 1}`, ...fitGaussian(p) })),
    { series: "Actual (training rows)", ...trainFit },
  ];
  const pe = percentError(actual, averaged);
  const outliers = percentErrorOutliers(pe);

  const points: Report["points"] = test.map((r, i) => ({
    row: r,
    line: rows[r].line,
    id: rows[r].id,
    title: rows[r].title,
    year: rows[r].year,
    director: rows[r].director,
    genres: rows[r].genres,
    actual: actual[i],
    predicted: averaged[i],
    error: averaged[i] - actual[i],
    percentError: pe[i],
    members: preds.map((p) => p[i]),
  }));

  const summary = input.trainSummary;
  // Earlier stages' records, copied field by field so that an extra field there cannot break the schema here.
  const finite = (entries: [string, unknown][]) =>
    entries.filter((e): e is [string, number] => typeof e[1] === "number" && Number.isFinite(e[1]));
  const timings: Report["card"]["timings"] = [
    ...finite(Object.entries(input.manifest.timings)).map(([step, seconds]) => ({
      stage: "collect",
      step,
      seconds,
    })),
    ...finite(Object.entries(summary?.timings ?? {})).map(([step, seconds]) => ({
      stage: "train",
      step,
      seconds,
    })),
  ];
  const dropped = Object.fromEntries(
    Object.entries(input.manifest.dropped).map((
      [reason, d],
    ) => [reason, { count: d.count, lines: [...d.lines] }]),
  );
  const memberSummaries = summary?.members?.map((m) => ({
    k: m.k,
    epochs: m.epochs,
    bestEpoch: m.bestEpoch,
    bestValLoss: Number.isFinite(m.bestValLoss) ? m.bestValLoss : null,
    seconds: m.seconds,
  })) ?? null;
  const versions = Object.fromEntries(
    Object.entries({ ...input.manifest.versions, ...(summary?.versions ?? {}), ...(input.versions ?? {}) })
      .map(([name, version]) => [name, String(version)]),
  );

  return {
    schema: REPORT_SCHEMA_VERSION,
    createdAt: input.createdAt,
    alpha,
    source: {
      path: input.manifest.input.path,
      sha256: input.manifest.input.sha256,
      records: input.manifest.input.records,
      profile: input.manifest.profile,
      map: configPath(input.manifest.config.map),
      credits: configPath(input.manifest.config.credits),
    },
    counts: { members: K, test: test.length, training: training.length },
    predictors,
    ridge: { lambda: ridgeLambda, features },
    tests,
    bootstrap: {
      comparison: "RMSE(ensemble) − RMSE(training-mean baseline), score points",
      estimate: boot.estimate,
      low: boot.low,
      high: boot.high,
      level: boot.level,
      resamples: boot.resamples,
      seed,
      reading: bootReading,
    },
    fits,
    histograms: {
      scores: histogram(
        [{ name: "Actual", values: actual }, { name: "Averaged prediction", values: averaged }],
        scoreUnit,
        { bins },
      ),
      members: histogram(
        [
          { name: "Actual", values: actual },
          ...preds.map((p, m) => ({ name: `Member ${m + 1}`, values: p })),
        ],
        scoreUnit,
        { bins },
      ),
      sampling: histogram(
        [{ name: "Training rows", values: trainScores }, { name: "Test rows", values: actual }],
        scoreUnit,
        { bins },
      ),
      percentError: histogram([{ name: "Percent error", values: pe }], "percent error (% of actual score)", {
        bins,
      }),
    },
    points,
    outliers: {
      rule: "percent error more than one standard deviation from the mean percent error (the seed's rule)",
      mean: outliers.mean,
      sd: outliers.sd,
      low: outliers.low,
      high: outliers.high,
      rows: outliers.indices,
    },
    largestErrors: largestAbsoluteErrors(actual, averaged, top),
    card: {
      dropped,
      featureCount: input.manifest.features.count,
      featureGroups: input.manifest.features.groups,
      collectConfig: input.manifest.config,
      trainConfig: summary?.config ?? null,
      backend: summary?.backend ?? null,
      adapter: summary?.adapter ?? null,
      members: memberSummaries,
      versions,
      timings,
      collectedAt: input.manifest.createdAt,
    },
  };
}

function metricsOf(
  actual: ArrayLike<number>,
  predicted: ArrayLike<number>,
): Report["predictors"][number]["metrics"] {
  const m = regressionMetrics(actual, predicted);
  return { ...m, pearson: Number.isFinite(m.pearson) ? m.pearson : null };
}
