/**
 * Dropout masks drawn on the host from a seeded generator, cheaply: each 32-bit draw (`Random.uint32`) gives
 * four bytes, and each byte decides one unit, so a mask costs a quarter of the draws of one uniform per unit.
 * The drop probability is the rate rounded to a multiple of 1/256, and the kept units are scaled by the inverse
 * of the probability actually used, so that the mask's expectation is exactly 1.
 *
 * @module
 */
import { createRandom } from "../random.ts";

/** The drop probability a {@link dropoutMask} of `rate` uses: the rate rounded to a multiple of 1/256. */
export function quantizedRate(rate: number): number {
  return Math.round(Math.min(1, Math.max(0, rate)) * 256) / 256;
}

/**
 * A mask of `size` units: 0 for a dropped unit (probability {@link quantizedRate}`(rate)`), else 1 / (1 − that
 * probability). The same size, rate and seed give the same mask everywhere.
 *
 * @throws {RangeError} when the rate rounds to 1 (every unit dropped).
 */
export function dropoutMask(size: number, rate: number, seed: number): Float32Array {
  const p = quantizedRate(rate);
  if (p >= 1) {
    throw new RangeError(`Cannot draw a dropout mask with rate ${rate}: every unit would be dropped`);
  }
  // A unit's value by its byte: 0 below the threshold, else the keep scale.
  const value = new Float32Array(256).fill(1 / (1 - p), p * 256);
  const mask = new Float32Array(size);
  const rng = createRandom(seed);
  const whole = size - (size % 4);
  for (let i = 0; i < whole; i += 4) {
    const t = rng.uint32();
    mask[i] = value[t & 255];
    mask[i + 1] = value[(t >>> 8) & 255];
    mask[i + 2] = value[(t >>> 16) & 255];
    mask[i + 3] = value[t >>> 24];
  }
  if (whole < size) {
    const t = rng.uint32();
    for (let j = 0; whole + j < size; j++) mask[whole + j] = value[(t >>> (8 * j)) & 255];
  }
  return mask;
}
