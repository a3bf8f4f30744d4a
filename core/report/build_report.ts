/**
 * The analysis: from the collect artifacts and the members' predictions to the {@link Report}. Pure: data in,
 * data out; every random draw (bootstrap, permutations) comes from generators derived from `options.seed`.
 * Each section is built in its own module; this one joins them.
 *
 * @module
 */
import type { CollectManifest, PredictionRow, RowInfo, TrainSummary } from "../artifacts.ts";
import { createRandom, DEFAULT_SEED, deriveSeed } from "../random.ts";
import { fitGaussian } from "../analyze/gaussian_fit.ts";
import { histogram } from "../analyze/histogram.ts";
import { mean } from "../analyze/moments.ts";
import { largestAbsoluteErrors } from "../analyze/outliers.ts";
import { percentError } from "../analyze/percent_error.ts";
import { fitRidge, predictRidge } from "../analyze/ridge.ts";
import { normalQuantile } from "../analyze/_distributions.ts";
import type { Encoders } from "../features/encoders.ts";
import { type ConformalCalibration, predictionIntervals } from "../predict/conformal.ts";
import { type BenchResults, benchSpread, DEFAULT_PROTOCOL } from "./bench_spread.ts";
import { errorShape, seedDetectable } from "./error_shape.ts";
import { featureBalance } from "./feature_balance.ts";
import { hypothesisTests } from "./hypothesis_tests.ts";
import { intervalSection } from "./interval_section.ts";
import { joinPredictions } from "./join_predictions.ts";
import { fileName, modelCard } from "./model_card.ts";
import { pairedEvidence } from "./paired_evidence.ts";
import { ENSEMBLE_ID, MEAN_BASELINE_ID, memberId, RIDGE_BASELINE_ID } from "./predictor_ids.ts";
import { type Report, REPORT_SCHEMA_VERSION } from "./report_schema.ts";
import { type PredictorSeries, scorePredictors } from "./score_predictors.ts";
import { smallSampleWarnings } from "./small_sample.ts";
import { fmt, pct } from "./_format.ts";

/** What the analysis reads. */
export interface ReportInput {
  manifest: CollectManifest;
  /** Shape: [rows, features], row-major. */
  inputs: { data: ArrayLike<number>; shape: number[] };
  /** One per input column, `group:name`. */
  featureNames: readonly string[];
  /** Collect's fitted encoders (the data dictionary); `null` when absent. */
  encoders: Encoders | null;
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
  /** Train's conformal calibration; `null` when absent (the report then has no intervals). */
  conformal: ConformalCalibration | null;
  /** `bench/results.json`, when there is one. */
  bench: BenchResults | null;
  /** Versions of what analyze ran with, merged over collect's and train's. */
  versions?: Record<string, string>;
  /** The git commit of the code, when known. */
  commit?: string | null;
  /** Timestamp to record (ISO 8601). */
  createdAt: string;
}

/** Options of {@link buildReport}; {@link REPORT_DEFAULTS} holds their defaults. */
export interface ReportOptions {
  /** Significance level of every test. @default 0.05 */
  alpha?: number;
  /** Confidence level of every interval. @default 0.95 */
  level?: number;
  /** Seed of the bootstrap and permutation draws. @default 42 ({@link DEFAULT_SEED}) */
  seed?: number;
  /** Bootstrap resamples. @default 2000 */
  bootstrap?: number;
  /** Random swaps of the paired permutation test. @default 1999 */
  permutations?: number;
  /** Ridge penalty on standardised features. @default 1 */
  ridgeLambda?: number;
  /** How many of the largest absolute errors to list. @default 20 */
  top?: number;
  /** Target number of histogram bins. @default 30 */
  bins?: number;
  /** Below this many test movies the report warns that its figures are rough. @default 100 */
  minTest?: number;
}

/** The defaults of {@link ReportOptions} (what `deno task analyze` runs with). */
export const REPORT_DEFAULTS = {
  alpha: 0.05,
  level: 0.95,
  seed: DEFAULT_SEED,
  bootstrap: 2000,
  permutations: 1999,
  ridgeLambda: 1,
  top: 20,
  bins: 30,
  minTest: 100,
} satisfies Required<ReportOptions>;

