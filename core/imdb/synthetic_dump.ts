/**
 * A synthetic IMDb non-commercial dataset dump (https://developer.imdb.com/non-commercial-datasets/): the five
 * tables `title.basics`, `title.ratings`, `title.crew`, `title.principals` and `name.basics`, in IMDb's exact
 * text format and with its quirks, at any size up to the full one (11 million titles, about 90 million
 * principals rows), for tests and the benchmark of the readers of real dumps.
 *
 * The format: UTF-8, a header line, tab-separated cells, `\N` for a missing value, no quoting at all (a `"` is
 * a literal character, and a title may start with one), lists comma-separated inside a cell, `\n` line ends.
 * The quirks kept: `\N` in every column that may be empty, movies with two or three directors, crews without a
 * director, titles without any principals row, adult titles, nine title types in IMDb's proportions, names
 * with `"`, `Jr.` and non-ASCII letters, `characters` as JSON array text, and a few people referenced by
 * `title.crew` and `title.principals` who have no `name.basics` row. `title.basics` comes in a shuffled order
 * of blocks of titles; the other title tables are sorted by tconst.
 *
 * The ratings carry learnable signal: every person has a latent quality, every genre and title type an
 * offset, and year, runtime and log(numVotes) have effects, plus noise; `averageRating` =
 * clamp(round1(6.2 + effects + noise), 1, 10). Everything comes from the seed: the same seed gives the same
 * bytes. Each title (name) draws from its own seeded stream, so each table can be generated on its own.
 *
 * @module
 */
import { createRandom, DEFAULT_SEED, deriveSeed } from "../random.ts";
import { IMDB_TABLES } from "./imdb_tables.ts";

/** The five tables of a dump, in the order a writer should write them. */
export const DUMP_FILES = [
  IMDB_TABLES.basics.file,
  IMDB_TABLES.ratings.file,
  IMDB_TABLES.crew.file,
  IMDB_TABLES.principals.file,
  IMDB_TABLES.names.file,
] as const;

/** One table of a dump: its file is `<name>.tsv.gz`. */
export type DumpFile = typeof DUMP_FILES[number];

/** The header of each table, as IMDb writes it (column names, in order). */
export const DUMP_COLUMNS: { readonly [F in DumpFile]: readonly string[] } = {
  [IMDB_TABLES.basics.file]: IMDB_TABLES.basics.header,
  [IMDB_TABLES.ratings.file]: IMDB_TABLES.ratings.header,
  [IMDB_TABLES.crew.file]: IMDB_TABLES.crew.header,
  [IMDB_TABLES.principals.file]: IMDB_TABLES.principals.header,
  [IMDB_TABLES.names.file]: IMDB_TABLES.names.header,
};

/** The options of {@link syntheticDump}. */
export interface SyntheticDumpOptions {
  /** Rows of `title.basics` (and `title.crew`). @default 11_000_000 (the full size of IMDb's dump) */
  titles?: number;
  /** The seed every row is drawn from. @default 42 */
  seed?: number;
}

/** The defaults of {@link SyntheticDumpOptions}. */
export const SYNTHETIC_DUMP_DEFAULTS = {
  titles: 11_000_000,
  seed: DEFAULT_SEED,
} satisfies Required<SyntheticDumpOptions>;

/** Titles (or names) per block: each chunk of a table after its header holds the rows of one block. */
export const DUMP_BLOCK = 1024;

/** The most titles a dump may have. */
export const MAX_DUMP_TITLES = 100_000_000;

/**
 * One table of a dump: iterate it (any number of times, each from the start) for its text in chunks, the
 * header line first, then one chunk per block of {@link DUMP_BLOCK} titles (names), each ending in `\n`.
 */
export interface DumpTable extends Iterable<string> {
  readonly name: DumpFile;
  readonly columns: readonly string[];
  /** How many chunks follow the header (for progress): one per block of titles or names. */
  readonly blocks: number;
  [Symbol.iterator](): Generator<string>;
}

/** A whole dump: each table by name, and the sizes it was made for. */
export type SyntheticDump = { readonly [F in DumpFile]: DumpTable } & {
  /** Rows of `title.basics` and `title.crew`. */
  readonly titles: number;
  /** The nconsts `nm0000001…` in use; `name.basics` lacks a few of them (about 1 in 2,000). */
  readonly names: number;
};

// ---------------------------------------------------------------------------------------------------------
// Vocabulary

