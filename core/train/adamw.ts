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
      tf.tidy(() => {
        for (const name of names) {
          if (!grads[name]) continue;
          const p = variables[name];
          const mv = m.get(name)!;
          const vv = v.get(name)!;
          const { lrFactor, decay } = group.get(name)!;
          const g = decay && l2 > 0 ? tf.add(grads[name], tf.mul(p, 2 * l2)) : grads[name];
          const lr = learningRate * lrFactor;
          mv.assign(tf.add(tf.mul(mv, beta1), tf.mul(g, 1 - beta1)));
          vv.assign(tf.add(tf.mul(vv, beta2), tf.mul(tf.square(g), 1 - beta2)));
          const update = tf.div(tf.mul(mv, lr / c1), tf.add(tf.sqrt(tf.div(vv, c2)), epsilon));
          const decayed = decay && weightDecay > 0 ? tf.mul(p, 1 - lr * weightDecay) : p;
          p.assign(tf.sub(decayed, update));
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
