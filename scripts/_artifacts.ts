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
  type PredictionRow,
  type RowInfo,
  type TestIndex,
  type TrainIndex,
  type TrainSummary,
} from "../core/artifacts.ts";
import { decodeNpy, type NpyArray } from "../core/npy.ts";
import { exists, join, readFileNamed, readJsonFile } from "./_fs.ts";

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
      `Cannot read collect artifacts in ${
        JSON.stringify(out)
      }: ${manifestPath} is missing (run \`deno task collect\` first)`,
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

/** Load `movie_prediction_{k}.csv` for k = 1, 2, … until one is missing. */
export async function loadPredictions(out: string): Promise<PredictionRow[][]> {
  const members: PredictionRow[][] = [];
  for (let k = 1;; k++) {
    const path = join(out, PATHS.prediction(k));
    if (!(await exists(path))) break;
    const text = new TextDecoder().decode(await readFileNamed(path, "prediction CSV"));
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
  if (members.length === 0) {
    throw new Deno.errors.NotFound(
      `Cannot read predictions in ${JSON.stringify(out)}: ${
        join(out, PATHS.prediction(1))
      } is missing (run \`deno task train\` first)`,
    );
  }
  return members;
}

/** Load train's summary (backend, config, per-member epochs and timings). */
export function loadTrainSummary(out: string): Promise<TrainSummary> {
  return readJsonFile<TrainSummary>(join(out, PATHS.trainSummary), "train summary");
}
