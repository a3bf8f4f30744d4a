/**
 * Schedules over training progress t ∈ [0, 1] (the share of planned steps done): multipliers of the learning
 * rate, dropout rate and weight decay.
 *
 * @module
 */

/** Schedule names. */
export const SCHEDULES = ["constant", "cosine", "coslog4", "flat_cos"] as const;

/** One of {@link SCHEDULES}. */
export type ScheduleName = typeof SCHEDULES[number];

/**
 * The multiplier at progress `t` (clamped to [0, 1]):
 * - `constant`: 1;
 * - `cosine`: a linear warm-up over the first `warmup` share, then half a cosine from 1 down to 0;
 * - `coslog4`: RealMLP's `0.5 (1 − cos(2π log₂(1 + 15 t)))`, four cycles that lengthen, ending at 0;
 * - `flat_cos`: 1 for the first half, then half a cosine down to 0 (RealMLP's dropout and weight decay).
 */
export function scheduleValue(name: ScheduleName, t: number, warmup = 0): number {
  const x = Math.min(1, Math.max(0, t));
  switch (name) {
    case "constant":
      return 1;
    case "cosine":
      if (x < warmup) return x / warmup;
      return 0.5 * (1 + Math.cos(Math.PI * (warmup < 1 ? (x - warmup) / (1 - warmup) : 1)));
    case "coslog4":
      return 0.5 * (1 - Math.cos(2 * Math.PI * Math.log2(1 + 15 * x)));
    case "flat_cos":
      return x < 0.5 ? 1 : 0.5 * (1 + Math.cos(Math.PI * (2 * x - 1)));
  }
}
