/**
 * Finding and loading the trained ensemble in an artifacts folder for prediction: collect's saved encoders and
 * word vectors, each member's `best/` checkpoint with its target scaling, and the auto-encoder when the members
 * read its codes (its latest epoch checkpoint, the one train's encode stage used).
 *
 * @module
 */
import { PATHS, type TrainSummary } from "../core/artifacts.ts";
import type { Encoders } from "../core/features/encoders.ts";
import type { WordVectors } from "../core/features/word2vec.ts";
import { parseWord2Vec } from "../core/features/word2vec_text.ts";
import type { ConformalCalibration } from "../core/predict/conformal.ts";
import type { Ensemble } from "../core/predict/predict_movies.ts";
import { listCheckpoints, loadModel } from "./_checkpoint.ts";
import { exists, join, readFileNamed, readJsonFile } from "./_fs.ts";

/** What a regressor's `state.json` holds that prediction needs (written by train). */
interface MemberState {
  k: number;
  input: string;
  inputDim: number;
  target: { mean: number; sd: number };
}

/** Where the ensemble's files are. */
export interface EnsembleFiles {
  encoders: string;
  /** `null` when the encoders use no keyword vectors. */
  words: string | null;
  /** Folder of the auto-encoder checkpoint; `null` when no member reads codes. */
  autoencoder: string | null;
  members: { k: number; dir: string; target: { mean: number; sd: number }; input: "raw" | "autoencoder" }[];
  /** train's `conformal.json` (the prediction intervals); `null` when train made none. */
  conformal: string | null;
}

/** Whether `encoders` read keyword vectors. */
export function usesWords(encoders: Encoders): boolean {
  return encoders.blocks.some((b) => b.kind === "wordMean" || b.kind === "wordConcat");
}

/**
 * Locate the ensemble under `out`. Members are those of `train_summary.json` (else `train1`, `train2`, … while
 * `best/` exists).
 *
 * @throws {Deno.errors.NotFound} when the encoders or every member checkpoint is missing, saying which stage to run.
 */
export async function findEnsemble(out: string): Promise<EnsembleFiles> {
  const encoders = join(out, PATHS.encoders);
  if (!(await exists(encoders))) {
    throw new Deno.errors.NotFound(
      `Cannot predict: ${encoders} is missing (run \`deno task collect\` first)`,
    );
  }
  const summaryPath = join(out, PATHS.trainSummary);
  let ks: number[] = [];
  if (await exists(summaryPath)) {
    ks = (await readJsonFile<TrainSummary>(summaryPath, "train summary")).members.map((m) => m.k);
  } else {
    for (let k = 1; await exists(join(out, PATHS.regressorCheckpoints(k), "best", "state.json")); k++) {
      ks.push(k);
    }
  }
  const members: EnsembleFiles["members"] = [];
  for (const k of ks) {
    const dir = join(out, PATHS.regressorCheckpoints(k), "best");
    if (!(await exists(join(dir, "state.json")))) {
      throw new Deno.errors.NotFound(
        `Cannot predict with member ${k}: ${dir} is missing (run \`deno task train\`)`,
      );
    }
    const state = await readJsonFile<MemberState>(join(dir, "state.json"), "checkpoint state");
    const { mean, sd } = state.target ?? {};
    if (!Number.isFinite(mean) || !Number.isFinite(sd) || !(sd > 0)) {
      throw new TypeError(`Cannot use ${dir}/state.json: target mean and sd must be numbers, sd > 0`);
    }
    if (state.input !== "raw" && state.input !== "autoencoder") {
      throw new TypeError(
        `Cannot use ${dir}/state.json: input ${JSON.stringify(state.input)} is not raw or autoencoder`,
      );
    }
    members.push({ k, dir, target: { mean, sd }, input: state.input });
  }
  if (members.length === 0) {
    throw new Deno.errors.NotFound(
      `Cannot predict: no trained member in ${
        join(out, "imdb_training_data")
      } (run \`deno task train\` first)`,
    );
  }
  let autoencoder: string | null = null;
  if (members.some((m) => m.input === "autoencoder")) {
    const dir = join(out, PATHS.autoencoderCheckpoints);
    autoencoder = (await listCheckpoints(dir)).at(-1)?.path ?? null;
    if (!autoencoder) {
      throw new Deno.errors.NotFound(
        `Cannot predict: the members read auto-encoder codes, but ${dir} has no checkpoint`,
      );
    }
  }
  const wordsPath = join(out, PATHS.wordModel);
  const encodersValue = await readJsonFile<Encoders>(encoders, "encoders");
  const words = usesWords(encodersValue) && (await exists(wordsPath)) ? wordsPath : null;
  const conformalPath = join(out, PATHS.conformal);
  return {
    encoders,
    words,
    autoencoder,
    members,
    conformal: (await exists(conformalPath)) ? conformalPath : null,
  };
}

/** Read train's conformal calibration, or `null` for no path. */
export function loadConformal(path: string | null): Promise<ConformalCalibration | null> {
  return path === null
    ? Promise.resolve(null)
    : readJsonFile<ConformalCalibration>(path, "conformal calibration");
}

/** Read word2vec text, or `null` for no path. */
export async function loadWords(path: string | null): Promise<WordVectors | null> {
  if (path === null) return null;
  return parseWord2Vec(new TextDecoder().decode(await readFileNamed(path, "word vectors")), path);
}

/** Load the ensemble under `out` (tfjs must have a backend ready). */
export async function loadEnsemble(out: string): Promise<Ensemble & { files: EnsembleFiles }> {
  const files = await findEnsemble(out);
  const encoders = await readJsonFile<Encoders>(files.encoders, "encoders");
  const words = await loadWords(files.words);
  const autoencoder = files.autoencoder ? await loadModel(files.autoencoder) : null;
  const members = [];
  for (const m of files.members) {
    members.push({ k: m.k, model: await loadModel(m.dir), target: m.target, input: m.input });
  }
  return { encoders, words, autoencoder, members, conformal: await loadConformal(files.conformal), files };
}
