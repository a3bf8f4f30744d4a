/**
 * The fields of the "Try a movie" form, derived from the saved encoders (only what the model reads), and the
 * conversion of the form's text values into a {@link MovieInput}.
 *
 * @module
 */
import type { Encoders } from "../features/encoders.ts";
import { parseDecimal } from "../collect/decimal_number.ts";
import type { MovieInput } from "./movie_input.ts";
import type { UnknownInput } from "./unknown_inputs.ts";

/** One form field. */
export interface InputField {
  /** Form name: `title`, `year`, `director`, `actors.0`, `actors`, `genres`, `keywords`, `numbers.budget`, `categories.country`. */
  name: string;
  label: string;
  /** `list`: comma-separated text. */
  kind: "text" | "number" | "list";
  /** Suggested values (a datalist), most frequent first. */
  options: string[];
  /** Shown when the field is empty (what a missing value becomes). */
  placeholder: string;
}

/** Abbreviations kept in capitals in field labels. */
const ACRONYMS = new Set(["us", "mpaa", "imdb", "tmdb", "dvd", "id"]);

/** A label from a field name: `us_gross` → "US gross", `num_voted_users` → "Num voted users". */
const words = (name: string) => {
  const parts = name.split(/[_\s]+/).filter((w) => w !== "").map((w) =>
    ACRONYMS.has(w.toLowerCase()) ? w.toUpperCase() : w.toLowerCase()
  );
  const text = parts.join(" ");
  return text.charAt(0).toUpperCase() + text.slice(1);
};

/** The form fields for a model fitted with `encoders`, in a stable order. */
export function inputFields(encoders: Encoders): InputField[] {
  const { map, blocks } = encoders;
  const fields: InputField[] = [];
  const field = (
    name: string,
    label: string,
    kind: InputField["kind"],
    options: string[] = [],
    placeholder = "",
  ) => fields.push({ name, label, kind, options, placeholder });
  const vocab = (role: string, name?: string) =>
    blocks.flatMap((b) =>
      b.kind === "onehot" && b.source.role === role &&
        (name === undefined || (b.source.role === "category" && b.source.name === name))
        ? b.vocab.filter((v) => v !== "unknown")
        : []
    );
  const numberBlocks = blocks.filter((b) => b.kind === "number" || b.kind === "minmax");
  field("title", "Title", "text");
  const hasYear = Boolean(map.year) || numberBlocks.some((b) => b.field === "year");
  const yearBlock = numberBlocks.find((b) => b.field === "year");
  if (hasYear) field("year", "Year", "number", [], yearBlock ? `missing: ${yearBlock.median}` : "missing");
  if (map.director) field("director", "Director", "text", [...new Set(vocab("director"))].slice(0, 200));
  const actorNames = [...new Set(vocab("actors"))].slice(0, 200);
  const actors = map.actors ?? [];
  if (actors.length === 1 && actors[0].as !== "text") {
    field("actors", "Actors (comma-separated, by billing)", "list", actorNames);
  } else {
    actors.forEach((_, p) => field(`actors.${p}`, `Actor ${p + 1}`, "text", actorNames));
  }
  if (map.genres) field("genres", "Genres (comma-separated)", "list", [...new Set(vocab("genres"))]);
  if (map.keywords) field("keywords", "Plot keywords (comma-separated)", "list");
  const seen = new Set<string>(hasYear ? ["year"] : []);
  for (const b of numberBlocks) {
    if (b.kind !== "number" && b.kind !== "minmax" || seen.has(b.field)) continue;
    seen.add(b.field);
    field(`numbers.${b.field}`, words(b.field), "number", [], `missing: ${b.median}`);
  }
  for (const b of blocks) {
    if (b.kind === "onehot" && b.source.role === "category") {
      field(`categories.${b.source.name}`, words(b.source.name), "text", vocab("category", b.source.name));
    }
  }
  return fields;
}

/** A form value that cannot be read; `field` is the form field's name, so the page can mark it. */
export class FormFieldError extends TypeError {
  constructor(readonly field: string, message: string) {
    super(message);
    this.name = "FormFieldError";
  }
}

/**
 * Turn the form's text values (by field name; empty = missing) into a {@link MovieInput}. List fields are
 * split on commas.
 *
 * @throws {FormFieldError} naming the field when a number field holds something that is not a number.
 */
export function movieInputFromForm(
  values: Record<string, string>,
  fields: readonly InputField[],
): MovieInput {
  const input: MovieInput = {};
  const actors: (string | null)[] = [];
  for (const f of fields) {
    const raw = (values[f.name] ?? "").trim();
    let value: string | number | string[] | null = raw === "" ? null : raw;
    if (f.kind === "number" && value !== null) {
      const n = parseDecimal(raw);
      if (n === null) {
        throw new FormFieldError(
          f.name,
          `Cannot read the form: ${f.label} ${JSON.stringify(raw)} is not a number`,
        );
      }
      value = n;
    }
    if (f.kind === "list") value = raw.split(",").map((s) => s.trim()).filter((s) => s !== "");
    const [head, key] = f.name.split(/\.(.*)/s);
    if (head === "actors" && key !== undefined) actors[Number(key)] = value as string | null;
    else if (head === "numbers") (input.numbers ??= {})[key] = value as number | null;
    else if (head === "categories") (input.categories ??= {})[key] = value as string | null;
    else (input as Record<string, unknown>)[head] = value;
  }
  if (fields.some((f) => f.name.startsWith("actors."))) input.actors = Array.from(actors, (a) => a ?? null);
  return input;
}

/**
 * An unknown input in the words of the form: the field's label instead of its internal name
 * (`numbers.us_gross` → "US gross", `actors[0]` → "Actor 1"), "left empty" for a missing value, then how the
 * model handled it.
 */
export function describeUnknown(u: UnknownInput, fields: readonly InputField[]): string {
  const position = /^actors\[(\d+)\]$/.exec(u.field);
  const name = position ? `actors.${position[1]}` : u.field;
  const field = fields.find((f) => f.name === name) ??
    (position ? fields.find((f) => f.name === "actors") : undefined);
  const label = field?.label.replace(/ \(comma-separated.*\)$/, "") ??
    words(u.field.replace(/^(numbers|categories)\./, "").replace(/\[(\d+)\]$/, " $1"));
  return u.value === null
    ? `${label} (left empty): ${u.handling.replace(/^missing: /, "")}`
    : `${label} “${u.value}”: ${u.handling}`;
}
