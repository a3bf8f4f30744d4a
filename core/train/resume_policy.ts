/**
 * What must match for a model to continue from its checkpoint: its fingerprint (training inputs and every
 * option that shapes the result), and an epoch count not beyond the one asked for. Anything else starts the
 * model over, with one line saying why.
 *
 * @module
 */
import { type Fingerprint, fingerprintChanges } from "./fingerprint.ts";

/** Whether to continue a model from its latest checkpoint, and if not, why (`null`: there is none). */
export type ResumePlan = { resume: true } | { resume: false; reason: string | null };

/**
 * Decide whether the checkpoint `saved` (the latest intact one, or `null`) may continue towards `epochs`
 * with the fingerprint `now`. More epochs than saved continue the same run; fewer cannot be undone.
 */
export function planResume(
  saved: { epoch: number; fingerprint?: Fingerprint } | null,
  now: Fingerprint,
  epochs: number,
): ResumePlan {
  if (saved === null) return { resume: false, reason: null };
  const changes = fingerprintChanges(saved.fingerprint, now);
  if (changes.length > 0) {
    return {
      resume: false,
      reason: `its epoch-${saved.epoch} checkpoint learned from other inputs or options: ${
        changes.join("; ")
      }`,
    };
  }
  if (saved.epoch > epochs) {
    return {
      resume: false,
      reason: `its checkpoint has ${saved.epoch} epochs, more than the ${epochs} asked for`,
    };
  }
  return { resume: true };
}