/** IMDb's 28 genres, alphabetical (IMDb lists a title's genres in this order). */
const GENRES = [
  "Action",
  "Adult",
  "Adventure",
  "Animation",
  "Biography",
  "Comedy",
  "Crime",
  "Documentary",
  "Drama",
  "Family",
  "Fantasy",
  "Film-Noir",
  "Game-Show",
  "History",
  "Horror",
  "Music",
  "Musical",
  "Mystery",
  "News",
  "Reality-TV",
  "Romance",
  "Sci-Fi",
  "Short",
  "Sport",
  "Talk-Show",
  "Thriller",
  "War",
  "Western",
] as const;
const G = Object.fromEntries(GENRES.map((g, i) => [g, i])) as Record<typeof GENRES[number], number>;
/** How often each genre is drawn (Adult and Short are added by title kind, not drawn). */
const GENRE_WEIGHT = [
  5,
  0,
  4,
  5,
  2,
  20,
  5,
  12,
  25,
  5,
  2,
  0.1,
  3,
  2,
  3,
  4,
  1,
  3,
  5,
  5,
  6,
  2,
  0,
  2,
  6,
  3,
  1,
  1,
];
/** Each genre's effect on the rating (points); a title gets the mean of its genres'. */
const GENRE_OFFSET = [
  -0.35,
  -0.6,
  -0.05,
  0.3,
  0.5,
  -0.1,
  0.1,
  0.8,
  0.25,
  -0.1,
  -0.15,
  0.4,
  -0.3,
  0.4,
  -0.9,
  0.35,
  0.05,
  0,
  0.1,
  -0.8,
  -0.1,
  -0.3,
  0.1,
  0.2,
  -0.2,
  -0.35,
  0.3,
  0.05,
];
/** Genres whose cast are mostly themselves ("self"). */
const SELF_MASK = (1 << G.Documentary) | (1 << G["Talk-Show"]) | (1 << G["Reality-TV"]) |
  (1 << G["Game-Show"]) | (1 << G.News);

const TYPES = [
  "tvEpisode",
  "short",
  "movie",
  "video",
  "tvSeries",
  "tvMovie",
  "tvMiniSeries",
  "tvSpecial",
  "videoGame",
] as const;
const T = Object.fromEntries(TYPES.map((t, i) => [t, i])) as Record<typeof TYPES[number], number>;
/** Share of each title type (sums to 1): IMDb's rough proportions. */
const TYPE_SHARE = [0.77, 0.09, 0.06, 0.025, 0.025, 0.015, 0.006, 0.005, 0.004];
/**
 * Share of each type's titles that have a rating. Movies' is calibrated so that a full dump (11M titles) has
 * about 300,000 rated non-adult movies (11e6 × 0.06 × 0.98 × 0.464); overall about 13% of titles are rated.
 */
const TYPE_RATED = [0.09, 0.15, 0.464, 0.2, 0.3, 0.3, 0.3, 0.3, 0.2];
/** Each type's effect on the rating (episodes and series rate higher than movies on IMDb). */
const TYPE_OFFSET = [1.0, 0.6, 0, 0.3, 0.6, 0.1, 0.8, 0.4, 0.5];
/**
 * How old each type's titles are, in years: the age before 2025 is exponential with this mean (episodes are
 * recent, movies spread back to 1894); 1% are announced for 2026.
 */
const TYPE_AGE = [12, 25, 30, 18, 15, 25, 15, 20, 15];
/** Probability of no startYear, by type. */
const TYPE_NO_YEAR = [0.1, 0.05, 0.04, 0.05, 0.04, 0.04, 0.04, 0.05, 0.05];
/** Probability of a principals-free title, by type. */
const TYPE_NO_PRINCIPALS = [0.05, 0.06, 0.03, 0.06, 0.04, 0.04, 0.04, 0.06, 0.1];
/** Cumulative type shares, for drawing. */
const TYPE_CUMULATIVE = cumulative(TYPE_SHARE);
const GENRE_CUMULATIVE = cumulative(GENRE_WEIGHT);

