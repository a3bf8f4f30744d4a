/**
 * Training the bags' tabular (TabM) models for `deno task train`: per bag, fit its input stage on the bag's
 * training rows, train with `fitTabm`, and after every epoch write `best/` first when the epoch improved, then
 * `epoch-N/` (`model.json` + `weights.bin` in the tabm format, `optimizer.bin`, `state.json`), then prune. A
 * rerun continues from the newest intact checkpoint while the resume policy allows it, and ends with the
 * weights of an uninterrupted run. On the CPU backends the bags train in parallel, one worker per bag (up to two
 * per core; wasm runs on one thread): the same weights as one after another.
 *
 * @module
 */
import * as tf from "../core/tfjs.ts";
import { PATHS, type TrainIndex } from "../core/artifacts.ts";
import { featureGroup, featureLayout } from "../core/features/feature_layout.ts";
import { initTabmWeights, type TabmSpec } from "../core/models/tabm.ts";
import { disposeModel, encodeTabm, type TabmModel } from "../core/models/tabm_files.ts";
import { fitTabmInputs, type Matrix, sparseRows } from "../core/models/tabm_inputs.ts";
import { outOfFoldTargets } from "../core/models/tabm_target_encoding.ts";
import { deriveSeed } from "../core/random.ts";
import { createAdamW } from "../core/train/adamw.ts";
import type { MemberState } from "../core/train/checkpoint_state.ts";
import { initialState, type TrainingState } from "../core/train/fit_model.ts";
import { fitTabm, tabmDecayGroups, tabmVariables } from "../core/train/fit_tabm.ts";
import type { Fingerprint } from "../core/train/fingerprint.ts";
import { planResume } from "../core/train/resume_policy.ts";
import type { ScheduleName } from "../core/train/schedule.ts";
import { fitTargetScaling, scaleTargets, type TargetScaling } from "../core/train/target_scaling.ts";
import type { TrainConfig } from "../core/train/train_config.ts";
import { createWeightAverage, type WeightAverage } from "../core/train/weight_average.ts";
import {
  bestDir,
  epochDir,
  latestIntactCheckpoint,
  latestIntactState,
  pruneCheckpoints,
  saveCheckpoint,
} from "./_checkpoint.ts";
import { exists, fsw, join } from "./_fs.ts";
import { startProgress } from "./_progress.ts";
import { modelSeed } from "./_train_jobs.ts";
import { withoutFileFields } from "./_train_model.ts";

/** What the caller gives for the bags. */
export interface TabmMemberData {
  x: Matrix;
  featureNames: readonly string[];
  /** Every row's score. Shape: [rows]. */
  targets: Float32Array;
}

const fmt = (v: number | null | undefined) => (v === null || v === undefined ? "-" : v.toPrecision(4));

/** A new model's spec for `bag`: the input stage fitted on its training rows, the architecture of `cfg`. */
export function tabmSpecFor(
  cfg: TrainConfig,
  data: TabmMemberData,
  bag: TrainIndex,
  target: TargetScaling,
): TabmSpec {
  let lo = Infinity;
  let hi = -Infinity;
  for (const i of bag.train) {
    lo = Math.min(lo, data.targets[i]);
    hi = Math.max(hi, data.targets[i]);
  }
  const y = scaleTargets(data.targets, target);
  const encode = cfg.targetEncoding === "on" ||
    (cfg.targetEncoding === "auto" && !data.featureNames.some((n) => featureGroup(n) === "te"));
  const options = {
    bins: cfg.bins,
    embedding: cfg.embedding,
    wordVectors: cfg.wordVectors,
    targets: encode ? y : null,
  };
  return {
    format: "tabm",
    inputs: fitTabmInputs(data.x, featureLayout(data.featureNames), bag.train, options),
    members: cfg.members,
    hidden: [...cfg.hidden],
    activation: cfg.activation as TabmSpec["activation"],
    sharing: cfg.sharing as TabmSpec["sharing"],
    firstAdapter: false,
    inputScale: cfg.inputScale,
    clamp: bag.train.length > 0 ? [(lo - target.mean) / target.sd, (hi - target.mean) / target.sd] : null,
  };
}

