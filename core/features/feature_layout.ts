/**
 * What each column of collect's feature vectors is, read from its name's group (`num:budget` → `num`): a
 * continuous value, a 0/1 missing flag, a part of a word vector, or a one-hot / multi-hot indicator of a
 * categorical field. The tabular model scales and bin-encodes the continuous columns, passes flags and word
 * vectors through, and reads each categorical field through a learned embedding.
 *
 * @module
 */

/** How the model reads a column. */
export type ColumnRole = "continuous" | "flag" | "vector" | "category";

/**
 * The role of every group `fitEncoders` writes (see `encode_movie.ts` `featureNames`); a group not listed is
 * read as continuous.
 */
export const GROUP_ROLES: Readonly<Record<string, ColumnRole>> = {
  /** Numbers: standardised (default features) or min–max scaled (seed features). */
  num: "continuous",
  /** Out-of-fold target encodings and their log counts. */
  te: "continuous",
  missing: "flag",
  /** Word2Vec keyword vectors (their mean, or the seed's per-slot concatenation). */
  kw: "vector",
  cat: "category",
  genre: "category",
  director: "category",
  actor: "category",
  year: "category",
  aspect: "category",
};

/**
 * Categorical groups whose values are numbers (the seed encodes the year and the aspect ratio one-hot): the
 * model also reads them as one ordered value, decoded from the column names.
 */
export const ORDINAL_GROUPS: readonly string[] = ["year", "aspect"];

/** Groups whose column names carry a field prefix before "=" (`cat:country=USA`, `actor:actor2=…`). */
const PREFIXED: Readonly<Record<string, RegExp>> = { cat: /^([A-Za-z0-9_]+)=/, actor: /^(actor\d+)=/ };

/** A categorical field: its one-hot (or multi-hot) columns. */
export interface CategoryField {
  /** `group` or `group:prefix` (`director`, `cat:country`, `actor:actor1`). */
  name: string;
  /** Column indices, ascending. */
  columns: number[];
  /**
   * Per column, the value it stands for, as `group:value`: an actor's columns at different billing positions
   * (`actor:actor1=X`, `actor:actor2=X`) share the key `actor:X`.
   */
  keys: string[];
}

/** Column indices (into the feature vector) by role, each list ascending. */
export interface FeatureLayout {
  /** Width of the feature vectors. */
  width: number;
  continuous: number[];
  flag: number[];
  /** Word-vector columns that stand alone (the keywords' mean vector). */
  vector: number[];
  /** Word vectors by keyword slot (the seed's concatenation `kw:<slot>_<d>`): columns per slot, slot order. */
  slots: number[][];
  /** Categorical fields, in order of their first column. */
  fields: CategoryField[];
  /** Fields of {@link ORDINAL_GROUPS}: their columns whose names are numbers, and those numbers. */
  ordinals: { name: string; columns: number[]; values: number[] }[];
}

/** The group of a feature name: the part before the first ":" (the whole name when there is none). */
export function featureGroup(name: string): string {
  const at = name.indexOf(":");
  return at < 0 ? name : name.slice(0, at);
}

/** The categorical field of a column name of a `category` group. */
export function categoryField(name: string): string {
  const group = featureGroup(name);
  const prefix = PREFIXED[group]?.exec(name.slice(group.length + 1));
  return prefix ? `${group}:${prefix[1]}` : group;
}

/** The value a categorical column stands for, `group:value` (the field prefix dropped for actors). */
export function valueKey(name: string): string {
  const group = featureGroup(name);
  const value = name.slice(group.length + 1);
  return group === "actor" ? `${group}:${value.replace(PREFIXED.actor, "")}` : name;
}

/** Split the columns named `names` (collect's `feature_names.json`) by {@link GROUP_ROLES}. */
export function featureLayout(names: readonly string[]): FeatureLayout {
  const layout: FeatureLayout = {
    width: names.length,
    continuous: [],
    flag: [],
    vector: [],
    slots: [],
    fields: [],
    ordinals: [],
  };
  const fields = new Map<string, CategoryField>();
  names.forEach((name, i) => {
    const role = GROUP_ROLES[featureGroup(name)] ?? "continuous";
    const slot = role === "vector" ? /^[^:]*:(\d+)_\d+$/.exec(name) : null;
    if (slot) {
      (layout.slots[Number(slot[1]) - 1] ??= []).push(i);
      return;
    }
    if (role !== "category") {
      layout[role].push(i);
      return;
    }
    const field = categoryField(name);
    if (!fields.has(field)) {
      fields.set(field, { name: field, columns: [], keys: [] });
      layout.fields.push(fields.get(field)!);
    }
    fields.get(field)!.columns.push(i);
    fields.get(field)!.keys.push(valueKey(name));
  });
  for (const field of layout.fields) {
    if (!ORDINAL_GROUPS.includes(field.name)) continue;
    const numbered = field.columns
      .map((c) => [c, Number(names[c].slice(field.name.length + 1))] as const)
      .filter(([, v]) => Number.isFinite(v));
    if (numbered.length > 1) {
      layout.ordinals.push({
        name: field.name,
        columns: numbered.map(([c]) => c),
        values: numbered.map(([, v]) => v),
      });
    }
  }
  return layout;
}
