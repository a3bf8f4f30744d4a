/**
 * One trained ensemble member, described once: what its checkpoint's `state.json` holds about it, what
 * `train_summary.json` lists, what the ensemble loader checks and what the report site's predictor manifest
 * carries to the "Try a movie" page.
 *
 * @module
 */
import type { Fingerprint } from "./fingerprint.ts";
import { checkTargetScaling, type TargetScaling } from "./target_scaling.ts";

/** The kinds of model a member can be. A new kind adds its name here and its options in `fingerprint.ts`. */
export const MODEL_KINDS = ["mlp", "tabm"] as const;

/** One of {@link MODEL_KINDS}. */
export type ModelKind = typeof MODEL_KINDS[number];

/** What a member reads: collect's vectors (`raw`) or the auto-encoder's codes of them. */
export const MEMBER_INPUTS = ["raw", "autoencoder"] as const;

/** One of {@link MEMBER_INPUTS}. */
export type MemberInput = typeof MEMBER_INPUTS[number];

/** A trained member. */
export interface MemberRecord {
  /** 1-based bag number. */
  k: number;
  kind: ModelKind;
  input: MemberInput;
  /** Width of its input. */
  inputDim: number;
  /** How its output maps back to scores. */
  target: TargetScaling;
  /** The epoch (1-based) whose weights `best/` holds and predictions use; 0 before the first. */
  bestEpoch: number;
  /** What it learned from and how. */
  fingerprint: Fingerprint;
}

/** The fields of a {@link MemberRecord} (what {@link memberRecord} keeps of a larger object). */
export const MEMBER_RECORD_KEYS = [
  "k",
  "kind",
  "input",
  "inputDim",
  "target",
  "bestEpoch",
  "fingerprint",
] as const satisfies readonly (keyof MemberRecord)[];

/** The {@link MemberRecord} part of `value` (a checkpoint state, a summary entry). */
export function memberRecord(value: MemberRecord): MemberRecord {
  return Object.fromEntries(MEMBER_RECORD_KEYS.map((key) => [key, value[key]])) as unknown as MemberRecord;
}

/**
 * Check a member record read from a file (a checkpoint state, the train summary, the predictor manifest).
 *
 * @throws {TypeError} naming `where` and the field that is wrong.
 */
export function checkMemberRecord(value: unknown, where: string): MemberRecord {
  const fail = (why: string): never => {
    throw new TypeError(`Cannot use ${where}: ${why} (rerun \`deno task train\`)`);
  };
  if (typeof value !== "object" || value === null) return fail("not a member record");
  const v = value as Record<string, unknown>;
  if (!Number.isInteger(v.k) || (v.k as number) < 1) fail(`k ${JSON.stringify(v.k)} is not a bag number`);
  if (!(MODEL_KINDS as readonly unknown[]).includes(v.kind)) {
    fail(`model kind ${JSON.stringify(v.kind)} is not one of ${MODEL_KINDS.join(", ")}`);
  }
  if (!(MEMBER_INPUTS as readonly unknown[]).includes(v.input)) {
    fail(`input ${JSON.stringify(v.input)} is not raw or autoencoder`);
  }
  if (!Number.isInteger(v.inputDim) || (v.inputDim as number) < 1) {
    fail("inputDim must be a positive integer");
  }
  if (!Number.isInteger(v.bestEpoch) || (v.bestEpoch as number) < 0) fail("bestEpoch must be an integer ≥ 0");
  const fingerprint = v.fingerprint as Fingerprint | undefined;
  if (typeof fingerprint?.data !== "object" || typeof fingerprint?.options !== "object") {
    fail("it has no fingerprint (trained by an older version)");
  }
  return { ...(memberRecord(v as unknown as MemberRecord)), target: checkTargetScaling(v.target, where) };
}
