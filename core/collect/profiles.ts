/**
 * The built-in dataset profiles, each a {@link ColumnMap} shipped as a JSON file in `profiles/` (the same
 * format as a user's `--map FILE`), and `detectProfile`, which picks one by header.
 *
 * @module
 */
import type { ColumnMap } from "./column_map.ts";
import { validateColumnMap } from "./validate_column_map.ts";
import imdb5000Json from "./profiles/imdb5000.json" with { type: "json" };
import vegaMoviesJson from "./profiles/vega-movies.json" with { type: "json" };
import tmdb5000Json from "./profiles/tmdb5000.json" with { type: "json" };
import imdbDatasetsJson from "./profiles/imdb-datasets.json" with { type: "json" };

/** IMDB 5000 (`movie_metadata.csv`, Kaggle), the seed's dataset: 28 columns, `imdb_score` 1–10. */
export const imdb5000: ColumnMap = validateColumnMap(imdb5000Json, "profiles/imdb5000.json");

/** vega-datasets `data/movies.json`: 3,201 movies with `IMDB Rating` 1–10 (the embedded default). */
export const vegaMovies: ColumnMap = validateColumnMap(vegaMoviesJson, "profiles/vega-movies.json");

/** TMDB 5000 (`tmdb_5000_movies.csv` joined with `tmdb_5000_credits.csv`), `vote_average` 0–10. */
export const tmdb5000: ColumnMap = validateColumnMap(tmdb5000Json, "profiles/tmdb5000.json");

/**
 * IMDb's non-commercial datasets: a folder of `title.*.tsv.gz` and `name.basics.tsv.gz` files, joined into one
 * table by `scripts/_read_imdb.ts` (`core/imdb/imdb_join.ts`), whose columns this map reads. `averageRating`
 * 0–10; movies with fewer than 100 votes are left out by default.
 */
export const imdbDatasets: ColumnMap = validateColumnMap(imdbDatasetsJson, "profiles/imdb-datasets.json");

/** Built-in profiles by name. */
export const PROFILES: Record<string, ColumnMap> = {
  imdb5000,
  "vega-movies": vegaMovies,
  tmdb5000,
  "imdb-datasets": imdbDatasets,
};

/**
 * Pick the built-in profile whose `detect` columns are all in `header`.
 *
 * @throws {TypeError} when none matches, listing the columns found.
 */
export function detectProfile(header: readonly string[], source = "input"): ColumnMap {
  const have = new Set(header);
  for (const profile of Object.values(PROFILES)) {
    if (profile.detect.length > 0 && profile.detect.every((c) => have.has(c))) return profile;
  }
  throw new TypeError(
    `Cannot detect the profile of ${source}: its columns (${
      header.map((h) => JSON.stringify(h)).join(", ")
    }) match none of ${Object.keys(PROFILES).join(", ")}; pass --profile or --map`,
  );
}
