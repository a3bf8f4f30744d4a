/**
 * A worker that trains bags' tabular models for `trainTabmMembers`: it starts the tfjs backend it is told, then
 * for each job trains one bag with `trainTabmMember` (checkpoints included), reporting every epoch.
 *
 * @module
 */
/// <reference lib="deno.worker" />
import { initBackend } from "./_backend.ts";
import { trainTabmMember, type WorkerJob, type WorkerMessage } from "./_tabm_member.ts";

let ready: Promise<unknown> | null = null;
const send = (message: WorkerMessage) => self.postMessage(message);

self.onmessage = async ({ data: job }: MessageEvent<WorkerJob>) => {
  try {
    ready ??= initBackend(job.backend);
    await ready;
    const state = await trainTabmMember(
      job.cfg,
      job.bag,
      { x: job.x, featureNames: job.featureNames, targets: job.targets },
      job.fingerprint,
      (line) => send({ type: "log", line }),
      (s) => send({ type: "epoch", k: job.bag.k, state: s }),
    );
    send({ type: "done", state });
  } catch (error) {
    send({ type: "error", message: (error as Error).message ?? String(error) });
  }
};
