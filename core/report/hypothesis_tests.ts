/**
 * The report's hypothesis tests, grouped by the question they answer. Within a question (a family) the
 * p-values are Holm-adjusted and each decision is made on the adjusted p-value, so that asking one question
 * several ways does not inflate the chance of a false "reject".
 *
 * @module
 */
import type { Random } from "../random.ts";
import { holmAdjust } from "../analyze/holm.ts";
import { ksTwoSample } from "../analyze/ks_two_sample.ts";
import { mean } from "../analyze/moments.ts";
import { pairedPermutationTest } from "../analyze/paired_permutation_test.ts";
import { pairedTTest } from "../analyze/paired_t_test.ts";
import { seedZTest } from "../analyze/seed_z_test.ts";
import type { TestResult } from "../analyze/test_result.ts";
import { welchTTest } from "../analyze/welch_t_test.ts";
import { wilcoxonSignedRank } from "../analyze/wilcoxon_signed_rank.ts";
import type { Report, ReportTest } from "./report_schema.ts";
import { fmt } from "./_format.ts";

/** The questions, in the order the report asks them. */
export const TEST_FAMILIES = [
  { id: "bias", question: "Are the ensemble's predictions biased on average?" },
  { id: "baselines", question: "Does the ensemble predict better than each baseline?" },
  { id: "distribution", question: "Do predicted and actual scores have the same distribution?" },
  { id: "sampling", question: "Were the training and test movies drawn alike?" },
  { id: "seed", question: "The seed's test, reproduced" },
] as const;

/** What the tests read. Scores in points; arrays of test rows are in test-index order. */
export interface TestInputs {
  actual: ArrayLike<number>;
  averaged: ArrayLike<number>;
  baselines: { id: string; label: string; predicted: ArrayLike<number> }[];
  trainingScores: ArrayLike<number>;
  alpha: number;
  /** Random swaps of the distribution test (all 2ⁿ when that is fewer). */
  permutations: number;
  rng: Random;
}

type Draft = Omit<ReportTest, "adjustedPValue" | "decision" | "reading" | "alpha"> & {
  reading: (rejected: boolean) => string;
};

/**
 * Run every test that the data allow; a test whose data are too few (a RangeError) is left out and named in
 * `skipped`.
 */
