import { assertAlmostEquals, assertEquals, assertMatch } from "../_assert.ts";
import {
  type BenchRun,
  formatBenchTable,
  formatPeerTable,
  meanSd,
  peerRatio,
  summarizeBench,
} from "../../core/bench/summarize_bench.ts";

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

Deno.test("formatPeerTable() sets our averaged ensemble beside the peers of the same splits and their ratio", () => {
  const withPeers = (seed: number, ours: number, xgb: number, lgbm: number): BenchRun => ({
    ...run("impute", seed, ours, 10),
    stages: { train: { seconds: 8, processSeconds: 9, peakRssMiB: 100 } },
    metrics: {
      averaged: { rmse: ours, mae: 0, r2: 0 },
      "peer: xgboost": { rmse: xgb, mae: 0, r2: NaN },
      "peer: lightgbm": { rmse: lgbm, mae: 0, r2: NaN },
    },
  });
  const runs = [withPeers(1, 0.68, 0.7, 0.72), withPeers(2, 0.7, 0.72, 0.7)];
  assertAlmostEquals(peerRatio(runs[0])!, 0.68 / 0.7, 1e-12);
  const [summary] = summarizeBench(runs);
  assertAlmostEquals(summary.peerRatio!.mean, (0.68 / 0.7 + 1) / 2, 1e-12);
  const table = formatPeerTable([summary]);
  assertMatch(
    table,
    /^\| protocol \| seeds \| ours \(averaged\) \| xgboost \| lightgbm \| ours \/ best peer \| train s \|$/m,
  );
  assertMatch(
    table,
    /^\| impute \| 1, 2 \| 0\.690 ± 0\.014 \| 0\.710 ± 0\.014 \| 0\.710 ± 0\.014 \| 0\.986 ± 0\.020 \| 8\.0 ± 0\.0 \|$/m,
  );
  assertEquals(peerRatio(run("drop", 1, 0.6, 1)), null, "no peers, no ratio");
  assertEquals(summarizeBench([run("drop", 1, 0.6, 1)])[0].peerRatio, null);
});
