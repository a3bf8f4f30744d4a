/**
 * The split-to-split spread that `deno task bench` measured on the same data, for the report's headline.
 *
 * @module
 */
import type { ProtocolSummary } from "../bench/summarize_bench.ts";
import type { Report } from "./report_schema.ts";
import { ENSEMBLE_ID } from "./predictor_ids.ts";
import { CLEAN_DEFAULTS } from "../collect/clean_movies.ts";
import { FIT_ENCODER_DEFAULTS } from "../features/fit_encoders.ts";

/** Collect's defaults as a {@link CollectProtocol}. */
export const DEFAULT_PROTOCOL: CollectProtocol = {
  missing: CLEAN_DEFAULTS.missing,
  dedupe: CLEAN_DEFAULTS.dedupe,
  features: FIT_ENCODER_DEFAULTS.preset,
};

/** The part of `bench/results.json` read here. */
export interface BenchResults {
  createdAt: string;
  config: { data?: string };
  summaries: ProtocolSummary[];
  /** Each protocol's collect flags (results written before they were recorded have none). */
  protocols?: Record<string, { collect?: string[] }>;
}

/** The collect options that make a protocol: what a report's run and a bench protocol must share. */
export interface CollectProtocol {
  missing: string;
  dedupe: boolean;
  features: string;
}

const basename = (path: string) => path.split(/[\\/]/).pop() ?? path;

/** The {@link CollectProtocol} of collect flags (`--missing drop --no-dedupe --features seed`), over defaults. */
export function collectProtocol(flags: readonly string[], defaults: CollectProtocol): CollectProtocol {
  const out = { ...defaults };
  for (let i = 0; i < flags.length; i++) {
    if (flags[i] === "--missing") out.missing = flags[++i];
    else if (flags[i] === "--features") out.features = flags[++i];
    else if (flags[i] === "--no-dedupe") out.dedupe = false;
    else if (flags[i] === "--dedupe") out.dedupe = true;
  }
  return out;
}

/**
 * The bench's ensemble figures (mean ± SD over split seeds) for the protocol run on the same file (by name),
 * with the same rows, and the same collect options (missing values, dedupe, feature preset) as this report;
 * for results that do not record their protocols' flags, the same number of features instead (which varies a
 * little between split seeds). `null` when no protocol matches.
 */
export function benchSpread(
  bench: BenchResults | null,
  data: { file: string; rows: number; features: number; collect: CollectProtocol },
): Report["bench"] {
  if (!bench || !bench.config?.data || basename(bench.config.data) !== data.file) return null;
  const same = (s: ProtocolSummary) => {
    const flags = bench.protocols?.[s.protocol]?.collect;
    if (!flags) return s.features === data.features;
    const p = collectProtocol(flags, DEFAULT_PROTOCOL);
    return p.missing === data.collect.missing && p.dedupe === data.collect.dedupe &&
      p.features === data.collect.features;
  };
  const match = bench.summaries.find((s) =>
    s.rows === data.rows && same(s) && s.metrics[ENSEMBLE_ID] && s.seeds.length > 1
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