export function hypothesisTests(
  input: TestInputs,
): Pick<Report, "tests" | "families"> & { skipped: string[] } {
  const { actual, averaged, trainingScores, alpha } = input;
  const n = actual.length;
  const errors = Float64Array.from(actual, (a, i) => averaged[i] - a);
  const drafts: Draft[] = [];
  const skipped: string[] = [];
  const add = (name: string, make: () => Draft) => {
    try {
      drafts.push(make());
    } catch (error) {
      if (!(error instanceof RangeError)) throw error;
      skipped.push(`${name}: ${error.message}`);
    }
  };
  const base = (r: TestResult) => ({ statistic: r.statistic, df: r.df, pValue: r.pValue });
  const meanError = mean(errors);

  add("paired t-test of the errors", () => {
    const r = pairedTTest(averaged, actual);
    return {
      id: "bias-t",
      family: "bias",
      name: "Paired t-test of the errors",
      hypothesis: "The mean of predicted − actual over the test movies is 0.",
      method: "One-sample t-test on the per-movie errors, two-sided, n − 1 degrees of freedom",
      statisticName: "t",
      ...base(r),
      reading: (rej) =>
        rej
          ? `The mean error (${fmt(meanError)} points) is not 0: the ensemble ${
            meanError > 0 ? "over" : "under"
          }-predicts on average.`
          : `The mean error (${fmt(meanError)} points) is within chance of 0.`,
      caveat:
        "Not rejecting does not show that there is no bias, only that it is smaller than these movies can detect (see the bias interval); a zero mean error can hide errors that cancel between low- and high-rated movies.",
    };
  });
  add("Wilcoxon signed-rank test", () => {
    const r = wilcoxonSignedRank(errors);
    return {
      id: "bias-wilcoxon",
      family: "bias",
      name: "Wilcoxon signed-rank test of the errors",
      hypothesis: "The per-movie errors are distributed symmetrically about 0.",
      method: `Signed ranks of the non-zero errors, two-sided, ${
        r.method === "exact"
          ? "exact null distribution"
          : r.method === "permutation"
          ? "all sign flips"
          : "normal approximation with tie correction"
      } (n = ${r.n})`,
      statisticName: "W",
      ...base(r),
      reading: (rej) =>
        rej
          ? "Over- and under-predictions are not balanced around 0: the typical movie is predicted off-centre."
          : "Over- and under-predictions balance around 0 within chance.",
      caveat:
        "Robust to a few large errors, unlike the t-test, but it tests symmetry about 0, not the mean; not rejecting does not show that the errors are centred.",
    };
  });
  for (const b of input.baselines) {
    add(`paired t-test against ${b.label}`, () => {
      const sq = (p: ArrayLike<number>) => Float64Array.from(actual, (a, i) => (p[i] - a) ** 2);
      const model = sq(averaged), other = sq(b.predicted);
      const r = pairedTTest(model, other);
      const diff = mean(model) - mean(other);
      return {
        id: `vs-${b.id}`,
        family: "baselines",
        name: `Paired t-test of squared errors: ensemble vs ${b.label}`,
        hypothesis: `Per movie, the ensemble's squared error and that of ${b.label} have the same mean.`,
        method: "Paired t-test on per-movie squared errors, two-sided, n − 1 degrees of freedom",
        statisticName: "t",
        ...base(r),
        reading: (rej) =>
          rej
            ? `The ensemble's mean squared error is ${
              diff < 0 ? "smaller" : "larger"
            } than that of ${b.label} by ${fmt(Math.abs(diff))} points²: it predicts ${
              diff < 0 ? "better" : "worse"
            } on these movies.`
            : `These movies do not show a difference between the ensemble's and ${b.label}'s mean squared error (difference ${
              fmt(diff)
            } points²).`,
        caveat:
          `Squared errors are skewed, so the t-test leans on the sample size (n = ${n}); the RMSE differences with their bootstrap intervals on the overview are the better measure of how much better.`,
      };
    });
  }
  add("paired permutation test of the distributions", () => {
    const ks = (x: Float64Array, y: Float64Array) => ksTwoSample(x, y, { method: "asymptotic" }).statistic;
    const r = pairedPermutationTest(averaged, actual, ks, input.rng, { resamples: input.permutations });
    return {
      id: "distribution-permutation",
      family: "distribution",
      name: "Paired permutation test of the distributions (Kolmogorov–Smirnov distance)",
      hypothesis: "Within each movie, the predicted and the actual score are exchangeable.",
      method: `The largest gap D between the two empirical CDFs, against ${
        r.method === "exact" ? `all ${r.resamples}` : `${r.resamples} random`
      } swaps of predicted and actual within movies; one-sided (large D is extreme)`,
      statisticName: "D",
      statistic: r.statistic,
      df: null,
      pValue: r.pValue,
      reading: (rej) =>
        rej
          ? "The predictions are distributed differently from the actual scores. Mostly they spread less: that is the shrinkage any imperfect predictor shows (see the distributions page), not a sign of poor accuracy."
          : "These movies do not show a difference between the distributions of predicted and actual scores.",
      caveat:
        "It keeps each movie's pair together, unlike an unpaired two-sample test, which ignores that both scores describe the same movie. It says nothing about accuracy: a model can match the distribution and still be wrong on every movie.",
    };
  });
  const trainMean = mean(trainingScores), testMean = mean(actual);
  add("Kolmogorov–Smirnov test of training vs test", () => {
    const r = ksTwoSample(trainingScores, actual);
    return {
      id: "sampling-ks",
      family: "sampling",
      name: "Kolmogorov–Smirnov test of training vs test scores",
      hypothesis: "The training rows' and the test rows' scores come from the same distribution.",
      method: `Two-sample KS, two-sided, ${r.method} p-value${
        r.method === "exact" ? " (for continuous data; scores have ties, which makes it conservative)" : ""
      }`,
      statisticName: "D",
      ...base(r),
      reading: (rej) =>
        rej
          ? `The test rows' scores are distributed differently from the training rows' (D = ${
            fmt(r.statistic)
          }): the split was not random, or this is a chance result.`
          : `The test did not detect a difference between the training and test score distributions (D = ${
            fmt(r.statistic)
          }), as expected of a random split.`,
      caveat:
        "Training and test rows are different movies, so an unpaired test is right here. Not rejecting is no proof that the two sets are alike; the features are compared on the sampling page.",
    };
  });
  add("Welch's t-test of training vs test", () => {
    const r = welchTTest(trainingScores, actual);
    return {
      id: "sampling-welch",
      family: "sampling",
      name: "Welch's t-test of training vs test mean scores",
      hypothesis: "The training rows and the test rows have the same mean score.",
      method: "Welch's unequal-variance t-test, two-sided",
      statisticName: "t",
      ...base(r),
      reading: (rej) =>
        rej
          ? `The mean score of the training rows (${fmt(trainMean)}) differs from that of the test rows (${
            fmt(testMean)
          }).`
          : `These data do not show a difference between the training (${fmt(trainMean)}) and test (${
            fmt(testMean)
          }) mean scores.`,
      caveat:
        "Not rejecting does not show that the means are equal; it says nothing about the spread or shape.",
    };
  });
  add("the seed's z test", () => {
    const r = seedZTest(actual, averaged);
    return {
      id: "seed-z",
      family: "seed",
      name: "The seed's z test (reproduced)",
      hypothesis: "The averaged predictions and the actual scores have the same mean.",
      method: "z = (mean_pred − mean_actual) / √(sd_a² + sd_p²), two-sided normal p-value, as in the seed",
      statisticName: "z",
      ...base(r),
      reading: (rej) =>
        rej
          ? `The seed's statistic (z = ${fmt(r.statistic)}) is beyond the normal critical value.`
          : `The seed's statistic (z = ${
            fmt(r.statistic)
          }) is within the critical values; this test could not have found a realistic difference of means anyway (see below).`,
      caveat:
        "Reproduced only to compare with the seed: its denominator is the spread of single scores, not the standard error of a mean (nothing is divided by n), so it almost never rejects. The paired t-test of the errors is the test of bias.",
    };
  });

  const tests: ReportTest[] = [];
  const families: Report["families"] = [];
  for (const f of TEST_FAMILIES) {
    const members = drafts.filter((d) => d.family === f.id);
    if (members.length === 0) continue;
    const adjusted = holmAdjust(members.map((d) => d.pValue));
    members.forEach((d, i) => {
      const { reading, ...rest } = d;
      const rejected = adjusted[i] < alpha;
      tests.push({
        ...rest,
        adjustedPValue: adjusted[i],
        alpha,
        decision: rejected ? "reject H0" : "do not reject H0",
        reading: reading(rejected),
      });
    });
    families.push({
      id: f.id,
      question: f.question,
      tests: members.map((d) => d.id),
      adjustment: members.length > 1 ? `Holm over ${members.length} tests` : "none (one test)",
    });
  }
  return { tests, families, skipped };
}
