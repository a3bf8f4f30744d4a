/**
 * The split-to-split spread that `deno task bench` measured on the same data, for the report's headline.
 *
 * @module
 */
import type { ProtocolSummary } from "../bench/summarize_bench.ts";
import type { Report } from "./report_schema.ts";
import { ENSEMBLE_ID } from "./predictor_ids.ts";

/** The part of `bench/results.json` read here. */
export interface BenchResults {
  createdAt: string;
  config: { data?: string };
  summaries: ProtocolSummary[];
}

const basename = (path: string) => path.split(/[\\/]/).pop() ?? path;

/**
 * The bench's ensemble figures (mean ± SD over split seeds) for the protocol run on the same file (by name)
 * with the same number of rows and features as this report; `null` when no protocol matches.
 */
export function benchSpread(
  bench: BenchResults | null,
  data: { file: string; rows: number; features: number },
): Report["bench"] {
  if (!bench || !bench.config?.data || basename(bench.config.data) !== data.file) return null;
  const match = bench.summaries.find((s) =>
    s.rows === data.rows && s.features === data.features && s.metrics[ENSEMBLE_ID] && s.seeds.length > 1
  );
  if (!match) return null;
  const m = match.metrics[ENSEMBLE_ID];
  const pick = (v: { mean: number; sd: number }) => ({ mean: v.mean, sd: v.sd });
  return {
    createdAt: bench.createdAt,
    protocol: match.protocol,
    seeds: match.seeds,
    rmse: pick(m.rmse),
    mae: pick(m.mae),
    r2: pick(m.r2),
  };
}
