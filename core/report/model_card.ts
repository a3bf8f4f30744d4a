/**
 * The data and model card: intended use, limitations, a data dictionary of the fields the model reads, the
 * data's period and composition, what was dropped, configuration, versions and the commit. Every value is text
 * or a number: no `null`s, and file names instead of the build machine's paths.
 *
 * @module
 */
import type { CollectManifest, RowInfo, TrainSummary } from "../artifacts.ts";
import { median } from "../analyze/quantile.ts";
import type { Encoders } from "../features/encoders.ts";
import type { Report } from "./report_schema.ts";
import { FIELD_GLOSSARY, GROUP_MEANINGS } from "./field_glossary.ts";
import { fmt, pct } from "./_format.ts";
import { extent } from "../extent.ts";

/** What the card reads. */
export interface CardInput {
  manifest: CollectManifest;
  encoders: Encoders | null;
  rows: readonly RowInfo[];
  /** Shape: [rows, features], row-major, with `featureNames` naming the columns. */
  inputs: ArrayLike<number>;
  featureNames: readonly string[];
  trainSummary: TrainSummary | null;
  versions: Record<string, string>;
  commit: string | null;
  timings: Report["card"]["timings"];
  ensembleRmse: number;
  coverage: string | null;
}

/** The last part of a path, so no directory of the build machine reaches the report. */
export function fileName(path: string): string {
  return path.split(/[\\/]/).filter((p) => p !== "").pop() ?? path;
}

