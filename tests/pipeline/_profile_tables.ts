/**
 * Synthetic source tables for the whole-pipeline tests, big enough for a test set that the statistics can work
 * on: a TMDB 5000-shaped pair (movies + credits, JSON cells) and a table with its own column names for the
 * committed column map `tests/testdata/collect/custom/films_map.json`. Seeded, with a learnable score.
 *
 * @module
 */
import { stringify } from "csv-stringify/sync";
import { createRandom } from "../../core/random.ts";

/** The header of `tmdb_5000_movies.csv`. */
export const TMDB_MOVIES_HEADER = [
  "budget",
  "genres",
  "homepage",
  "id",
  "keywords",
  "original_language",
  "original_title",
  "overview",
  "popularity",
  "production_companies",
  "production_countries",
  "release_date",
  "revenue",
  "runtime",
  "spoken_languages",
  "status",
  "tagline",
  "title",
  "vote_average",
  "vote_count",
]; // deno-fmt-ignore

/** Options of {@link tmdbTables}. */
export interface TmdbTablesOptions {
  /** @default 120 */
  rows?: number;
  /** @default 1 */
  seed?: number;
  /** 0-based rows whose `keywords` cell is cut short (malformed JSON); row r is on line r + 2. @default [5] */
  malformed?: number[];
  /** 0-based rows with 3 votes (under the default `--min-votes` 10). @default [9] */
  fewVotes?: number[];
  /** Every this-many-th row has budget 0 (unknown). @default 10 */
  zeroBudgetEvery?: number;
}

/** The two CSV texts of a TMDB 5000-shaped dataset. */
export interface TmdbTables {
  movies: string;
  credits: string;
}

const GENRES = [[28, "Action"], [35, "Comedy"], [18, "Drama"], [27, "Horror"], [
  878,
  "Science Fiction",
]] as const;
const KEYWORDS = [
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
const COUNTRIES = [["US", "United States of America"], ["GB", "United Kingdom"], ["FR", "France"]] as const;

/** A TMDB 5000-shaped movies file and its credits file (LF line ends, header first), joined on id. */
export function tmdbTables(options: TmdbTablesOptions = {}): TmdbTables {
  const { rows = 120, seed = 1, malformed = [5], fewVotes = [9], zeroBudgetEvery = 10 } = options;
  const rng = createRandom(seed);
  const movies: string[][] = [];
  const credits: string[][] = [];
  for (let i = 0; i < rows; i++) {
    const id = String(1000 + i);
    const title = `Film ${i}`;
    const quality = rng.normal();
    const topic = rng.int(5);
    const genres = [GENRES[topic], GENRES[rng.int(GENRES.length)]].filter((g, j, a) => a.indexOf(g) === j);
    const keywords = [KEYWORDS[2 * topic], KEYWORDS[2 * topic + 1], KEYWORDS[rng.int(KEYWORDS.length)]];
    const country = COUNTRIES[rng.int(COUNTRIES.length)];
    let keywordCell = JSON.stringify(keywords.map((name, j) => ({ id: j + 1, name })));
    if (malformed.includes(i)) keywordCell = keywordCell.slice(0, 20);
    const record: Record<string, string> = {
      budget: i % zeroBudgetEvery === 0 ? "0" : String(1e6 * (1 + rng.int(150))),
      genres: JSON.stringify(genres.map(([gid, name]) => ({ id: gid, name }))),
      homepage: "",
      id,
      keywords: keywordCell,
      original_language: rng.next() < 0.8 ? "en" : "fr",
      original_title: title,
      overview: "A story,\nwith a line break.",
      popularity: (Math.exp(3 + quality + rng.normal())).toFixed(6),
      production_companies: JSON.stringify([{ name: `Studio ${rng.int(4)}`, id: 1 }]),
      production_countries: JSON.stringify([{ iso_3166_1: country[0], name: country[1] }]),
      release_date: `${1980 + rng.int(36)}-0${1 + rng.int(9)}-15`,
      revenue: String(1e6 * rng.int(400)),
      runtime: String(80 + rng.int(80)),
      spoken_languages: JSON.stringify([{ iso_639_1: "en", name: "English" }]),
      status: "Released",
      tagline: "",
      title,
      vote_average: Math.min(9.5, Math.max(1.5, 6.2 + 0.9 * quality + 0.3 * rng.normal())).toFixed(1),
      vote_count: fewVotes.includes(i) ? "3" : String(Math.round(Math.exp(6 + quality + rng.normal()))),
    };
    movies.push(TMDB_MOVIES_HEADER.map((h) => record[h]));
    // Cast in shuffled file order; `order` says who is top-billed.
    const cast = rng.shuffle([0, 1, 2, 3]).map((order) => ({
      cast_id: order,
      character: `Role ${order}`,
      credit_id: `c${id}-${order}`,
      gender: 1,
      id: order,
      name: `Actor ${rng.int(15)}`,
      order,
    }));
    const crew = [
      {
        credit_id: `k${id}`,
        department: "Sound",
        gender: 0,
        id: 90,
        job: "Original Music Composer",
        name: "Zed",
      },
      {
        credit_id: `d${id}`,
        department: "Directing",
        gender: 2,
        id: 91,
        job: "Director",
        name: `Director ${rng.int(10)}`,
      },
    ]; // deno-fmt-ignore
    credits.push([id, title, JSON.stringify(cast), JSON.stringify(crew)]);
  }
  return {
    movies: stringify([TMDB_MOVIES_HEADER, ...movies]),
    credits: stringify([["movie_id", "title", "cast", "crew"], ...credits]),
  };
}

/** Options of {@link filmsCsv}. */
export interface FilmsCsvOptions {
  /** @default 120 */
  rows?: number;
  /** @default 1 */
  seed?: number;
}

/**
 * A table with its own column names (Name, Rating (of 10), Made, Helmed by, Stars, Kinds, Cost (USD), Minutes,
 * Rated), read through `tests/testdata/collect/custom/films_map.json`; every 10th cost is 0 (unknown).
 */
export function filmsCsv(options: FilmsCsvOptions = {}): string {
  const { rows = 120, seed = 1 } = options;
  const rng = createRandom(seed);
  const header = [
    "Name",
    "Rating (of 10)",
    "Made",
    "Helmed by",
    "Stars",
    "Kinds",
    "Cost (USD)",
    "Minutes",
    "Rated",
  ];
  const kinds = ["drama", "comedy", "thriller", "western"];
  const records: string[][] = [];
  for (let i = 0; i < rows; i++) {
    const quality = rng.normal();
    const stars = rng.shuffle(["P", "Q", "R", "S", "T", "U"]).slice(0, 2);
    const genre = kinds[rng.int(kinds.length)];
    records.push([
      `Picture ${i}`,
      Math.min(9.5, Math.max(1.5, 6 + quality + 0.3 * rng.normal())).toFixed(1),
      String(1960 + rng.int(60)),
      `Maker ${rng.int(8)}`,
      stars.join(";"),
      [genre, kinds[rng.int(kinds.length)]].filter((g, j, a) => a.indexOf(g) === j).join("/"),
      i % 10 === 0 ? "0" : String(1e5 * (1 + rng.int(90))),
      String(80 + rng.int(70)),
      ["G", "PG", "R"][rng.int(3)],
    ]);
  }
  return stringify([header, ...records]);
}
