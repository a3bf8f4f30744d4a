/**
 * Small synthetic stage outputs for tests of later stages, written exactly as the contract in
 * `core/artifacts.ts` says, so that train, analyze and site can be tested without running collect or train.
 *
 * @module
 */
import { stringify } from "csv-stringify/sync";
import {
  type CollectManifest,
  PATHS,
  PREDICTION_COLUMNS,
  type RowInfo,
  type TestIndex,
  type TrainIndex,
  type TrainSummary,
} from "../core/artifacts.ts";
import { sha256 } from "../core/digest.ts";
import { digestMatrix, digestRows } from "../core/train/fingerprint.ts";
import { encodeNpy } from "../core/npy.ts";
import { calibrateConformal, outOfBagPredictions } from "../core/predict/conformal.ts";
import { createRandom } from "../core/random.ts";
import { join, writeFileAtomic, writeJsonAtomic } from "../scripts/_fs.ts";

/** Options of {@link writeCollectFixture}. */
export interface CollectFixtureOptions {
  /** @default 120 */
  rows?: number;
  /** @default 8 */
  features?: number;
  /** Ensemble members (bags). @default 3 */
  k?: number;
  /** @default 1 */
  seed?: number;
  /** Standard deviation of the noise added to the linear target. @default 0.3 */
  noise?: number;
}

/** What {@link writeCollectFixture} wrote, for assertions. */
export interface CollectFixture {
  inputs: Float32Array;
  targets: Float32Array;
  rows: RowInfo[];
  test: number[];
  bags: TrainIndex[];
}

/**
 * Write collect-shaped artifacts under `out`: standard-normal features, a target `6.5 + x·w + noise` clipped to
 * [1, 10], a 15% test set and K bags of 90% of the other rows.
 */
export async function writeCollectFixture(
  out: string,
  options: CollectFixtureOptions = {},
): Promise<CollectFixture> {
  const { rows: n = 120, features: f = 8, k = 3, seed = 1, noise = 0.3 } = options;
  const rng = createRandom(seed);
  const weights = Array.from({ length: f }, (_, j) => (j % 2 === 0 ? 0.6 : -0.3) / Math.sqrt(1 + j));
  const inputs = new Float32Array(n * f);
  const targets = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    let y = 6.5;
    for (let j = 0; j < f; j++) {
      const x = rng.normal();
      inputs[i * f + j] = x;
      y += x * weights[j];
    }
    targets[i] = Math.min(10, Math.max(1, y + noise * rng.normal()));
  }
  const rows: RowInfo[] = Array.from({ length: n }, (_, i) => ({
    line: i + 2,
    id: `tt${String(i).padStart(7, "0")}`,
    title: i === 0 ? "<script>alert(1)</script> & Co" : `Movie ${i}`,
    year: 1980 + (i % 40),
    director: `Director ${i % 7}`,
    genres: i % 2 ? ["Drama"] : ["Comedy", "Romance"],
  }));
  const order = rng.shuffle(rows.map((_, i) => i));
  const nTest = Math.ceil(0.15 * n);
  const test = order.slice(0, nTest).sort((a, b) => a - b);
  const rest = order.slice(nTest);
  const bags: TrainIndex[] = [];
  for (let b = 1; b <= k; b++) {
    const shuffled = createRandom(seed * 100 + b).shuffle(rest);
    const cut = Math.round(0.9 * rest.length);
    bags.push({
      k: b,
      seed: seed * 100 + b,
      train: shuffled.slice(0, cut).sort((x, y) => x - y),
      validation: shuffled.slice(cut).sort((x, y) => x - y),
    });
  }
  const featureNames = Array.from({ length: f }, (_, j) => `num:x${j}`);
  const manifest: CollectManifest = {
    schema: 1,
    profile: "fixture",
    input: { path: "fixture", sha256: "0".repeat(64), bytes: 0, records: n },
    rows: {
      kept: n,
      test: test.length,
      train: bags.map((b) => b.train.length),
      validation: bags.map((b) => b.validation.length),
    },
    dropped: {},
    features: { count: f, groups: { num: f } },
    config: { seed, k },
    versions: {},
    timings: {},
    createdAt: "2026-01-01T00:00:00.000Z",
  };
  const testIndex: TestIndex = { seed, test };
  await writeFileAtomic(join(out, PATHS.inputVectors), encodeNpy({ data: inputs, shape: [n, f] }));
  await writeFileAtomic(join(out, PATHS.outputData), encodeNpy({ data: targets, shape: [n] }));
  await writeJsonAtomic(join(out, PATHS.featureNames), featureNames);
  await writeJsonAtomic(join(out, PATHS.rows), rows);
  await writeJsonAtomic(join(out, PATHS.testIndex), testIndex);
  for (const bag of bags) await writeJsonAtomic(join(out, PATHS.trainIndex(bag.k)), bag);
  await writeJsonAtomic(join(out, PATHS.encoders), { schema: 1, blocks: [] });
  await writeJsonAtomic(join(out, PATHS.manifest), manifest);
  return { inputs, targets, rows, test, bags };
}