const PLAIN_WORDS = (
  "Night Love Road City House Man Woman Girl Boy King Queen War Heart Dream Shadow River " +
  "Storm Game Secret Island Summer Winter Ghost Star Fire Blood Time World Sky Moon Sea " +
  "Train Story Stranger Family Mountain Garden Promise Kiss Empire Machine Circus Journey " +
  "Mirror Angel Devil Thief Hunter Witness Silence"
).split(" ");
const ADJECTIVES = (
  "Last Lost Dark Little Great Red Black Golden Silent Wild Broken Secret Hidden Final First " +
  "Crazy Perfect Forgotten Sweet Cold Long Deadly Happy Strange Young Blue Burning Endless " +
  "Midnight Savage"
).split(" ");
const PLACES = ["Paris", "Tokyo", "Berlin", "Rome", "Texas", "Brooklyn", "Mumbai", "Cairo", "Oslo", "Lagos"];
/** Original titles that differ from the primary one (some non-ASCII, some not Latin). */
const FOREIGN = [
  "La Nuit",
  "Le Dernier Été",
  "Der Himmel über",
  "Die Stadt",
  "El Camino",
  "La Casa de Papel",
  "Il Viaggio",
  "Amélie",
  "Smultronstället",
  "Ladri di biciclette",
  "東京物語",
  "七人の侍",
  "Przesłuchanie",
  "Ødeland",
  "Ça commence aujourd'hui",
  "Четыре",
  "Şahin",
  "O Pagador de Promessas",
];
const MALE = (
  "James John Robert Michael William David Richard Joseph Thomas Charles Daniel Paul Mark " +
  "George Kenji Raj Luis Pierre Hans Ivan Ahmed Chen Olu Sven Marco José François Jürgen " +
  "Sean Tom"
).split(" ");
const FEMALE = (
  "Mary Patricia Jennifer Linda Elizabeth Barbara Susan Jessica Sarah Karen Emma Olivia " +
  "Sofia Yuki Priya María Chloé Ingrid Anna Fatima Mei Ngozi Astrid Giulia Zoë Renée Siobhán " +
  "Greta Lucy Kate"
).split(" ");
const SURNAMES = (
  "Smith Johnson Williams Brown Jones Garcia Miller Davis Rodriguez Martinez Wilson Anderson " +
  "Taylor Thomas Moore Jackson Martin Lee Thompson White Harris Clark Lewis Walker Hall " +
  "Young King Wright Scott Green Baker Adams Nelson Hill Campbell Mitchell Roberts Carter " +
  "Phillips Evans Tanaka Nakamura Kumar Sharma Müller Schmidt Dubois Lefèvre Rossi Bianchi " +
  "Núñez Pérez Ivanov Kowalski Østergaard Andersson O'Brien O'Connor Okafor Zhang Wang Kim " +
  "Park Nguyen Haddad Yilmaz Silva Santos Costa Novák"
).split(" ");
const NICKNAMES = ["Doc", "Red", "Ace", "Buddy", "The Rock", "Weird Al", "Kid", "Duke"];
const CHARACTER_ROLES = [
  "Narrator",
  "Detective",
  "Nurse",
  "Bartender",
  "Dr. Miller",
  "Sheriff",
  "Young Boy",
  "Mother",
  "Father",
  "Waitress",
  "Policeman",
  "Reporter",
  "Guard",
  "Soldier",
  "Party Guest",
];
const WRITER_JOBS = ["screenplay", "novel", "story", "written by", "characters", "created by", "teleplay"];
const PRODUCER_JOBS = ["producer", "executive producer", "co-producer", "producer", "line producer"];
const EXTRA_CATEGORIES = ["composer", "cinematographer", "editor", "production_designer"];
const ACTOR_PROFESSIONS = ["soundtrack", "producer", "director", "writer", "stunts", "music_department"];
const CREW_PROFESSIONS = [
  "miscellaneous",
  "camera_department",
  "editorial_department",
  "art_department",
  "sound_department",
  "visual_effects",
  "music_department",
];

// ---------------------------------------------------------------------------------------------------------
// Numbers

function cumulative(weights: readonly number[]): Float64Array {
  const out = new Float64Array(weights.length);
  let sum = 0;
  for (const w of weights) sum += w;
  let run = 0;
  weights.forEach((w, i) => out[i] = (run += w) / sum);
  out[out.length - 1] = 1;
  return out;
}

function pick(cum: Float64Array, u: number): number {
  let i = 0;
  while (cum[i] <= u) i++;
  return i;
}

/** murmur3's finaliser: a 32-bit integer hash. */
function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * A mulberry32 stream (the generator of `core/random.ts`) that can be re-seeded in place, so that every title
 * draws from its own stream without allocating one per row.
 */
class Stream {
  s = 0;
  /** Start the stream of entity `i` (a title or name index) for purpose `purpose` under `base`. */
  at(base: number, i: number, purpose: number): void {
    this.s = fmix((base ^ Math.imul(i + 1, 0x9e3779b1) ^ Math.imul(purpose + 1, 0x27d4eb2f)) >>> 0);
  }
  next(): number {
    this.s = (this.s + 0x6d2b79f5) >>> 0;
    let t = this.s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  normal(): number {
    const u = 1 - this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.next());
  }
  of<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }
}

const ZEROS = ["", "0", "00", "000", "0000", "00000", "000000"];
/** `prefix` + `n` zero-padded to at least 7 digits. */
function id(prefix: string, n: number): string {
  const s = String(n);
  return s.length >= 7 ? prefix + s : prefix + ZEROS[7 - s.length] + s;
}
/** The tconst number of title index `i`: increasing, with a gap every tenth (IMDb's numbers have gaps). */
const tnum = (i: number) => i + Math.floor(i / 10) + 1;
const tconst = (i: number) => id("tt", tnum(i));
const nconst = (j: number) => id("nm", j + 1);

