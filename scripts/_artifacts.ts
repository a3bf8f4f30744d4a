/**
 * Typed loaders of the artifacts one stage leaves for the next (see `core/artifacts.ts`). A later stage reads
 * through these, never by re-deriving what an earlier stage knew.
 *
 * @module
 */
import { parse } from "csv-parse/sync";
import {
  type CollectManifest,
  PATHS,
  PREDICTION_COLUMNS,
  type PredictionData,
  type PredictionRow,
  type RowInfo,
  type TestIndex,
  type TrainIndex,
  type TrainSummary,
} from "../core/artifacts.ts";
import { checkMemberRecord } from "../core/train/member_record.ts";
import { sha256, sha256Json } from "../core/digest.ts";
import { decodeNpy, type NpyArray } from "../core/npy.ts";
import { type DataDigests, digestMatrix, digestRows } from "../core/train/fingerprint.ts";
import { stageCommand } from "./_cli.ts";
import { exists, join, readFileNamed, readJsonFile, readTextNamed } from "./_fs.ts";

/** What collect wrote, loaded. */
export interface CollectArtifacts {
  manifest: CollectManifest;
  /** Shape: [rows, features]. */
  inputs: NpyArray;
  /** Shape: [rows]. */
  targets: Float32Array;
  featureNames: string[];
  rows: RowInfo[];
  test: TestIndex;
  /** Bags 1..K, in order. */
  bags: TrainIndex[];
}

/** Load a `.npy` file. */
export async function loadNpy(path: string): Promise<NpyArray> {
  return decodeNpy(await readFileNamed(path, ".npy file"), path);
}

/** Load everything collect wrote under `out`; a missing file says to run `deno task collect` first. */
export async function loadCollectArtifacts(out: string): Promise<CollectArtifacts> {
  const manifestPath = join(out, PATHS.manifest);
  if (!(await exists(manifestPath))) {
    throw new Deno.errors.NotFound(
      `Cannot read collect artifacts in ${JSON.stringify(out)}: ${manifestPath} is missing (run ${
        stageCommand("collect", out)
      } first)`,
    );
  }
  const manifest = await readJsonFile<CollectManifest>(manifestPath, "manifest");
  const inputs = await loadNpy(join(out, PATHS.inputVectors));
  const targets = (await loadNpy(join(out, PATHS.outputData))).data;
  const featureNames = await readJsonFile<string[]>(join(out, PATHS.featureNames), "feature names");
  const rows = await readJsonFile<RowInfo[]>(join(out, PATHS.rows), "row index");
  const test = await readJsonFile<TestIndex>(join(out, PATHS.testIndex), "test index");
  const bags: TrainIndex[] = [];
  for (let k = 1; k <= manifest.rows.train.length; k++) {
    bags.push(await readJsonFile<TrainIndex>(join(out, PATHS.trainIndex(k)), "training index"));
  }
  if (inputs.shape[0] !== rows.length || targets.length !== rows.length) {
    throw new TypeError(
      `Cannot use collect artifacts in ${JSON.stringify(out)}: ${
        inputs.shape[0]
      } vectors, ${targets.length} targets, ${rows.length} rows`,
    );
  }
  return { manifest, inputs, targets, featureNames, rows, test, bags };
}

/**
 * Digests of collect's artifacts under `out` that a model reads, with `inputs` the digest of the raw vectors
 * (a member reading auto-encoder codes replaces it with theirs).
 */
export async function dataDigests(out: string, artifacts: CollectArtifacts): Promise<DataDigests> {
  return {
    inputs: await digestMatrix(artifacts.inputs.data, artifacts.inputs.shape),
    targets: await sha256(artifacts.targets),
    features: await sha256Json(artifacts.featureNames),
    encoders: await encodersDigest(out),
  };
}

/** The digest of `encoders.json` under `out` (its bytes). */
export async function encodersDigest(out: string): Promise<string> {
  return sha256(await readFileNamed(join(out, PATHS.encoders), "encoders"));
}

/** What train's predictions of the test rows are made from, as {@link TrainSummary} records it. */
export async function predictionData(artifacts: CollectArtifacts): Promise<PredictionData> {
  return {
    vectors: await digestMatrix(artifacts.inputs.data, artifacts.inputs.shape),
    targets: await sha256(artifacts.targets),
    test: await digestRows(artifacts.test.test),
  };
}

/**
 * Load `movie_prediction_{k}.csv` of each member `k` of `ks` (the train summary's members), in that order.
 *
 * @throws {Deno.errors.NotFound} when one is missing, saying to run train.
 */
export async function loadPredictions(out: string, ks: readonly number[]): Promise<PredictionRow[][]> {
  const members: PredictionRow[][] = [];
  for (const k of ks) {
    const path = join(out, PATHS.prediction(k));
    if (!(await exists(path))) {
      throw new Deno.errors.NotFound(
        `Cannot read predictions in ${JSON.stringify(out)}: ${path} of member ${k} is missing (run ${
          stageCommand("train", out)
        })`,
      );
    }
    const text = await readTextNamed(path, "prediction CSV");
    const records = parse(text, { columns: true, bom: true, skip_empty_lines: true }) as Record<
      string,
      string
    >[];
    members.push(records.map((r, i) => {
      const row = {} as Record<string, string | number>;
      for (const c of PREDICTION_COLUMNS) {
        if (!(c in r)) throw new TypeError(`Cannot read ${path}: column ${JSON.stringify(c)} is missing`);
        const v = c === "title" ? r[c] : Number(r[c]);
        if (typeof v === "number" && !Number.isFinite(v)) {
          throw new SyntaxError(
            `Cannot read ${path}, line ${i + 2}, column ${c}: ${JSON.stringify(r[c])} is not a number`,
          );
        }
        row[c] = v;
      }
      return row as unknown as PredictionRow;
    }));
  }
  return members;
}

/**
 * Load train's summary (the ensemble's members, backend, config, timings).
 *
 * @throws {Deno.errors.NotFound} when it is missing, saying to run train; {@link TypeError} when it has no
 *   member list or a member record is wrong.
 */
export async function loadTrainSummary(out: string): Promise<TrainSummary> {
  const path = join(out, PATHS.trainSummary);
  if (!(await exists(path))) {
    throw new Deno.errors.NotFound(
      `Cannot read the trained ensemble in ${JSON.stringify(out)}: ${path} is missing (run ${
        stageCommand("train", out)
      })`,
    );
  }
  const summary = await readJsonFile<TrainSummary>(path, "train summary");
  if (!Array.isArray(summary?.members) || summary.members.length === 0 || typeof summary.data !== "object") {
    throw new TypeError(
      `Cannot use ${path}: it lists no members or no data digests (written by an older version: rerun ${
        stageCommand("train", out)
      })`,
    );
  }
  summary.members.forEach((m, i) => checkMemberRecord(m, `${path}, member ${i + 1}`));
  return summary;
}

/**
 * Check that the summary's predictions were made from the collect artifacts now in `out`.
 *
 * @throws {Error} naming what changed and saying to rerun train.
 */
export async function checkPredictionData(out: string, summary: TrainSummary, artifacts: CollectArtifacts) {
  const now = await predictionData(artifacts);
  const changed = (Object.keys(now) as (keyof PredictionData)[]).filter((key) =>
    summary.data[key] !== now[key]
  );
  if (changed.length > 0) {
    throw new Error(
      `Cannot use the predictions in ${JSON.stringify(out)}: collect's ${
        changed.join(", ")
      } changed since train made them (collect ran again): run ${stageCommand("train", out)}`,
    );
  }
}