/** A config value as text: file names for paths, "none" for null, JSON for lists and objects. */
function asText(key: string, value: unknown): string {
  if (value === null || value === undefined) return "none";
  if (typeof value === "string") {
    return /[\\/]/.test(value) || ["data", "out", "map", "credits"].includes(key) ? fileName(value) : value;
  }
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

const keyValues = (config: Record<string, unknown> | null | undefined) =>
  Object.entries(config ?? {}).map(([name, value]) => ({ name, value: asText(name, value) }));

/** The fields the encoders read, with their source columns, meaning, encoding and timing. */
function dictionary(encoders: Encoders): Report["card"]["dictionary"] {
  const { map, blocks } = encoders;
  const out: Report["card"]["dictionary"] = [];
  const entry = (field: string, column: string, encoding: string) => {
    const g = FIELD_GLOSSARY[field];
    out.push({
      field,
      column,
      meaning: g?.meaning ?? `As given in column ${column}`,
      encoding,
      known: g?.known ?? "unknown",
    });
  };
  const encodings = (test: (b: Encoders["blocks"][number]) => boolean) => {
    const kinds = blocks.filter(test).map((b) =>
      b.kind === "number"
        ? `${b.log ? "log, " : ""}standardised${b.flag ? ", missing flag" : ""}`
        : b.kind === "minmax"
        ? "scaled 0–100"
        : b.kind === "onehot"
        ? `one-hot, ${b.vocab.length} values${b.other ? " + other" : ""}`
        : b.kind === "target"
        ? `target encoding (${b.reduce})`
        : b.kind === "wordMean"
        ? `mean Word2Vec vector (${b.dim} dimensions)`
        : `Word2Vec vectors of the first ${b.slots} keywords`
    );
    return [...new Set(kinds)].join("; ");
  };
  const roleOf = (b: Encoders["blocks"][number]) =>
    b.kind === "onehot" || b.kind === "target"
      ? b.source
      : b.kind.startsWith("word")
      ? { role: "keywords" }
      : null;
  for (const role of ["director", "actors", "genres", "keywords"] as const) {
    const used = blocks.some((b) => roleOf(b)?.role === role);
    const spec = role === "actors" ? map.actors : map[role];
    if (!used || !spec) continue;
    const column = Array.isArray(spec) ? spec.map((s) => s.column).join(", ") : spec.column;
    entry(role, column, encodings((b) => roleOf(b)?.role === role));
  }
  for (const [name, spec] of Object.entries(map.numbers ?? {})) {
    const used = blocks.some((b) =>
      ((b.kind === "number" || b.kind === "minmax") && b.field === name) ||
      (b.kind === "onehot" && b.source.role === "number" && b.source.name === name)
    );
    if (used) {
      entry(
        name,
        spec.column,
        encodings((b) =>
          ((b.kind === "number" || b.kind === "minmax") && b.field === name) ||
          (b.kind === "onehot" && b.source.role === "number" && b.source.name === name)
        ),
      );
    }
  }
  for (const [name, spec] of Object.entries(map.categories ?? {})) {
    const test = (b: Encoders["blocks"][number]) =>
      b.kind === "onehot" && b.source.role === "category" && b.source.name === name;
    if (blocks.some(test)) entry(name, spec.column, encodings(test));
  }
  return out;
}

/** Shares of the most common values of one-hot columns `group:prefix…` among all rows. */
function topShares(input: CardInput, prefix: string, top: number): [string, number][] {
  const f = input.featureNames.length;
  const n = input.rows.length;
  const cols = input.featureNames.map((name, j) => ({ name, j })).filter((c) => c.name.startsWith(prefix));
  return cols.map(({ name, j }) => {
    let s = 0;
    for (let r = 0; r < n; r++) s += input.inputs[r * f + j];
    return [name.slice(prefix.length), s / n] as [string, number];
  }).sort((a, b) => b[1] - a[1]).slice(0, top);
}

/** Build the card. */
export function modelCard(input: CardInput): Report["card"] {
  const { manifest, encoders, rows, trainSummary: summary } = input;
  const years = rows.map((r) => r.year).filter((y): y is number => y !== null);
  const { min, max } = extent(years);
  const period = years.length ? { from: min, to: max, median: median(years) } : null;
  const composition: Report["card"]["composition"] = [];
  const share = (label: string, entries: [string, number][]) => {
    if (entries.length) {
      composition.push({ name: label, value: entries.map(([v, s]) => `${v} ${pct(s, 0)}`).join(", ") });
    }
  };
  share("Countries", topShares(input, "cat:country=", 4));
  share("Languages", topShares(input, "cat:language=", 3));
  share("Content ratings", topShares(input, "cat:content_rating=", 4));
  share("MPAA ratings", topShares(input, "cat:mpaa_rating=", 4));
  const genreCounts = new Map<string, number>();
  for (const r of rows) for (const g of r.genres) genreCounts.set(g, (genreCounts.get(g) ?? 0) + 1);
  share(
    "Genres (a movie can have several)",
    [...genreCounts].sort((a, b) => b[1] - a[1]).slice(0, 5).map(([g, c]) => [g, c / rows.length]),
  );

  const dict = encoders && Array.isArray(encoders.blocks) && encoders.map ? dictionary(encoders) : [];
  const after = dict.filter((d) => d.known !== "before release").map((d) => d.field);
  const limitations = [
    after.length > 0
      ? `It reads fields that exist only after a movie is released or that were collected later (${
        after.join(", ")
      }). ` +
        "An unreleased film cannot be scored fairly: those fields would be missing and imputed with training medians, " +
        "which describe released movies."
      : "Every field it reads is known before release.",
    period
      ? `The data cover release years ${period.from} to ${period.to} (median ${period.median}); ` +
        "tastes, budgets and vote counts of other periods may differ."
      : "The data carry no release years, so their period is unknown.",
    composition.length
      ? `The data over-represent some kinds of movie: ${
        composition.map((c) => `${c.name.toLowerCase()}: ${c.value}`).join("; ")
      }. ` +
        "Scores of other kinds are less certain than the averages suggest."
      : "The data's composition could not be summarised.",
    `Typical error: an RMSE of ${
      fmt(input.ensembleRmse)
    } points on held-out movies; errors are largest for ` +
    "movies rated below 5, which it over-predicts (see the errors page).",
    input.coverage
      ? `Prediction intervals are calibrated on average (${input.coverage}), not for each kind of movie.`
      : "This run has no calibrated prediction intervals (train again to make them).",
    "IMDb scores are the opinions of IMDb's voters, who are not a sample of all viewers.",
  ];
  const intendedUse = [
    "Estimating the IMDb score of a released movie from its metadata, with a calibrated interval, for exploration and teaching.",
    "Comparing the network with simple baselines on the same movies, with the uncertainty of every figure.",
    "Not for decisions about real films or people: it reads post-release popularity signals and learns the biases of its data.",
  ];
  const dropped = Object.entries(manifest.dropped).map(([reason, d]) => ({
    reason,
    count: d.count,
    lines: [...d.lines],
  }));
  return {
    intendedUse,
    limitations,
    dictionary: dict,
    featureGroups: Object.entries(manifest.features.groups).map(([group, features]) => ({
      group,
      features,
      meaning: GROUP_MEANINGS[group] ?? "Encoded columns",
    })),
    period,
    composition,
    dropped,
    collectConfig: keyValues(manifest.config),
    trainConfig: keyValues(summary?.config),
    backend: summary?.backend ?? "not recorded (no train summary)",
    adapter: summary?.adapter ?? "none",
    members: (summary?.members ?? []).map((m) => ({
      k: m.k,
      epochs: m.epochs,
      bestEpoch: m.bestEpoch,
      bestValLoss: Number.isFinite(m.bestValLoss) ? m.bestValLoss.toPrecision(4) : "not recorded",
      seconds: m.seconds,
    })),
    versions: Object.entries(input.versions).map(([name, value]) => ({ name, value })),
    commit: input.commit ?? "not a git checkout",
    timings: input.timings,
    collectedAt: manifest.createdAt,
  };
}