// Name classes: name index j = 10·rank + class. 0–2 actors, 3–5 actresses, 6 directors, 7 writers,
// 8 producers, 9 other crew (composer, cinematographer, editor, production designer by rank mod 4).
const DIRECTOR = 6, WRITER = 7, PRODUCER = 8, EXTRA = 9;

/** Whether name index `j` has no `name.basics` row: about 1 in 2,100, some of them busy people. */
function isAbsentName(j: number): boolean {
  const c = j % 10, r = (j - c) / 10;
  return (c === 0 && r % 211 === 7) || (c === DIRECTOR && r % 211 === 11);
}

// ---------------------------------------------------------------------------------------------------------
// One title's draws

/** Purposes of the per-title streams. */
const CORE = 0, CREW = 1, CAST = 2, RATING = 3, TEXT = 4, CREDITS = 5, NAME = 6;

/** The most principals rows of a title. */
const MAX_PRINCIPALS = 16;
/** Categories of principals rows, by code. */
const CATEGORIES = [
  "actor",
  "actress",
  "self",
  "archive_footage",
  "director",
  "writer",
  "producer",
  "composer",
  "cinematographer",
  "editor",
  "production_designer",
];
const ACTOR = 0, ACTRESS = 1, SELF = 2, ARCHIVE = 3, C_DIRECTOR = 4, C_WRITER = 5, C_PRODUCER = 6;

/**
 * The draws of one title, into reused fields (no allocation per row). `core(i)` must come first; `crew(i)`
 * before `cast(i)` (the principals list the crew).
 */
class TitleDraws {
  readonly rng = new Stream();
  constructor(readonly base: number, readonly rankCount: number) {}
  // core
  type = 0;
  adult = false;
  year = 0; // 0: \N
  endYear = 0; // 0: \N
  runtime = -1; // -1: \N
  genres = 0; // bit mask over GENRES
  // crew
  directors = new Int32Array(3);
  nd = 0;
  writers = new Int32Array(3);
  nw = 0;
  // cast (principals)
  n = 0;
  people = new Int32Array(MAX_PRINCIPALS);
  cats = new Uint8Array(MAX_PRINCIPALS);
  castCount = 0;

  core(i: number): void {
    const r = this.rng;
    r.at(this.base, i, CORE);
    const type = this.type = pick(TYPE_CUMULATIVE, r.next());
    this.adult = r.next() < 0.02;
    const y = r.next();
    this.year = y < TYPE_NO_YEAR[type]
      ? 0
      : y > 0.99
      ? 2026
      : 2025 - Math.floor(-Math.log(1 - r.next()) * TYPE_AGE[type]) % 132;
    const u = r.next();
    this.endYear = (type === T.tvSeries || type === T.tvMiniSeries) && this.year && u < 0.5
      ? Math.min(2026, this.year + Math.floor(15 * r.next() ** 2))
      : 0;
    this.runtime = r.next() < 0.3 ? -1 : runtimeOf(type, r);
    let mask = 0, count = 0;
    if (this.adult && r.next() < 0.8) mask |= 1 << G.Adult, count++;
    if (type === T.short && r.next() < 0.7) mask |= 1 << G.Short, count++;
    const v = r.next();
    const target = v < 0.06 ? 0 : v < 0.56 ? 1 : v < 0.8 ? 2 : 3;
    for (let tries = 0; count < target && tries < 8; tries++) {
      const bit = 1 << pick(GENRE_CUMULATIVE, r.next());
      if (!(mask & bit)) mask |= bit, count++;
    }
    this.genres = mask;
  }

  /** A person of name class `c`: half of the draws favour low ranks, so some people are much busier. */
  person(c: number): number {
    const u = this.rng.next();
    const rank = this.rng.next() < 0.5 ? Math.floor(this.rankCount * u) : Math.floor(this.rankCount * u * u);
    return rank * 10 + c;
  }

  crew(i: number): void {
    const r = this.rng;
    r.at(this.base, i, CREW);
    const type = this.type;
    const u = r.next();
    const feature = type === T.movie || type === T.tvMovie;
    // Directors: \N for some (more for episodes), two or three for a few movies.
    this.nd = type === T.tvEpisode
      ? (u < 0.3 ? 0 : 1)
      : u < 0.04
      ? 0
      : feature && u > 0.97
      ? 3
      : feature && u > 0.87
      ? 2
      : u > 0.95
      ? 2
      : 1;
    for (let k = 0; k < this.nd; k++) this.directors[k] = this.person(DIRECTOR);
    const w = r.next();
    this.nw = w < (type === T.tvEpisode ? 0.45 : 0.2) ? 0 : w < 0.7 ? 1 : w < 0.92 ? 2 : 3;
    for (let k = 0; k < this.nw; k++) this.writers[k] = this.person(WRITER);
  }