/**
 * Train (or continue training) the tabular model of `bag` under `cfg.out`, and return its final state. A
 * checkpoint that learned from something other than `fingerprint` is set aside (`log` says why); `onEpoch`
 * hears of every epoch.
 */
export async function trainTabmMember(
  cfg: TrainConfig,
  bag: TrainIndex,
  data: TabmMemberData,
  fingerprint: Fingerprint,
  log: (line: string) => void,
  onEpoch: (state: TrainingState) => void = () => {},
): Promise<MemberState> {
  const name = `train${bag.k}`;
  const dir = join(cfg.out, PATHS.regressorCheckpoints(bag.k));
  if (cfg.fresh && (await exists(dir))) await fsw.remove(dir, { recursive: true });
  const inputDim = data.x.shape[1];
  const seed = modelSeed(cfg, bag.k);
  const ck = await latestIntactCheckpoint<MemberState, TabmModel>(
    dir,
    (line) => log(`train: ${name}: ${line}`),
  );
  const plan = planResume(ck?.state ?? null, fingerprint, cfg.epochs);
  let spec: TabmSpec;
  let weights: Record<string, tf.Variable>;
  let state: MemberState;
  let average: WeightAverage | null = null;
  let moments: { saved: { name: string; tensor: tf.Tensor }[]; steps: number } | null = null;
  if (ck && plan.resume && ck.model.format === "tabm") {
    spec = ck.model.spec;
    weights = tabmVariables(ck.model.weights);
    if (cfg.averageDecay > 0) {
      // The checkpoint's model holds the average; its live weights (live.bin) go back into the variables.
      average = createWeightAverage(Object.values(weights), cfg.averageDecay, {
        steps: ck.state.averageSteps ?? 0,
      });
      Object.values(weights).forEach((w, i) => ck.liveWeights[i] && w.assign(ck.liveWeights[i]));
    }
    moments = { saved: ck.optimizerWeights, steps: ck.state.optimizer?.steps ?? 0 };
    state = { ...withoutFileFields(ck.state), config: cfg };
    // A kill may have cut the last pruning short (or left a corrupt newer epoch).
    await pruneCheckpoints(dir, cfg.keepCheckpoints);
  } else {
    if (!plan.resume && plan.reason) log(`train: ${name}: starting over: ${plan.reason}`);
    // Old epochs and best/ would outlive the new ones in pruning and prediction: they go first.
    if (await exists(dir)) await fsw.remove(dir, { recursive: true });
    const target = fitTargetScaling(data.targets, bag.train, cfg.standardize);
    spec = tabmSpecFor(cfg, data, bag, target);
    weights = tabmVariables(initTabmWeights(spec, seed));
    state = {
      ...initialState(seed),
      k: bag.k,
      kind: "tabm",
      input: "raw",
      inputDim,
      target,
      fingerprint,
      config: cfg,
    };
    if (cfg.averageDecay > 0) average = createWeightAverage(Object.values(weights), cfg.averageDecay);
  }
  const optimizer = createAdamW(weights, { groups: tabmDecayGroups });
  if (moments) optimizer.restore(moments.saved, moments.steps);
  if (ck) {
    disposeModel(ck.model);
    // The moments were restored (copied) above; on a start-over they were never used.
    tf.dispose([...ck.optimizerWeights.map((w) => w.tensor), ...ck.liveWeights]);
  }
  const y = scaleTargets(data.targets, state.target);
  if (state.epoch > 0) onEpoch(state);
  try {
    const final = await fitTabm(
      spec,
      weights,
      optimizer,
      {
        x: data.x,
        y,
        sparse: sparseRows(spec.inputs, data.x),
        outOfFold: spec.inputs.targets
          ? outOfFoldTargets(spec.inputs.targets, data.x, bag.train, y, {
            seed: deriveSeed(seed, "target-folds"),
          })
          : undefined,
        train: bag.train,
        validation: bag.validation,
      },
      {
        epochs: cfg.epochs,
        batchSize: cfg.batchSize,
        learningRate: cfg.learningRate,
        schedule: cfg.schedule as ScheduleName,
        l2: cfg.weightDecay,
        dropout: cfg.dropout,
        loss: cfg.loss as "mse" | "huber",
        patience: cfg.patience,
        memberSample: cfg.memberSample,
        sparseFlags: tf.getBackend() === "wasm" || tf.getBackend() === "cpu",
        average,
        seed,
        name,
      },
      state,
      async (s, improved) => {
        // With an average, the variables hold it now (what best/ predicts with) and average.held() the live ones.
        const epochState: MemberState = { ...state, ...s, bestEpoch: s.bestEpoch };
        const model = await encodeTabm(tf, spec, weights, `IMDb Predictor (tfjs ${tf.version.tfjs})`);
        if (improved) await saveCheckpoint(bestDir(dir), model, epochState, null);
        const optimizerState = {
          weights: optimizer.weights(),
          extras: { name: optimizer.name, steps: optimizer.steps },
        };
        await saveCheckpoint(
          epochDir(dir, s.epoch),
          model,
          epochState,
          optimizerState,
          average?.held() ?? null,
        );
        await pruneCheckpoints(dir, cfg.keepCheckpoints);
        onEpoch(s);
      },
    );
    return { ...state, ...final };
  } finally {
    average?.dispose();
    optimizer.dispose();
    tf.dispose(Object.values(weights));
  }
}

