/**
 * Turns benchmark runs (one per protocol and split seed) into mean ± sd figures and a Markdown table.
 *
 * @module
 */

/** One benchmark run: a protocol on one split seed. Times in seconds, memory in MiB, errors in score points. */
export interface BenchRun {
  protocol: string;
  seed: number;
  rows: number;
  features: number;
  /** Per stage: wall seconds of the stage's work and peak resident memory of its process. */
  stages: Record<string, { seconds: number; processSeconds: number; peakRssMiB: number | null }>;
  /**
   * Test-set metrics per predictor id (averaged, member-k, baseline-mean, baseline-ridge, ablations, and the
   * peers on the same split as `peer: <model>`).
   */
  metrics: Record<string, { rmse: number; mae: number; r2: number }>;
  /** Why the peers did not run, when they did not. */
  peersSkipped?: string;
}

/** The prefix of the peers' predictor ids. */
export const PEER_PREFIX = "peer: ";

/** A run's averaged ensemble RMSE over the best peer's on the same split; `null` without peers. */
export function peerRatio(run: BenchRun, ours = "averaged"): number | null {
  const peers = Object.entries(run.metrics).filter(([id]) => id.startsWith(PEER_PREFIX)).map(([, m]) =>
    m.rmse
  );
  const mine = run.metrics[ours]?.rmse;
  return peers.length > 0 && mine !== undefined ? mine / Math.min(...peers) : null;
}

/** Mean and sample standard deviation (0 for a single value). */
export interface MeanSd {
  mean: number;
  sd: number;
  n: number;
}

/** Mean and sample sd of `values`. */
export function meanSd(values: readonly number[]): MeanSd {
  const n = values.length;
  const mean = values.reduce((a, b) => a + b, 0) / n;
  const sd = n > 1 ? Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1)) : 0;
  return { mean, sd, n };
}

/** Per protocol: mean ± sd over seeds of every stage time, memory and predictor metric. */
export interface ProtocolSummary {
  protocol: string;
  seeds: number[];
  rows: number;
  features: number;
  stages: Record<string, { seconds: MeanSd; processSeconds: MeanSd; peakRssMiB: MeanSd | null }>;
  metrics: Record<string, { rmse: MeanSd; mae: MeanSd; r2: MeanSd }>;
  /** Averaged ensemble RMSE / best peer RMSE, per seed then mean ± sd; `null` when the peers did not run. */
  peerRatio: MeanSd | null;
}

/** Group runs by protocol (in first-seen order) and summarise each. */
export function summarizeBench(runs: readonly BenchRun[]): ProtocolSummary[] {
  const protocols = [...new Set(runs.map((r) => r.protocol))];
  return protocols.map((protocol) => {
    const group = runs.filter((r) => r.protocol === protocol);
    const stages: ProtocolSummary["stages"] = {};
    for (const stage of Object.keys(group[0].stages)) {
      const of = (f: (s: BenchRun["stages"][string]) => number | null) =>
        group.map((r) => f(r.stages[stage])).filter((v): v is number => v !== null && v !== undefined);
      const rss = of((s) => s?.peakRssMiB ?? null);
      stages[stage] = {
        seconds: meanSd(of((s) => s.seconds)),
        processSeconds: meanSd(of((s) => s.processSeconds)),
        peakRssMiB: rss.length ? meanSd(rss) : null,
      };
    }
    const metrics: ProtocolSummary["metrics"] = {};
    for (const id of Object.keys(group[0].metrics)) {
      const of = (key: "rmse" | "mae" | "r2") => meanSd(group.map((r) => r.metrics[id]?.[key] ?? NaN));
      metrics[id] = { rmse: of("rmse"), mae: of("mae"), r2: of("r2") };
    }
    const ratios = group.map((r) => peerRatio(r)).filter((v): v is number => v !== null);
    return {
      protocol,
      seeds: group.map((r) => r.seed),
      rows: group[0].rows,
      features: group[0].features,
      stages,
      metrics,
      peerRatio: ratios.length > 0 ? meanSd(ratios) : null,
    };
  });
}

const pm = (v: MeanSd | null | undefined, digits: number) =>
  !v || !Number.isFinite(v.mean) ? "–" : `${v.mean.toFixed(digits)} ± ${v.sd.toFixed(digits)}`;

/**
 * A Markdown table per protocol: test RMSE / MAE / R² of each predictor next to `references` (RMSE by predictor
 * name, e.g. the XGBoost figures), then stage times and memory.
 */
export function formatBenchTable(
  summaries: readonly ProtocolSummary[],
  references: Record<string, Record<string, number>> = {},
): string {
  const out: string[] = [];
  for (const s of summaries) {
    out.push(`### ${s.protocol} (${s.rows} rows, ${s.features} features, seeds ${s.seeds.join(", ")})`, "");
    out.push("| predictor | test RMSE | test MAE | test R² |", "|---|---|---|---|");
    for (const [id, m] of Object.entries(s.metrics)) {
      out.push(`| ${id} | ${pm(m.rmse, 3)} | ${pm(m.mae, 3)} | ${pm(m.r2, 3)} |`);
    }
    for (const [name, rmse] of Object.entries(references[s.protocol] ?? {})) {
      out.push(`| reference: ${name} | ${rmse.toFixed(3)} | | |`);
    }
    out.push("", "| stage | seconds (work) | seconds (process) | peak RSS MiB |", "|---|---|---|---|");
    for (const [stage, t] of Object.entries(s.stages)) {
      out.push(`| ${stage} | ${pm(t.seconds, 2)} | ${pm(t.processSeconds, 2)} | ${pm(t.peakRssMiB, 0)} |`);
    }
    out.push("");
  }
  return out.join("\n");
}

/**
 * One Markdown table of every protocol: our averaged ensemble, the peers on the same splits, their ratio (per
 * seed, then mean ± sd) and the train stage's seconds.
 */
export function formatPeerTable(summaries: readonly ProtocolSummary[]): string {
  const peers = [
    ...new Set(summaries.flatMap((s) => Object.keys(s.metrics).filter((id) => id.startsWith(PEER_PREFIX)))),
  ];
  const out = [
    `| protocol | seeds | ours (averaged) | ${peers.map((p) => p.slice(PEER_PREFIX.length)).join(" | ")}${
      peers.length ? " | " : ""
    }ours / best peer | train s |`,
    `|---|---|---|${peers.map(() => "---|").join("")}---|---|`,
  ];
  for (const s of summaries) {
    const cells = peers.map((p) => pm(s.metrics[p]?.rmse, 3));
    out.push(
      `| ${s.protocol} | ${s.seeds.join(", ")} | ${pm(s.metrics.averaged?.rmse, 3)} | ${cells.join(" | ")}${
        peers.length ? " | " : ""
      }${pm(s.peerRatio, 3)} | ${pm(s.stages.train?.seconds, 1)} |`,
    );
  }
  return out.join("\n") + "\n";
}