  cast(i: number): void {
    const r = this.rng;
    r.at(this.base, i, CAST);
    const n = this.n = r.next() < TYPE_NO_PRINCIPALS[this.type] ? 0 : 1 + r.int(MAX_PRINCIPALS);
    if (n === 0) {
      this.castCount = 0;
      return;
    }
    const crewRows = Math.min(this.nd + this.nw, n >> 1);
    const extras = Math.max(0, Math.min(n - crewRows - 1, r.int(4)));
    const castCount = this.castCount = n - crewRows - extras;
    const selfish = (this.genres & SELF_MASK) !== 0;
    let k = 0;
    for (; k < castCount; k++) {
      const v = r.next();
      const female = r.next() < 0.42;
      this.people[k] = this.person((female ? 3 : 0) + r.int(3));
      this.cats[k] = v < 0.01 ? ARCHIVE : selfish && v < 0.9 ? SELF : female ? ACTRESS : ACTOR;
    }
    for (let d = 0; d < this.nd && k < castCount + crewRows; d++, k++) {
      this.people[k] = this.directors[d];
      this.cats[k] = C_DIRECTOR;
    }
    for (let w = 0; w < this.nw && k < castCount + crewRows; w++, k++) {
      this.people[k] = this.writers[w];
      this.cats[k] = C_WRITER;
    }
    for (; k < n; k++) {
      const e = r.int(5);
      if (e === 0) {
        this.people[k] = this.person(PRODUCER);
        this.cats[k] = C_PRODUCER;
      } else {
        const u = r.next();
        const rank = Math.min(this.rankCount - 1, Math.floor((this.rankCount >> 2) * u * u) * 4 + (e - 1));
        this.people[k] = rank * 10 + EXTRA;
        this.cats[k] = C_PRODUCER + e;
      }
    }
  }
}

function runtimeOf(type: number, r: Stream): number {
  switch (type) {
    case T.movie:
      return Math.max(45, Math.min(320, Math.round(95 + 20 * r.normal())));
    case T.short:
      return 1 + r.int(40);
    case T.tvEpisode:
      return [22, 24, 30, 44, 45, 60][r.int(6)] + r.int(5) - 2;
    case T.tvSeries:
    case T.tvMiniSeries:
      return 20 + r.int(50);
    case T.tvMovie:
      return 70 + r.int(60);
    case T.videoGame:
      return r.next() < 0.8 ? 1 : 60 + r.int(600);
    default:
      return 10 + r.int(110);
  }
}

/** Latent quality of name index `j`: about N(0, 1), from a hash (no table of 14M numbers needed). */
function quality(base: number, j: number): number {
  const h1 = fmix((base ^ Math.imul(j + 1, 0x9e3779b1)) >>> 0);
  const h2 = fmix((h1 ^ 0x5bd1e995) >>> 0);
  const h3 = fmix((h2 ^ 0x1b873593) >>> 0);
  return ((h1 + h2 + h3) / 4294967296 - 1.5) * 2;
}

// ---------------------------------------------------------------------------------------------------------
// Tables

/**
 * Make a synthetic dump of `titles` titles: five tables, each an iterable of text chunks (header first, then
 * one chunk per block of {@link DUMP_BLOCK} titles or names, about 3–400 KB each) to stream into
 * `<name>.tsv.gz`. Nothing is generated until a table is iterated; memory stays small at any size.
 *
 * Sizes at `titles` T: `title.basics` and `title.crew` T rows, `title.ratings` about 0.13·T,
 * `title.principals` about 8.2·T, `name.basics` about 1.27·T (14M at full size).
 *
 * @throws {RangeError} when `titles` is not an integer from 1 to {@link MAX_DUMP_TITLES}, or `seed` not an
 * integer.
 * @example
 * const dump = syntheticDump({ titles: 5000 });
 * const text = [...dump["title.basics"]].join("");
 */