/**
 * Run `fn` on a fresh temp folder holding a collect fixture written with `options` (see
 * {@link writeCollectFixture}); the folder is removed afterwards, whatever happens.
 */
export async function withCollectFixture<T>(
  options: CollectFixtureOptions,
  fn: (out: string, fixture: CollectFixture) => Promise<T>,
): Promise<T> {
  const out = await Deno.makeTempDir({ prefix: "imdb-fixture-" });
  try {
    return await fn(out, await writeCollectFixture(out, options));
  } finally {
    await Deno.remove(out, { recursive: true });
  }
}

/**
 * A `train_summary.json` for a collect fixture listing members 1..k (`ks` when given), as if train had
 * predicted the fixture's test rows: what analyze and the site need to find the members.
 */
export async function trainSummaryFixture(
  fixture: CollectFixture,
  ks: readonly number[],
): Promise<TrainSummary> {
  const width = fixture.inputs.length / fixture.rows.length;
  const digest = await digestMatrix(fixture.inputs, [fixture.rows.length, width]);
  return {
    data: {
      vectors: digest,
      targets: await sha256(fixture.targets),
      test: await digestRows(fixture.test),
    },
    backend: "wasm",
    adapter: null,
    config: {},
    autoencoder: null,
    members: ks.map((k) => ({
      k,
      kind: "mlp",
      input: "raw",
      inputDim: width,
      target: { mean: 0, sd: 1 },
      bestEpoch: 1,
      fingerprint: {
        data: { inputs: digest, targets: "", features: "", encoders: "", rows: "" },
        options: {},
      },
      epochs: 1,
      bestValLoss: 0.1,
      seconds: 0,
    })),
    timings: {},
    versions: {},
  };
}

/**
 * Write `movie_prediction_{k}.csv` files for a collect fixture (member k predicts `target + bias_k + noise`),
 * `conformal.json`, calibrated on the same kind of predictions of each bag's validation rows (as train does),
 * and a train summary listing the members. Returns the predictions, one array per member, in test-row order.
 */
export async function writePredictionFixture(
  out: string,
  fixture: CollectFixture,
  { k = 3, seed = 2, noise = 0.4 }: { k?: number; seed?: number; noise?: number } = {},
): Promise<number[][]> {
  const rng = createRandom(seed);
  const all: number[][] = [];
  for (let m = 1; m <= k; m++) {
    const preds = fixture.test.map((i) => fixture.targets[i] + 0.05 * (m - 2) + noise * rng.normal());
    all.push(preds);
    const records = fixture.test.map((i, j) => [
      i,
      fixture.rows[i].line,
      fixture.rows[i].title,
      fixture.targets[i],
      preds[j],
    ]);
    await writeFileAtomic(
      join(out, PATHS.prediction(m)),
      stringify(records, { header: true, columns: [...PREDICTION_COLUMNS] }),
    );
  }
  const oob = fixture.bags.slice(0, k).map((bag, m) => ({
    rows: bag.validation,
    predictions: bag.validation.map((i) => fixture.targets[i] + 0.05 * (m - 1) + noise * rng.normal()),
  }));
  await writeJsonAtomic(
    join(out, PATHS.conformal),
    calibrateConformal(outOfBagPredictions(oob, fixture.targets), [1, 10]),
  );
  const ks = Array.from({ length: k }, (_, i) => i + 1);
  await writeJsonAtomic(join(out, PATHS.trainSummary), await trainSummaryFixture(fixture, ks));
  return all;
}

/**
 * Make a symbolic link `path` → `target` with `ln -s`: `Deno.symlink` needs unscoped read and write permission,
 * which the suite does not have (`deno task test` confines it to the repository, see `scripts/test.ts`).
 */
export async function symlink(target: string, path: string): Promise<void> {
  const { code, stderr } = await new Deno.Command("ln", { args: ["-s", target, path], stderr: "piped" })
    .output();
  if (code !== 0) {
    throw new Error(`Cannot link ${path} to ${target}: ${new TextDecoder().decode(stderr).trim()}`);
  }
}
