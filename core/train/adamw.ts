/**
 * Adam over named variables with an L2 penalty folded into the gradients (`g + 2·l2·p`, the penalty's exact
 * gradient, without computing the penalty) and decoupled weight decay (AdamW, Loshchilov & Hutter 2019), a
 * learning-rate factor per variable, and an explicit state (moments and step count) that a checkpoint saves and
 * a resumed run restores exactly.
 *
 * @module
 */
import * as tf from "../tfjs.ts";
import type { NamedTensor } from "./optimizer_state.ts";

/** Options of {@link createAdamW}. */
export interface AdamWOptions {
  /** @default 0.9 */
  beta1?: number;
  /** @default 0.999 */
  beta2?: number;
  /** @default 1e-8 */
  epsilon?: number;
  /**
   * Per variable name: factor on the learning rate (default 1) and whether the L2 penalty and weight decay apply
   * (default true).
   */
  groups?: (name: string) => { lrFactor?: number; decay?: boolean };
}

/** The optimiser. */
export interface AdamW {
  readonly name: "adamw";
  /** Steps taken so far. */
  readonly steps: number;
  /**
   * One step for each variable with a gradient in `grads`: `g ← g + 2·l2·p`, the moments m and v of g, then
   * `p ← p − lr·f·(m̂ / (√v̂ + ε) + wd·p)` (f: its learning-rate factor; l2 and wd only where decay applies).
   */
  step(grads: Record<string, tf.Tensor>, learningRate: number, weightDecay: number, l2?: number): void;
  /** The moments (`m/<name>`, `v/<name>`), in variable order; they are the optimiser's own tensors. */
  weights(): NamedTensor[];
  /** Take back moments saved from {@link weights} and the step count. */
  restore(weights: readonly NamedTensor[], steps: number): void;
  dispose(): void;
}

/** Create AdamW for `variables` (name → variable). Moments start at zero. */
export function createAdamW(variables: Record<string, tf.Variable>, options: AdamWOptions = {}): AdamW {
  const { beta1 = 0.9, beta2 = 0.999, epsilon = 1e-8, groups = () => ({}) } = options;
  const names = Object.keys(variables);
  const zeros = (n: string) => tf.tidy(() => tf.variable(tf.zerosLike(variables[n]), false));
  const m = new Map(names.map((n) => [n, zeros(n)]));
  const v = new Map(names.map((n) => [n, zeros(n)]));
  const group = new Map(names.map((n) => [n, { lrFactor: 1, decay: true, ...groups(n) }]));
  let steps = 0;
  return {
    name: "adamw",
    get steps() {
      return steps;
    },
    step(grads, learningRate, weightDecay, l2 = 0) {
      steps++;
      const c1 = 1 - beta1 ** steps;
      const c2 = 1 - beta2 ** steps;
      const fused = tf.getKernel(ADAMW_KERNEL, tf.getBackend()) !== undefined;
      tf.tidy(() => {
        for (const name of names) {
          if (!grads[name]) continue;
          const p = variables[name];
          const mv = m.get(name)!;
          const vv = v.get(name)!;
          const { lrFactor, decay } = group.get(name)!;
          const lr = learningRate * lrFactor;
          const scalars: AdamWScalars = {
            l2: decay && l2 > 0 ? 2 * l2 : 0,
            beta1,
            beta2,
            lrOverC1: lr / c1,
            c2,
            epsilon,
            keep: decay && weightDecay > 0 ? 1 - lr * weightDecay : 1,
          };
          if (fused) {
            const inputs = { p, m: mv, v: vv, g: grads[name] };
            const attrs = scalars as unknown as tf.NamedAttrMap;
            const [np, nm, nv] = tf.engine().runKernel(ADAMW_KERNEL, inputs, attrs) as tf.Tensor[];
            p.assign(np);
            mv.assign(nm);
            vv.assign(nv);
            continue;
          }
          const g = scalars.l2 > 0 ? tf.add(grads[name], tf.mul(p, scalars.l2)) : grads[name];
          mv.assign(tf.add(tf.mul(mv, beta1), tf.mul(g, 1 - beta1)));
          vv.assign(tf.add(tf.mul(vv, beta2), tf.mul(tf.square(g), 1 - beta2)));
          const update = tf.div(tf.mul(mv, scalars.lrOverC1), tf.add(tf.sqrt(tf.div(vv, c2)), epsilon));
          p.assign(tf.sub(scalars.keep !== 1 ? tf.mul(p, scalars.keep) : p, update));
        }
      });
    },
    weights: () => [
      ...names.map((n) => ({ name: `m/${n}`, tensor: m.get(n)! as tf.Tensor })),
      ...names.map((n) => ({ name: `v/${n}`, tensor: v.get(n)! as tf.Tensor })),
    ],
    restore(weights, restoredSteps) {
      for (const { name, tensor } of weights) {
        const [slot, ...rest] = name.split("/");
        const target = (slot === "m" ? m : slot === "v" ? v : null)?.get(rest.join("/"));
        if (!target) throw new TypeError(`Cannot restore AdamW: unknown slot ${JSON.stringify(name)}`);
        if (JSON.stringify(target.shape) !== JSON.stringify(tensor.shape)) {
          throw new TypeError(
            `Cannot restore AdamW: ${name} has shape [${tensor.shape}], expected [${target.shape}]`,
          );
        }
        target.assign(tensor);
      }
      steps = restoredSteps;
    },
    dispose() {
      for (const t of [...m.values(), ...v.values()]) t.dispose();
    },
  };
}