export function syntheticDump(options: SyntheticDumpOptions = {}): SyntheticDump {
  const { titles = SYNTHETIC_DUMP_DEFAULTS.titles, seed = SYNTHETIC_DUMP_DEFAULTS.seed } = options;
  if (!Number.isInteger(titles) || titles < 1 || titles > MAX_DUMP_TITLES) {
    throw new RangeError(
      `Cannot make a synthetic dump: titles must be an integer from 1 to ${MAX_DUMP_TITLES}, got ${
        JSON.stringify(titles)
      }`,
    );
  }
  if (!Number.isInteger(seed)) {
    throw new RangeError(
      `Cannot make a synthetic dump: seed must be an integer, got ${JSON.stringify(seed)}`,
    );
  }
  const base = deriveSeed(seed, "imdb-dump");
  const qualityBase = deriveSeed(seed, "imdb-dump", "quality");
  const rankCount = Math.ceil(titles * 14 / 11 / 10);
  const names = rankCount * 10;
  const titleBlocks = Math.ceil(titles / DUMP_BLOCK);
  const nameBlocks = Math.ceil(names / DUMP_BLOCK);
  const ctx: Context = { titles, names, base, qualityBase, rankCount };

  const table = (name: DumpFile, blocks: number, body: (ctx: Context) => Generator<string>): DumpTable => ({
    name,
    columns: DUMP_COLUMNS[name],
    blocks,
    *[Symbol.iterator]() {
      yield DUMP_COLUMNS[name].join("\t") + "\n";
      yield* body(ctx);
    },
  });
  return {
    titles,
    names,
    "title.basics": table("title.basics", titleBlocks, basicsChunks),
    "title.ratings": table("title.ratings", titleBlocks, ratingsChunks),
    "title.crew": table("title.crew", titleBlocks, crewChunks),
    "title.principals": table("title.principals", titleBlocks, principalsChunks),
    "name.basics": table("name.basics", nameBlocks, namesChunks),
  };
}

interface Context {
  titles: number;
  names: number;
  base: number;
  qualityBase: number;
  rankCount: number;
}

const genreText = new Map<number, string>();
function genresCell(mask: number): string {
  let text = genreText.get(mask);
  if (text === undefined) {
    const parts: string[] = [];
    for (let g = 0; g < GENRES.length; g++) if (mask & (1 << g)) parts.push(GENRES[g]);
    text = parts.length ? parts.join(",") : "\\N";
    genreText.set(mask, text);
  }
  return text;
}
const genreEffect = new Map<number, number>();
function genresEffect(mask: number): number {
  let effect = genreEffect.get(mask);
  if (effect === undefined) {
    let sum = 0, count = 0;
    for (let g = 0; g < GENRES.length; g++) if (mask & (1 << g)) sum += GENRE_OFFSET[g], count++;
    effect = count ? sum / count : 0;
    genreEffect.set(mask, effect);
  }
  return effect;
}

function title(r: Stream, type: number): string {
  if (type === T.tvEpisode && r.next() < 0.4) return `Episode #${1 + r.int(12)}.${1 + r.int(24)}`;
  const u = r.next();
  if (u < 0.006) return `The "${r.of(ADJECTIVES)}" ${r.of(PLAIN_WORDS)}`; // a literal quote inside
  if (u < 0.008) return `"${r.of(ADJECTIVES)} ${r.of(PLAIN_WORDS)}" ${r.of(PLACES)}`; // one at the start
  if (u < 0.012) return `${r.of(SURNAMES)}'s ${r.of(PLAIN_WORDS)} & ${r.of(PLAIN_WORDS)}`;
  if (u < 0.2) return `The ${r.of(PLAIN_WORDS)}`;
  if (u < 0.45) return `${r.of(ADJECTIVES)} ${r.of(PLAIN_WORDS)}`;
  if (u < 0.65) return `The ${r.of(ADJECTIVES)} ${r.of(PLAIN_WORDS)}`;
  if (u < 0.78) return `${r.of(PLAIN_WORDS)} of the ${r.of(PLAIN_WORDS)}`;
  if (u < 0.86) return `${r.of(PLAIN_WORDS)} ${2 + r.int(4)}`;
  if (u < 0.94) return `A ${r.of(PLAIN_WORDS)} in ${r.of(PLACES)}`;
  return `${r.of(ADJECTIVES)} ${r.of(PLAIN_WORDS)}: ${r.of(ADJECTIVES)} ${r.of(PLAIN_WORDS)}`;
}

/** The permutation of blocks `title.basics` is written in (IMDb's files are not all in tconst order). */
function blockOrder(ctx: Context): number[] {
  const blocks = Math.ceil(ctx.titles / DUMP_BLOCK);
  const rng = createRandom(deriveSeed(ctx.base, "title.basics", "blocks"));
  return rng.shuffle(Array.from({ length: blocks }, (_, b) => b));
}

/**
 * One chunk of text per block of {@link DUMP_BLOCK} rows out of `total`, blocks in `order` (default: 0, 1, …);
 * `rows(start, end)` writes rows `start` to `end − 1`.
 */
function* blockChunks(
  total: number,
  rows: (start: number, end: number) => string,
  order: Iterable<number> = Array.from({ length: Math.ceil(total / DUMP_BLOCK) }, (_, b) => b),
): Generator<string> {
  for (const block of order) yield rows(block * DUMP_BLOCK, Math.min(total, (block + 1) * DUMP_BLOCK));
}