/**
 * Workers that train bags in parallel: `asked` on the CPU backends, at most one per bag; 0: one per bag up to two
 * per core, so that the bags share the cores and finish together (3 bags on 2 cores as 2 + 1 leave a core idle
 * for a third of the run: 15.1 s against 13.1 s with 3 workers); one (in this thread) on the GPU backends.
 */
export function workerCount(
  backend: string,
  bags: number,
  asked = 0,
  cores = navigator.hardwareConcurrency ?? 1,
): number {
  if (backend !== "wasm" && backend !== "cpu") return 1;
  return Math.max(1, Math.min(bags, asked > 0 ? asked : 2 * cores));
}

/** A worker for {@link trainTabmMembers}: it loads its modules (about a third of a second) until its first job. */
export function startWorker(): Worker {
  return new Worker(new URL("./_tabm_worker.ts", import.meta.url).href, { type: "module" });
}

/** What the main thread sends a worker, per bag (the matrix in shared memory, not copied). */
export interface WorkerJob {
  backend: string;
  cfg: TrainConfig;
  bag: TrainIndex;
  featureNames: readonly string[];
  x: { data: Float32Array; shape: readonly [number, number] };
  targets: Float32Array;
  fingerprint: Fingerprint;
}

/** What a worker sends back. */
export type WorkerMessage =
  | { type: "epoch"; k: number; state: TrainingState }
  | { type: "log"; line: string }
  | { type: "done"; state: MemberState }
  | { type: "error"; message: string };

/** How {@link trainTabmMembers} runs. */
export interface MembersOptions {
  backend: string;
  workers: number;
  quiet: boolean;
  log: (line: string) => void;
  /** Workers already started (see {@link startWorker}). */
  started?: Worker[];
}

/**
 * Train the tabular models of `bags` (see {@link trainTabmMember}; `fingerprints` in bag order), on `workers`
 * workers when more than one (the `started` ones first, see {@link startWorker}; those left over are stopped),
 * and return their final states in bag order. Progress goes to stderr unless `quiet`.
 */
export async function trainTabmMembers(
  cfg: TrainConfig,
  bags: readonly TrainIndex[],
  data: TabmMemberData,
  fingerprints: readonly Fingerprint[],
  options: MembersOptions,
): Promise<MemberState[]> {
  const started = options.started ?? [];
  try {
    return await trainOnWorkers(cfg, bags, data, fingerprints, { ...options, started });
  } finally {
    for (const worker of started.splice(0)) worker.terminate();
  }
}

