/**
 * Finding and loading the trained ensemble in an artifacts folder for prediction: collect's saved encoders and
 * word vectors, the members `train_summary.json` lists (each its `best/` checkpoint and member record), and
 * the auto-encoder checkpoint that made the codes the members read, when they read codes.
 *
 * @module
 */
import { PATHS } from "../core/artifacts.ts";
import { sha256 } from "../core/digest.ts";
import type { Encoders } from "../core/features/encoders.ts";
import type { WordVectors } from "../core/features/word2vec.ts";
import { parseWord2Vec } from "../core/features/word2vec_text.ts";
import type { ConformalCalibration } from "../core/predict/conformal.ts";
import type { Ensemble } from "../core/predict/predict_movies.ts";
import type { MemberState } from "../core/train/checkpoint_state.ts";
import { checkMemberRecord, type MemberRecord, memberRecord } from "../core/train/member_record.ts";
import { digestMatrix } from "../core/train/fingerprint.ts";
import { loadNpy, loadTrainSummary } from "./_artifacts.ts";
import {
  bestDir,
  CorruptCheckpointError,
  epochDir,
  loadAnyModel,
  loadModel,
  readCheckpointState,
} from "./_checkpoint.ts";
import { stageCommand } from "./_cli.ts";
import { exists, join, readFileNamed, readJsonFile, readTextNamed } from "./_fs.ts";

/** Where the ensemble's files are. */
export interface EnsembleFiles {
  encoders: string;
  /** `null` when the encoders use no keyword vectors. */
  words: string | null;
  /** Folder of the auto-encoder checkpoint; `null` when no member reads codes. */
  autoencoder: string | null;
  /** The members of `train_summary.json`, each with the folder of its `best/` checkpoint. */
  members: (MemberRecord & { dir: string })[];
  /** train's `conformal.json` (the prediction intervals); `null` when train made none. */
  conformal: string | null;
}

/** Whether `encoders` read keyword vectors. */
export function usesWords(encoders: Encoders): boolean {
  return encoders.blocks.some((b) => b.kind === "wordMean" || b.kind === "wordConcat");
}

/**
 * Locate the ensemble under `out`: exactly the members `train_summary.json` lists, each checked against its
 * `best/` checkpoint (checksums, the same record) and against collect's current encoders (a model is never
 * used with the encoders of other data).
 *
 * @throws {Deno.errors.NotFound} when the encoders or the train summary are missing, saying which stage to run;
 *   {@link Error} when a member is stale, corrupt or not the one the summary lists.
 */
export async function findEnsemble(out: string): Promise<EnsembleFiles> {
  const encoders = join(out, PATHS.encoders);
  if (!(await exists(encoders))) {
    throw new Deno.errors.NotFound(
      `Cannot predict: ${encoders} is missing (run ${stageCommand("collect", out)} first)`,
    );
  }
  const summary = await loadTrainSummary(out);
  const encodersDigest = await sha256(await readFileNamed(encoders, "encoders"));
  const members: EnsembleFiles["members"] = [];
  for (const listed of summary.members) {
    const dir = bestDir(join(out, PATHS.regressorCheckpoints(listed.k)));
    const cannot = `Cannot predict with member ${listed.k}`;
    if (!(await exists(join(dir, "state.json")))) {
      throw new Deno.errors.NotFound(
        `${cannot}: its best model (${bestDir(PATHS.regressorCheckpoints(listed.k))}) is missing (run ${
          stageCommand("train", out)
        })`,
      );
    }
    let state: MemberState;
    try {
      state = await readCheckpointState<MemberState>(dir);
    } catch (error) {
      if (error instanceof CorruptCheckpointError) {
        throw new Error(`${cannot}: ${error.message} (rerun ${stageCommand("train", out, "--fresh")})`);
      }
      throw error;
    }
    const record = checkMemberRecord(state, join(dir, "state.json"));
    if (JSON.stringify(record) !== JSON.stringify(memberRecord(listed))) {
      throw new Error(
        `${cannot}: ${dir} is not the model ${PATHS.trainSummary} lists (trained again since): rerun ${
          stageCommand("train", out)
        }`,
      );
    }
    if (record.fingerprint.data.encoders !== encodersDigest) {
      throw new Error(
        `${cannot}: it was trained with other encoders than ${encoders} (collect ran again since): rerun ${
          stageCommand("train", out)
        }`,
      );
    }
    members.push({ ...record, dir });
  }
  let autoencoder: string | null = null;
  const readsCodes = members.filter((m) => m.input === "autoencoder");
  if (readsCodes.length > 0) autoencoder = await findAutoencoder(out, readsCodes);
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

/** The auto-encoder checkpoint that made the codes `members` learned from. */
async function findAutoencoder(out: string, members: MemberRecord[]): Promise<string> {
  const infoPath = join(out, PATHS.transformedInfo);
  const cannot = "Cannot predict: the members read auto-encoder codes, but";
  if (!(await exists(infoPath))) throw new Deno.errors.NotFound(`${cannot} ${infoPath} is missing`);
  const info = await readJsonFile<{ epoch: number }>(infoPath, "codes info");
  const codes = await loadNpy(join(out, PATHS.transformed));
  const digest = await digestMatrix(codes.data, codes.shape);
  if (members.some((m) => m.fingerprint.data.inputs !== digest)) {
    throw new Error(
      `${cannot} they learned from other codes than ${PATHS.transformed}: rerun ${
        stageCommand("train", out)
      }`,
    );
  }
  const dir = epochDir(join(out, PATHS.autoencoderCheckpoints), info.epoch);
  try {
    await readCheckpointState(dir);
  } catch (error) {
    throw new Deno.errors.NotFound(
      `${cannot} the checkpoint that made them is gone: ${(error as Error).message}`,
    );
  }
  return dir;
}

/** Read word2vec text, or `null` for no path. */
export async function loadWords(path: string | null): Promise<WordVectors | null> {
  if (path === null) return null;
  return parseWord2Vec(await readTextNamed(path, "word vectors"), path);
}

/** Load the ensemble under `out` (tfjs must have a backend ready). */
export async function loadEnsemble(out: string): Promise<Ensemble & { files: EnsembleFiles }> {
  const files = await findEnsemble(out);
  const encoders = await readJsonFile<Encoders>(files.encoders, "encoders");
  const words = await loadWords(files.words);
  const autoencoder = files.autoencoder ? await loadModel(files.autoencoder) : null;
  const members = [];
  for (const m of files.members) members.push({ ...m, model: await loadAnyModel(m.dir) });
  return { encoders, words, autoencoder, members, conformal: await loadConformal(files.conformal), files };
}