function* basicsChunks(ctx: Context): Generator<string> {
  const d = new TitleDraws(ctx.base, ctx.rankCount);
  const r = d.rng;
  yield* blockChunks(ctx.titles, (start, end) => {
    let chunk = "";
    for (let i = start; i < end; i++) {
      d.core(i);
      r.at(ctx.base, i, TEXT);
      const primary = title(r, d.type);
      const original = r.next() < 0.1 ? r.of(FOREIGN) : primary;
      chunk += tconst(i) + "\t" + TYPES[d.type] + "\t" + primary + "\t" + original + "\t" +
        (d.adult ? "1" : "0") + "\t" + (d.year ? d.year : "\\N") + "\t" + (d.endYear ? d.endYear : "\\N") +
        "\t" + (d.runtime < 0 ? "\\N" : d.runtime) + "\t" + genresCell(d.genres) + "\n";
    }
    return chunk;
  }, blockOrder(ctx));
}

function* crewChunks(ctx: Context): Generator<string> {
  const d = new TitleDraws(ctx.base, ctx.rankCount);
  yield* blockChunks(ctx.titles, (start, end) => {
    let chunk = "";
    for (let i = start; i < end; i++) {
      d.core(i);
      d.crew(i);
      let directors = "\\N", writers = "\\N";
      if (d.nd) {
        directors = nconst(d.directors[0]);
        for (let k = 1; k < d.nd; k++) directors += "," + nconst(d.directors[k]);
      }
      if (d.nw) {
        writers = nconst(d.writers[0]);
        for (let k = 1; k < d.nw; k++) writers += "," + nconst(d.writers[k]);
      }
      chunk += tconst(i) + "\t" + directors + "\t" + writers + "\n";
    }
    return chunk;
  });
}

function characters(r: Stream, category: number): string {
  const u = r.next();
  if (category === SELF) {
    if (u < 0.01) return `["Self - Host of \\"${r.of(ADJECTIVES)} ${r.of(PLAIN_WORDS)}\\""]`;
    return u < 0.6 ? `["Self"]` : u < 0.8 ? `["Self - Host"]` : u < 0.9 ? `["Self - Guest"]` : "\\N";
  }
  if (category === ARCHIVE) return u < 0.5 ? `["Self"]` : "\\N";
  if (u < 0.13) return "\\N";
  const name = u < 0.45
    ? r.of(CHARACTER_ROLES)
    : `${category === ACTRESS ? r.of(FEMALE) : r.of(MALE)} ${r.of(SURNAMES)}`;
  return u > 0.99 ? `["${name}","${r.of(CHARACTER_ROLES)}"]` : `["${name}"]`;
}

function job(r: Stream, category: number): string {
  switch (category) {
    case C_WRITER:
      return r.next() < 0.5 ? "\\N" : r.of(WRITER_JOBS);
    case C_PRODUCER:
      return r.of(PRODUCER_JOBS);
    case C_DIRECTOR:
      return r.next() < 0.98 ? "\\N" : "co-director";
    case C_PRODUCER + 2: // cinematographer
      return r.next() < 0.3 ? "director of photography" : "\\N";
    default:
      return "\\N";
  }
}

function* principalsChunks(ctx: Context): Generator<string> {
  const d = new TitleDraws(ctx.base, ctx.rankCount);
  const r = new Stream();
  yield* blockChunks(ctx.titles, (start, end) => {
    let chunk = "";
    for (let i = start; i < end; i++) {
      d.core(i);
      d.crew(i);
      d.cast(i);
      if (d.n === 0) continue;
      r.at(ctx.base, i, CREDITS);
      const tt = tconst(i) + "\t";
      for (let k = 0; k < d.n; k++) {
        const cat = d.cats[k];
        chunk += tt + (k + 1) + "\t" + nconst(d.people[k]) + "\t" + CATEGORIES[cat] + "\t" +
          (cat <= ARCHIVE ? "\\N" : job(r, cat)) + "\t" + (cat <= ARCHIVE ? characters(r, cat) : "\\N") +
          "\n";
      }
    }
    return chunk;
  });
}

