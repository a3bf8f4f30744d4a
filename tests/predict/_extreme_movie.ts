/**
 * The extreme movie of issue 11, case 6: year 3000, a million minutes, 1e99 votes (far outside any
 * training range).
 *
 * @module
 */
import type { MovieInput } from "../../core/predict/movie_input.ts";

/** A movie whose numbers lie far outside the range of any training data. */
export const EXTREME: MovieInput = {
  title: "Far Out",
  year: 3000,
  director: "Director 3",
  numbers: { duration: 1e6, votes: 1e99 },
};
