/**
 * Which inputs of a new movie the model does not know, and what the encoders do with each: a director or
 * actor outside the vocabulary, a keyword without a word vector, a missing number, a field the model never used.
 *
 * @module
 */
import type { MovieRecord } from "../collect/movie_record.ts";
import type { Encoders, ValueSource } from "../features/encoders.ts";
import { keywordToken, movieValues, UNKNOWN } from "../features/movie_values.ts";
import type { WordVectors } from "../features/word2vec.ts";
import { targetStat } from "../features/target_statistics.ts";

/** One input the model did not know, and how the encoders handled it. */
export interface UnknownInput {
  /** The movie field: `director`, `actors[0]`, `keywords`, `numbers.budget`, `categories.country`… */
  field: string;
  /** The value as given (a keyword as given, not its token); `null` when the value is missing. */
  value: string | null;
  /** What the encoders did, e.g. `not in the vocabulary: the "(other)" column`. */
  handling: string;
}

/** The movie field a value source reads, as {@link UnknownInput.field} names it. */
export function sourceField(source: ValueSource): string {
  switch (source.role) {
    case "actors":
      return source.position === undefined ? "actors" : `actors[${source.position}]`;
    case "category":
      return `categories.${source.name}`;
    case "number":
      return `numbers.${source.name}`;
    default:
      return source.role;
  }
}

/**
 * List the inputs of `movie` that `encoders` (and `words`) do not know, once per field and value, with every
 * handling that applied joined by "; ". Known values and the documented missing-value imputations of present
 * fields are not listed; a missing number or category is.
 */
export function unknownInputs(
  movie: MovieRecord,
  encoders: Encoders,
  words: WordVectors | null,
): UnknownInput[] {
  const found = new Map<string, UnknownInput>();
  const add = (field: string, value: string | null, handling: string) => {
    const key = JSON.stringify([field, value]);
    const seen = found.get(key);
    if (!seen) found.set(key, { field, value, handling });
    else if (!seen.handling.split("; ").includes(handling)) seen.handling += `; ${handling}`;
  };
  const usedNumbers = new Set<string>();
  const usedCategories = new Set<string>();
  const keywordsByToken = new Map(movie.keywords.map((k) => [keywordToken(k), k]));
  for (const b of encoders.blocks) {
    switch (b.kind) {
      case "number":
      case "minmax": {
        usedNumbers.add(b.field);
        const v = movie.numbers[b.field];
        if (v === null || v === undefined) {
          add(`numbers.${b.field}`, null, `missing: the training median ${b.median}`);
        }
        break;
      }
      case "onehot": {
        if (b.source.role === "category") usedCategories.add(b.source.name);
        if (b.source.role === "number") usedNumbers.add(b.source.name);
        // The record's `year` is also `numbers.year` (movieFromInput): the seed's year one-hot reads it.
        if (b.source.role === "year") usedNumbers.add("year");
        const field = sourceField(b.source);
        const vocab = new Set(b.vocab);
        for (const v of movieValues(movie, b.source)) {
          if (vocab.has(v)) {
            if (v === UNKNOWN) add(field, null, 'missing: encoded as the value "unknown"');
            continue;
          }
          const shown = v === UNKNOWN ? null : v;
          const what = shown === null ? "missing" : "not in the vocabulary";
          add(field, shown, b.other ? `${what}: the "(other)" column` : `${what}: no column of its own`);
        }
        break;
      }
      case "target": {
        const stats = encoders.targetStats[b.stats] ?? {};
        const field = sourceField(b.source);
        for (const v of movieValues(movie, b.source)) {
          if (v === UNKNOWN || targetStat(stats, v)) continue;
          const shown = b.source.role === "keywords" ? keywordsByToken.get(v) ?? v : v;
          add(
            b.source.role === "keywords" ? "keywords" : field,
            shown,
            "never seen in training: the average score (target-encoding prior)",
          );
        }
        break;
      }
      case "wordMean":
      case "wordConcat": {
        const tokens = movieValues(movie, { role: "keywords" });
        tokens.forEach((token, i) => {
          const shown = keywordsByToken.get(token) ?? token;
          if (b.kind === "wordConcat" && i >= b.slots) {
            add("keywords", shown, `beyond the model's ${b.slots} keyword slots: ignored`);
          } else if (!words?.vectors.has(token)) {
            add("keywords", shown, "no word vector: skipped");
          }
        });
        break;
      }
    }
  }
  const roles = new Set<string>(
    encoders.blocks.flatMap((b) =>
      b.kind === "onehot" || b.kind === "target"
        ? [b.source.role]
        : b.kind.startsWith("word")
        ? ["keywords"]
        : []
    ),
  );
  const given: [string, string[]][] = [
    ["director", movie.director === null ? [] : [movie.director]],
    ["actors", movie.actors.filter((a): a is string => a !== null)],
    ["genres", movie.genres],
    ["keywords", movie.keywords],
  ];
  for (const [role, values] of given) {
    if (!roles.has(role) && values.length > 0) {
      add(role, values.join(", "), "not an input of this model: ignored");
    }
  }
  for (const [name, v] of Object.entries(movie.numbers)) {
    if (!usedNumbers.has(name) && v !== null) {
      add(`numbers.${name}`, String(v), "not an input of this model: ignored");
    }
  }
  for (const [name, v] of Object.entries(movie.categories)) {
    if (!usedCategories.has(name) && v !== null) {
      add(`categories.${name}`, v, "not an input of this model: ignored");
    }
  }
  return [...found.values()];
}