function* ratingsChunks(ctx: Context): Generator<string> {
  const d = new TitleDraws(ctx.base, ctx.rankCount);
  const r = new Stream();
  const qb = ctx.qualityBase;
  yield* blockChunks(ctx.titles, (start, end) => {
    let chunk = "";
    for (let i = start; i < end; i++) {
      d.core(i);
      r.at(ctx.base, i, RATING);
      const type = d.type;
      if (r.next() >= TYPE_RATED[type]) continue;
      d.crew(i);
      d.cast(i);
      // Votes: log-normal (median about 40 for movies, 20 for the rest), with a rare blockbuster component.
      const big = r.next() < (type === T.movie ? 0.002 : 0.0002);
      const mu = big ? Math.log(200_000) : type === T.movie ? Math.log(40) : Math.log(15);
      const sigma = big ? 1.2 : type === T.movie ? 2.0 : 1.4;
      const votes = 5 + Math.floor(Math.exp(mu + sigma * r.normal()));
      let people = 0;
      if (d.nd) {
        let q = 0;
        for (let k = 0; k < d.nd; k++) q += quality(qb, d.directors[k]);
        people += 0.55 * q / d.nd;
      }
      if (d.nw) {
        let q = 0;
        for (let k = 0; k < d.nw; k++) q += quality(qb, d.writers[k]);
        people += 0.3 * q / d.nw;
      }
      const top = Math.min(3, d.castCount);
      if (top) {
        let q = 0;
        for (let k = 0; k < top; k++) q += quality(qb, d.people[k]);
        people += 0.45 * q / top;
      }
      const year = d.year ? Math.max(-0.3, Math.min(0.6, 0.006 * (2000 - d.year))) : 0;
      const runtime = d.runtime >= 0 && type === T.movie
        ? Math.max(-0.4, Math.min(0.5, 0.008 * (d.runtime - 95)))
        : 0;
      const x = 6.2 + TYPE_OFFSET[type] + genresEffect(d.genres) + (d.adult ? -0.8 : 0) + people + year +
        runtime + 0.15 * (Math.log(votes) - 3.5) + 0.75 * r.normal();
      const tenths = Math.max(10, Math.min(100, Math.round(x * 10)));
      chunk += tconst(i) + "\t" + Math.floor(tenths / 10) + "." + (tenths % 10) + "\t" + votes + "\n";
    }
    return chunk;
  });
}

function personName(r: Stream, female: boolean): string {
  const first = female ? r.of(FEMALE) : r.of(MALE);
  const u = r.next();
  const last = r.of(SURNAMES);
  if (u < 0.003) return `${first} "${r.of(NICKNAMES)}" ${last}`;
  if (u < 0.013) return `${first} ${last} Jr.`;
  if (u < 0.016) return `${first} ${last} III`;
  if (u < 0.12) return `${first} ${String.fromCharCode(65 + r.int(26))}. ${last}`;
  return `${first} ${last}`;
}

function professions(r: Stream, c: number, rank: number): string {
  if (r.next() < 0.08) return "\\N";
  let first: string;
  if (c < 3) first = "actor";
  else if (c < 6) first = "actress";
  else if (c === DIRECTOR) first = "director";
  else if (c === WRITER) first = "writer";
  else if (c === PRODUCER) first = "producer";
  else first = EXTRA_CATEGORIES[rank % 4];
  const u = r.next();
  if (u < 0.55) return first;
  const second = c < 6 ? r.of(ACTOR_PROFESSIONS) : c === DIRECTOR ? "writer" : r.of(CREW_PROFESSIONS);
  if (u < 0.85 || second === first) return first + "," + second;
  const third = r.of(CREW_PROFESSIONS);
  return third === second ? first + "," + second : first + "," + second + "," + third;
}

/** Whether `t` is among the first `k` items of `picked`. */
function seen(picked: Int32Array, k: number, t: number): boolean {
  for (let m = 0; m < k; m++) if (picked[m] === t) return true;
  return false;
}

function* namesChunks(ctx: Context): Generator<string> {
  const r = new Stream();
  const picked = new Int32Array(4);
  yield* blockChunks(ctx.names, (start, end) => {
    let chunk = "";
    for (let j = start; j < end; j++) {
      if (isAbsentName(j)) continue;
      r.at(ctx.base, j, NAME);
      const c = j % 10, rank = (j - c) / 10;
      const female = c >= 3 && c < 6 || c >= 6 && r.next() < 0.3;
      const name = personName(r, female);
      const born = r.next() < 0.35 ? 2010 - Math.floor(150 * r.next() ** 1.5) : 0;
      const died = born && born < 1960 && r.next() < 0.7 ? Math.min(2026, born + 20 + r.int(80)) : 0;
      const jobs = professions(r, c, rank);
      let known = "\\N";
      if (r.next() >= 0.12) {
        const count = Math.min(ctx.titles, 1 + r.int(4));
        for (let k = 0; k < count; k++) {
          let t: number;
          do t = r.int(ctx.titles); while (seen(picked, k, t));
          picked[k] = t;
          known = k ? known + "," + tconst(t) : tconst(t);
        }
      }
      chunk += nconst(j) + "\t" + name + "\t" + (born || "\\N") + "\t" + (died || "\\N") + "\t" + jobs +
        "\t" +
        known + "\n";
    }
    return chunk;
  });
}
