import { assertAlmostEquals, assertEquals, assertMatch } from "../_assert.ts";
import { type BenchRun, formatBenchTable, meanSd, summarizeBench } from "../../core/bench/summarize_bench.ts";

const run = (protocol: string, seed: number, rmse: number, seconds: number): BenchRun => ({
  protocol,
  seed,
  rows: 100,
  features: 10,
  stages: { collect: { seconds, processSeconds: seconds + 1, peakRssMiB: 50 } },
  metrics: { ensemble: { rmse, mae: rmse / 2, r2: 0.5 } },
});

Deno.test("meanSd() gives the mean and the sample standard deviation", () => {
  const { mean, sd, n } = meanSd([1, 2, 3, 4]);
  assertEquals([mean, n], [2.5, 4]);
  assertAlmostEquals(sd, Math.sqrt(5 / 3), 1e-12);
  assertEquals(meanSd([7]).sd, 0);
});

Deno.test("summarizeBench() groups runs by protocol and averages over seeds", () => {
  const [a, b] = summarizeBench([run("impute", 1, 0.7, 2), run("drop", 1, 0.6, 1), run("impute", 2, 0.9, 4)]);
  assertEquals([a.protocol, b.protocol], ["impute", "drop"]);
  assertEquals(a.seeds, [1, 2]);
  assertAlmostEquals(a.metrics.ensemble.rmse.mean, 0.8, 1e-12);
  assertAlmostEquals(a.stages.collect.seconds.mean, 3, 1e-12);
  assertEquals(b.metrics.ensemble.rmse.n, 1);
});

Deno.test("formatBenchTable() shows mean ± sd beside the reference figures", () => {
  const table = formatBenchTable(summarizeBench([run("impute", 1, 0.7, 2), run("impute", 2, 0.9, 4)]), {
    impute: { XGBoost: 0.696 },
  });
  assertMatch(table, /\| ensemble \| 0\.800 ± 0\.141 \|/);
  assertMatch(table, /\| reference: XGBoost \| 0\.696 \|/);
  assertMatch(table, /\| collect \| 3\.00 ± 1\.41 \|/);
});
