/**
 * What a prediction says about extrapolation: the numeric inputs of a new movie that lie outside the range
 * the model saw in training, and the score clamped to the target's valid range.
 *
 * @module
 */
import type { MovieRecord } from "../collect/movie_record.ts";
import type { Encoders } from "../features/encoders.ts";

/** A numeric input outside the training range. */
export interface OutOfRangeInput {
  /** The movie field, `numbers.year`. */
  field: string;
  value: number;
  /** The smallest and largest value of the field in the training rows. */
  min: number;
  max: number;
}

/** A score clamped to the target's valid range. */
export interface ClampedScore {
  /** The ensemble's score before clamping. */
  from: number;
  /** The valid range of the target (the column map's). */
  min: number;
  max: number;
}

/**
 * The numeric inputs of `movie` outside the range of the training rows, once per field, in encoder order.
 * Encoders saved without ranges flag nothing.
 */
export function outOfRangeInputs(movie: MovieRecord, encoders: Encoders): OutOfRangeInput[] {
  const found: OutOfRangeInput[] = [];
  const seen = new Set<string>();
  for (const b of encoders.blocks) {
    if ((b.kind !== "number" && b.kind !== "minmax") || b.min === undefined || b.max === undefined) continue;
    const value = movie.numbers[b.field];
    if (value === null || value === undefined || seen.has(b.field)) continue;
    if (value < b.min || value > b.max) {
      seen.add(b.field);
      found.push({ field: `numbers.${b.field}`, value, min: b.min, max: b.max });
    }
  }
  return found;
}

/** `score` within the target's valid range of `encoders`, and how it was clamped (`null` when it was not). */
export function clampScore(
  score: number,
  encoders: Encoders,
): { score: number; clamped: ClampedScore | null } {
  const { min, max } = encoders.map.target;
  if (score < min) return { score: min, clamped: { from: score, min, max } };
  if (score > max) return { score: max, clamped: { from: score, min, max } };
  return { score, clamped: null };
}

/** One line about an out-of-range input: `numbers.year 3000 is outside the training range 1916–2016`. */
export function describeOutOfRange(input: OutOfRangeInput): string {
  return `${input.field} ${input.value} is outside the training range ${input.min}–${input.max}`;
}

/** One line about a clamped score. */
export function describeClamp(clamped: ClampedScore): string {
  return `the ensemble's ${
    Number(clamped.from.toPrecision(4))
  } was clamped to the valid range ${clamped.min}–${clamped.max}`;
}
