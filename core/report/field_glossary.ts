/**
 * What each canonical movie field means and when it becomes known, for the model card's data dictionary.
 * Fields are named as the column maps name them (`core/collect/profiles/*.json`).
 *
 * @module
 */

/** When a field's value exists: before release (can score an unreleased film) or only after. */
export type Known = "before release" | "after release" | "at scrape time";

/** Meaning and timing of the fields the built-in profiles map. */
export const FIELD_GLOSSARY: Record<string, { meaning: string; known: Known }> = {
  year: { meaning: "Release year", known: "before release" },
  director: { meaning: "Director's name", known: "before release" },
  actors: { meaning: "Leading actors' names, by billing", known: "before release" },
  genres: { meaning: "Genres", known: "before release" },
  keywords: { meaning: "Plot keywords given by users", known: "after release" },
  votes: { meaning: "Number of users who rated the movie", known: "after release" },
  user_reviews: { meaning: "Number of user reviews", known: "after release" },
  critic_reviews: { meaning: "Number of critic reviews", known: "after release" },
  duration: { meaning: "Running time (minutes)", known: "before release" },
  budget: { meaning: "Production budget (local currency, not inflation-adjusted)", known: "before release" },
  gross: { meaning: "US box-office gross (USD)", known: "after release" },
  us_gross: { meaning: "US box-office gross (USD)", known: "after release" },
  worldwide_gross: { meaning: "Worldwide box-office gross (USD)", known: "after release" },
  revenue: { meaning: "Worldwide revenue (USD)", known: "after release" },
  movie_likes: { meaning: "Facebook likes of the movie's page", known: "at scrape time" },
  director_likes: { meaning: "Facebook likes of the director", known: "at scrape time" },
  cast_likes: { meaning: "Facebook likes of the whole cast", known: "at scrape time" },
  actor_1_likes: { meaning: "Facebook likes of the first-billed actor", known: "at scrape time" },
  actor_2_likes: { meaning: "Facebook likes of the second-billed actor", known: "at scrape time" },
  actor_3_likes: { meaning: "Facebook likes of the third-billed actor", known: "at scrape time" },
  faces: { meaning: "Number of faces on the poster", known: "before release" },
  aspect_ratio: { meaning: "Aspect ratio of the picture", known: "before release" },
  popularity: { meaning: "TMDB popularity score", known: "at scrape time" },
  rotten_tomatoes: { meaning: "Rotten Tomatoes critics' rating", known: "after release" },
  color: { meaning: "Colour or black and white", known: "before release" },
  language: { meaning: "Original language", known: "before release" },
  country: { meaning: "Country of production", known: "before release" },
  content_rating: { meaning: "MPAA content rating (PG-13, R, …)", known: "before release" },
  mpaa_rating: { meaning: "MPAA content rating (PG-13, R, …)", known: "before release" },
  distributor: { meaning: "Distributor", known: "before release" },
  source: { meaning: "Source material (original, book, …)", known: "before release" },
  creative_type: { meaning: "Creative type (fiction, fantasy, …)", known: "before release" },
  company: { meaning: "Production company", known: "before release" },
};

/** What each feature group of the encoders holds, in words. */
export const GROUP_MEANINGS: Record<string, string> = {
  num: "Numbers, log-scaled where skewed, then standardised; missing values take the training median",
  missing: "One 0/1 flag per number that was missing (and imputed)",
  cat: 'One column per frequent category value (rare ones share an "other" column)',
  genre: "One 0/1 column per genre (a movie can have several)",
  kw: "The average Word2Vec vector of the movie's plot keywords (all 0 when none is known)",
  director: "One column per director with enough movies",
  actor: "One column per actor with enough movies (any billing position)",
  te: "Target encoding: the smoothed average score of the director's, actors' and keywords' other movies",
  year: "The release year",
};