async function trainOnWorkers(
  cfg: TrainConfig,
  bags: readonly TrainIndex[],
  data: TabmMemberData,
  fingerprints: readonly Fingerprint[],
  options: Required<MembersOptions>,
): Promise<MemberState[]> {
  const { backend, workers, quiet, log, started } = options;
  const fields = (s: TrainingState) => ({ loss: fmt(s.losses.at(-1)), val: fmt(s.valLosses.at(-1)) });
  if (workers <= 1) {
    const states: MemberState[] = [];
    for (const [i, bag] of bags.entries()) {
      const label = `member ${bag.k} of ${bags.length}, epoch`;
      const progress = quiet ? null : startProgress(label, cfg.epochs, ["loss", "val"]);
      try {
        states.push(
          await trainTabmMember(
            cfg,
            bag,
            data,
            fingerprints[i],
            log,
            (s) => progress?.update(s.epoch, fields(s)),
          ),
        );
      } finally {
        progress?.stop();
      }
    }
    return states;
  }
  // Say which members start over here, in bag order (the workers decide the same, silently).
  for (const [i, bag] of bags.entries()) {
    const dir = join(cfg.out, PATHS.regressorCheckpoints(bag.k));
    const saved = cfg.fresh ? null : await latestIntactState<MemberState>(dir);
    const plan = planResume(saved, fingerprints[i], cfg.epochs);
    if (!plan.resume && plan.reason) log(`train: train${bag.k}: starting over: ${plan.reason}`);
  }
  // On a terminal one bar over every bag's epochs (two bars would overwrite each other); else a line per epoch.
  const done = new Map<number, number>();
  const combined = !quiet && Deno.stderr.isTerminal()
    ? startProgress(`${bags.length} members on ${workers} workers, epochs`, cfg.epochs * bags.length, [
      "member",
      "loss",
      "val",
    ])
    : null;
  const label = (k: number) => `member ${k} of ${bags.length}, epoch`;
  const lines = new Map(
    bags.map((b) => [b.k, quiet || combined ? null : startProgress(label(b.k), cfg.epochs, ["loss", "val"])]),
  );
  const show = (k: number, s: TrainingState) => {
    done.set(k, s.epoch);
    combined?.update([...done.values()].reduce((a, b) => a + b, 0), { member: k, ...fields(s) });
    lines.get(k)?.update(s.epoch, fields(s));
  };
  const shared = new Float32Array(new SharedArrayBuffer(data.x.data.byteLength));
  shared.set(data.x.data);
  const queue = bags.map((bag, i) => ({ bag, fingerprint: fingerprints[i] }));
  const states = new Map<number, MemberState>();
  const runWorker = async () => {
    const worker = started.shift() ?? startWorker();
    try {
      for (let next = queue.shift(); next; next = queue.shift()) {
        const { bag, fingerprint } = next;
        const job: WorkerJob = {
          backend,
          cfg,
          bag,
          featureNames: data.featureNames,
          x: { data: shared, shape: data.x.shape },
          targets: data.targets,
          fingerprint,
        };
        states.set(
          bag.k,
          await new Promise<MemberState>((resolve, reject) => {
            worker.onmessage = ({ data: message }: MessageEvent<WorkerMessage>) => {
              if (message.type === "epoch") show(message.k, message.state);
              else if (message.type === "log") {
                if (!message.line.includes(": starting over: ")) log(message.line);
              } else if (message.type === "done") resolve(message.state);
              else reject(new Error(message.message));
            };
            worker.onerror = (event) => {
              event.preventDefault();
              reject(new Error(`Cannot train member ${bag.k}: its worker failed: ${event.message}`));
            };
            worker.postMessage(job);
          }),
        );
      }
    } finally {
      worker.terminate();
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(workers, bags.length) }, runWorker));
  } finally {
    combined?.stop();
    for (const line of lines.values()) line?.stop();
  }
  return bags.map((b) => states.get(b.k)!);
}