/**
 * The name of a kernel that takes one variable's AdamW step in one pass: inputs `p`, `m`, `v`, `g`, attributes
 * {@link AdamWScalars}, outputs the new `p`, `m` and `v`. Where the backend has it (wasm: see
 * `core/wasm_kernels.ts`), {@link createAdamW} uses it instead of a dozen operations per variable.
 */
export const ADAMW_KERNEL = "ImdbAdamWStep";

/** The scalars of one variable's step. */
export interface AdamWScalars {
  /** `2·l2`, or 0 where no penalty applies. */
  l2: number;
  beta1: number;
  beta2: number;
  /** The learning rate (times the variable's factor) over the first moment's bias correction. */
  lrOverC1: number;
  /** The second moment's bias correction. */
  c2: number;
  epsilon: number;
  /** `1 − lr·wd` (decoupled weight decay), or 1 where none applies. */
  keep: number;
}

/**
 * One AdamW step over host arrays, into `out` (which may be the inputs themselves): the same float32 operations,
 * in the same order, as the step written with tfjs operations, so that either gives the same weights to the bit.
 */
export function adamwUpdate(
  { p, m, v, g }: { p: Float32Array; m: Float32Array; v: Float32Array; g: Float32Array },
  out: { p: Float32Array; m: Float32Array; v: Float32Array },
  s: AdamWScalars,
): void {
  const f = Math.fround;
  const [l2, b1, ob1, b2, ob2] = [f(s.l2), f(s.beta1), f(1 - s.beta1), f(s.beta2), f(1 - s.beta2)];
  const [lrc1, c2, eps, keep] = [f(s.lrOverC1), f(s.c2), f(s.epsilon), f(s.keep)];
  for (let i = 0; i < p.length; i++) {
    const pi = p[i];
    const gi = l2 !== 0 ? f(g[i] + f(pi * l2)) : g[i];
    const mi = f(f(m[i] * b1) + f(gi * ob1));
    const vi = f(f(v[i] * b2) + f(f(gi * gi) * ob2));
    const update = f(f(mi * lrc1) / f(f(Math.sqrt(f(vi / c2))) + eps));
    out.m[i] = mi;
    out.v[i] = vi;
    out.p[i] = f((keep !== 1 ? f(pi * keep) : pi) - update);
  }
}