/**
 * Score the averaged prediction, each member and two baselines fitted on the training rows (the training mean,
 * and ridge regression on the same input vectors) with bootstrap intervals; the paired evidence (bias,
 * calibration, bands); the hypothesis tests by question; errors and outliers; the prediction intervals'
 * coverage; the split's balance; the seed's analysis; and the model card.
 *
 * @throws {TypeError} when the members do not predict exactly the test rows, or their actual scores disagree
 * with collect's targets.
 * @throws {RangeError} for an option out of range or fewer than 2 test rows.
 */
export function buildReport(input: ReportInput, options: ReportOptions = {}): Report {
  const {
    alpha = REPORT_DEFAULTS.alpha,
    level = REPORT_DEFAULTS.level,
    seed = REPORT_DEFAULTS.seed,
    bootstrap = REPORT_DEFAULTS.bootstrap,
    permutations = REPORT_DEFAULTS.permutations,
    ridgeLambda = REPORT_DEFAULTS.ridgeLambda,
    top = REPORT_DEFAULTS.top,
    bins = REPORT_DEFAULTS.bins,
    minTest = REPORT_DEFAULTS.minTest,
  } = options;
  if (!(alpha > 0 && alpha < 1)) {
    throw new RangeError(`Cannot analyze: alpha must be in (0, 1), got ${alpha}`);
  }
  if (!(level > 0 && level < 1)) {
    throw new RangeError(`Cannot analyze: level must be in (0, 1), got ${level}`);
  }
  const { rows, targets, test, training } = input;
  if (test.length < 2) throw new RangeError(`Cannot analyze: need 2 or more test rows, got ${test.length}`);
  const K = input.members.length;
  const { actual, members: preds, averaged } = joinPredictions(input.members, test, targets);
  const trainScores = Float64Array.from(training, (r) => targets[r]);
  const rng = (label: string) => createRandom(deriveSeed(seed, label));

  // Baselines fitted on the training rows only.
  const trainMean = mean(trainScores);
  const meanBaseline = actual.map(() => trainMean);
  const features = input.inputs.shape[1] ?? 0;
  const ridge = fitRidge(input.inputs.data, features, targets, training, { lambda: ridgeLambda });
  const ridgePred = Float64Array.from(predictRidge(ridge, input.inputs.data, test));
  const series: PredictorSeries[] = [
    {
      id: ENSEMBLE_ID,
      label: `Ensemble (mean of ${K})`,
      short: "the ensemble",
      kind: "ensemble",
      description: `The average of the ${K} members' predictions for each movie.`,
      predicted: averaged,
    },
    ...preds.map((p, m) => ({
      id: memberId(m + 1),
      label: `Member ${m + 1}`,
      short: `member ${m + 1}`,
      kind: "member" as const,
      description: `Ensemble member ${m + 1}, trained on bag ${m + 1}.`,
      predicted: p,
    })),
    {
      id: MEAN_BASELINE_ID,
      label: "Baseline: training mean",
      short: "the training-mean baseline",
      kind: "baseline",
      description: `Predicts the mean training score (${fmt(trainMean)}) for every movie.`,
      predicted: meanBaseline,
    },
    {
      id: RIDGE_BASELINE_ID,
      label: "Baseline: ridge regression",
      short: "the ridge baseline",
      kind: "baseline",
      description:
        `A linear model (ridge, λ = ${ridgeLambda}) on the same ${features} standardised input features, fitted on the training rows.`,
      predicted: ridgePred,
    },
  ];
  const scored = scorePredictors(actual, series, rng("bootstrap"), { resamples: bootstrap, level });
  const ensembleMetrics = scored.predictors[0].metrics;
  const paired = pairedEvidence(actual, averaged, ensembleMetrics.pearson, rng("bands"), {
    resamples: bootstrap,
    level,
  });
  const { tests, families, skipped } = hypothesisTests({
    actual,
    averaged,
    baselines: series.filter((s) => s.kind === "baseline").map((s) => ({
      id: s.id,
      label: s.short,
      predicted: s.predicted,
    })),
    trainingScores: trainScores,
    alpha,
    permutations,
    rng: rng("permutation"),
  });
  const pe = percentError(actual, averaged);
  const shape = errorShape(actual, averaged, pe, { bins });
  const intervals = intervalSection(actual, averaged, input.conformal, level);

  // Distributions (the seed's Gaussian fits, kept as its analysis did).
  const scoreUnit = "IMDb score (0–10)";
  const actFit = fitGaussian(actual), predFit = fitGaussian(averaged), trainFit = fitGaussian(trainScores);
  const fits: Report["fits"] = [
    { series: "Actual (test rows)", ...actFit },
    { series: "Averaged prediction", ...predFit },
    ...preds.map((p, m) => ({ series: `Member ${m + 1}`, ...fitGaussian(p) })),
    { series: "Actual (training rows)", ...trainFit },
  ];
  const detectable = seedDetectable(actFit.sd, predFit.sd, -normalQuantile(alpha / 2));

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
    intervals: input.conformal ? predictionIntervals(averaged[i], input.conformal) : [],
  }));

  const summary = input.trainSummary;
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
  const versions = Object.fromEntries(
    Object.entries({ ...input.manifest.versions, ...(summary?.versions ?? {}), ...(input.versions ?? {}) })
      .map(([name, version]) => [name, String(version)]),
  );
  const file = fileName(input.manifest.input.path);
  const coverage = intervals
    ? intervals.levels.map((l) => `${pct(l.nominal, 0)} intervals covered ${pct(l.rate)} of test movies`)
      .join(", ")
    : null;

  return {
    schema: REPORT_SCHEMA_VERSION,
    createdAt: input.createdAt,
    alpha,
    source: {
      file,
      sha256: input.manifest.input.sha256,
      records: input.manifest.input.records,
      profile: input.manifest.profile,
      map: typeof input.manifest.config.map === "string" && input.manifest.config.map !== ""
        ? fileName(input.manifest.config.map)
        : null,
      credits: typeof input.manifest.config.credits === "string" && input.manifest.config.credits !== ""
        ? fileName(input.manifest.config.credits)
        : null,
    },
    counts: { members: K, test: test.length, training: training.length },
    warnings: smallSampleWarnings({
      test: test.length,
      minTest,
      hasIntervals: intervals !== null,
      hasTrainSummary: summary !== null,
      skipped,
    }),
    bootstrap: {
      method: "BCa, paired (the same resampled test movies for every predictor)",
      resamples: bootstrap,
      seed,
      level,
    },
    ...scored,
    ridge: { lambda: ridgeLambda, features },
    ...paired,
    tests,
    families,
    errors: shape.errors,
    outliers: shape.outliers,
    intervals,
    sampling: { balance: featureBalance(input.inputs.data, input.featureNames, training, test) },
    bench: benchSpread(input.bench, {
      file,
      rows: test.length + training.length,
      features,
      collect: {
        missing: String(input.manifest.config.missing ?? DEFAULT_PROTOCOL.missing),
        dedupe: input.manifest.config.dedupe !== false,
        features: String(input.manifest.config.features ?? DEFAULT_PROTOCOL.features),
      },
    }),
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
      percentError: shape.percentErrorHistogram,
    },
    percentErrorRange: shape.percentErrorRange,
    seedZ: {
      detectable,
      reading: `With these spreads the seed's z test rejects only when the means differ by more than ${
        fmt(detectable)
      } points (|z| > ${fmt(-normalQuantile(alpha / 2))}), about ${
        fmt(detectable / Math.max(actFit.sd, 1e-9), 2)
      } SDs of the actual scores: it cannot detect a realistic bias. The observed difference is ${
        fmt(predFit.mean - actFit.mean)
      } points.`,
    },
    points,
    largestErrors: largestAbsoluteErrors(actual, averaged, top),
    card: modelCard({
      manifest: input.manifest,
      encoders: input.encoders,
      rows,
      inputs: input.inputs.data,
      featureNames: input.featureNames,
      trainSummary: summary,
      versions,
      commit: input.commit ?? null,
      timings,
      ensembleRmse: ensembleMetrics.rmse,
      coverage,
    }),
  };
}
