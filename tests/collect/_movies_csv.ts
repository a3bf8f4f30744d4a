/**
 * Synthetic IMDB 5000-shaped CSV text for tests: the 28 real columns, seeded values with a learnable score,
 * recurring directors, actors and keywords, a few empty cells and NBSP-ended titles.
 *
 * @module
 */
import { stringify } from "csv-stringify/sync";
import { createRandom } from "../../core/random.ts";

/** The header of IMDB 5000's movie_metadata.csv. */
export const IMDB_HEADER = [
  "color",
  "director_name",
  "num_critic_for_reviews",
  "duration",
  "director_facebook_likes",
  "actor_3_facebook_likes",
  "actor_2_name",
  "actor_1_facebook_likes",
  "gross",
  "genres",
  "actor_1_name",
  "movie_title",
  "num_voted_users",
  "cast_total_facebook_likes",
  "actor_3_name",
  "facenumber_in_poster",
  "plot_keywords",
  "movie_imdb_link",
  "num_user_for_reviews",
  "language",
  "country",
  "content_rating",
  "budget",
  "title_year",
  "actor_2_facebook_likes",
  "imdb_score",
  "aspect_ratio",
  "movie_facebook_likes",
]; // deno-fmt-ignore

/** Options of {@link imdbCsv}. */
export interface ImdbCsvOptions {
  /** @default 80 */
  rows?: number;
  /** @default 1 */
  seed?: number;
  /** Share of rows with one empty cell. @default 0.1 */
  emptyShare?: number;
  /** Cells to overwrite, by 0-based row then column name (row r is on line r + 2). */
  cells?: Record<number, Record<string, string>>;
}

/** IMDB 5000-shaped CSV text (LF line ends, header first). */
export function imdbCsv(options: ImdbCsvOptions = {}): string {
  const { rows = 80, seed = 1, emptyShare = 0.1, cells = {} } = options;
  const rng = createRandom(seed);
  const genres = ["Action", "Comedy", "Drama", "Horror", "Romance", "Sci-Fi"];
  const keywords = [
    "space",
    "alien",
    "love",
    "wedding",
    "murder",
    "detective",
    "ghost",
    "house",
    "war",
    "soldier",
  ];
  const records: string[][] = [];
  for (let i = 0; i < rows; i++) {
    const quality = rng.normal();
    const votes = Math.round(Math.exp(9 + quality + rng.normal()));
    const topic = rng.int(5);
    const score = Math.min(9.5, Math.max(1.5, 6.4 + 0.8 * quality + 0.3 * rng.normal()));
    const record: Record<string, string> = {
      color: rng.next() < 0.9 ? "Color" : " Black and White",
      director_name: `Director ${rng.int(12)}`,
      num_critic_for_reviews: String(rng.int(500)),
      duration: String(80 + rng.int(80)),
      director_facebook_likes: String(rng.int(10000)),
      actor_3_facebook_likes: String(rng.int(5000)),
      actor_2_name: `Actor ${rng.int(20)}`,
      actor_1_facebook_likes: String(rng.int(20000)),
      gross: String(rng.int(1e8)),
      genres: [genres[rng.int(6)], genres[rng.int(6)]].filter((g, j, a) => a.indexOf(g) === j).join("|"),
      actor_1_name: `Actor ${rng.int(20)}`,
      movie_title: `Movie ${i}\u00a0`,
      num_voted_users: String(votes),
      cast_total_facebook_likes: String(rng.int(50000)),
      actor_3_name: `Actor ${rng.int(20)}`,
      facenumber_in_poster: String(rng.int(5)),
      plot_keywords: [keywords[2 * topic], keywords[2 * topic + 1], keywords[rng.int(10)]].join("|"),
      movie_imdb_link: `http://www.imdb.com/title/tt${String(1000000 + i)}/?ref_=fn_tt_tt_1`,
      num_user_for_reviews: String(rng.int(1000)),
      language: "English",
      country: rng.next() < 0.7 ? "USA" : "UK",
      content_rating: ["PG", "PG-13", "R"][rng.int(3)],
      budget: String(1e6 * (1 + rng.int(100))),
      title_year: String(1980 + rng.int(36)),
      actor_2_facebook_likes: String(rng.int(8000)),
      imdb_score: score.toFixed(1),
      aspect_ratio: rng.next() < 0.5 ? "1.85" : "2.35",
      movie_facebook_likes: String(rng.int(40000)),
    };
    if (rng.next() < emptyShare) record[IMDB_HEADER[rng.int(IMDB_HEADER.length)]] = "";
    record.imdb_score = score.toFixed(1);
    record.movie_imdb_link = `http://www.imdb.com/title/tt${String(1000000 + i)}/?ref_=fn_tt_tt_1`;
    Object.assign(record, cells[i] ?? {});
    records.push(IMDB_HEADER.map((h) => record[h]));
  }
  return stringify([IMDB_HEADER, ...records]);
}
