/**
 * Case-insensitive matching of a new movie's names and categories against the encoders' vocabularies: a user
 * typing MPAA rating "r" or genre "drama" means "R" and "Drama". Collect's encoding of the training data is
 * untouched; only values not in a vocabulary as written are looked up ignoring case.
 *
 * @module
 */
import type { MovieRecord } from "../collect/movie_record.ts";
import type { Encoders, ValueSource } from "../features/encoders.ts";

/** The vocabulary a value source is matched against: director, actors (any position), genres, a category. */
function keyOf(source: ValueSource): string | null {
  switch (source.role) {
    case "director":
    case "actors":
    case "genres":
      return source.role;
    case "category":
      return `category:${source.name}`;
    default:
      return null;
  }
}

/**
 * Return `movie` with each director, actor, genre and category value that is not in the encoders' vocabulary
 * (one-hot values and target-encoding keys) replaced by the vocabulary's spelling when exactly one vocabulary
 * value equals it ignoring case. Values that match exactly, or match none or several, are left as they are.
 */
export function matchVocabularyCase(movie: MovieRecord, encoders: Encoders): MovieRecord {
  const exact = new Map<string, Set<string>>();
  const folded = new Map<string, Map<string, string | null>>();
  const add = (key: string, values: Iterable<string>) => {
    const e = exact.get(key) ?? new Set<string>();
    const f = folded.get(key) ?? new Map<string, string | null>();
    for (const v of values) {
      e.add(v);
      const lower = v.toLowerCase();
      const seen = f.get(lower);
      f.set(lower, seen === undefined || seen === v ? v : null);
    }
    exact.set(key, e);
    folded.set(key, f);
  };
  for (const b of encoders.blocks) {
    if (b.kind !== "onehot" && b.kind !== "target") continue;
    const key = keyOf(b.source);
    if (key === null) continue;
    if (b.kind === "onehot") add(key, b.vocab);
    else add(key, Object.keys(encoders.targetStats[b.stats] ?? {}));
  }
  const fix = (key: string, value: string | null): string | null => {
    if (value === null || exact.get(key)?.has(value)) return value;
    return folded.get(key)?.get(value.toLowerCase()) ?? value;
  };
  return {
    ...movie,
    director: fix("director", movie.director),
    actors: movie.actors.map((a) => fix("actors", a)),
    genres: movie.genres.map((g) => fix("genres", g) ?? g),
    categories: Object.fromEntries(
      Object.entries(movie.categories).map(([name, v]) => [name, fix(`category:${name}`, v)]),
    ),
  };
}
