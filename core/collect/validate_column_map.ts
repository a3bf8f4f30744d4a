/**
 * Check that a value (a parsed `--map FILE`, or a built-in profile file) is a {@link ColumnMap}, with errors
 * that name the file and the path of the bad entry. The same rules are written as JSON Schema in
 * `column_map.schema.json`, for editors.
 *
 * @module
 */
import type { ColumnMap } from "./column_map.ts";

type Json = Record<string, unknown>;

const READERS = ["number", "text", "list", "json-list", "year"];
const ROLES_READER = ["id", "title", "year", "director", "genres", "keywords"];
const TOP_KEYS = [
  "$schema",
  "name",
  "description",
  "detect",
  ...ROLES_READER,
  "target",
  "actors",
  "numbers",
  "categories",
  "dedupeBy",
  "minVotes",
  "join",
  "postRelease",
];

/**
 * Return `value` as a {@link ColumnMap} if it is one.
 *
 * @param source The file it came from, for messages.
 * @throws {TypeError} `Cannot read column map <source>: <path> <problem>` for the first problem found: an
 *   unknown key, a missing required role (`name`, `title`, `target`), a value of the wrong type, an unknown
 *   reader (`as`), or a target range with min >= max.
 */
export function validateColumnMap(value: unknown, source: string): ColumnMap {
  const fail = (path: string, problem: string): never => {
    throw new TypeError(`Cannot read column map ${JSON.stringify(source)}: ${path} ${problem}`);
  };
  const isObject = (v: unknown): v is Json => v !== null && typeof v === "object" && !Array.isArray(v);
  const object = (v: unknown, path: string, keys: string[], required: string[]): Json => {
    if (!isObject(v)) return fail(path, "must be an object");
    for (const k of Object.keys(v)) {
      if (!keys.includes(k)) fail(`${path}.${k}`, `is not a known key (known: ${keys.join(", ")})`);
    }
    for (const k of required) if (!(k in v)) fail(path, `needs ${JSON.stringify(k)}`);
    return v;
  };
  const string = (v: unknown, path: string) => {
    if (typeof v !== "string" || v === "") fail(path, "must be a non-empty string");
  };
  const number = (v: unknown, path: string) => {
    if (typeof v !== "number" || !Number.isFinite(v)) fail(path, "must be a number");
  };
  const strings = (v: unknown, path: string) => {
    if (!Array.isArray(v)) return fail(path, "must be an array of strings");
    v.forEach((s, i) => string(s, `${path}[${i}]`));
  };
  const reader = (v: unknown, path: string, only?: string[], extra: string[] = []) => {
    if (!isObject(v)) return fail(path, 'must be an object like {"column": "…", "as": "text"}');
    if (typeof v.as !== "string" || !READERS.includes(v.as)) {
      fail(`${path}.as`, `must be one of ${READERS.join(", ")}`);
    }
    if (only && !only.includes(v.as as string)) fail(`${path}.as`, `must be ${only.join(" or ")} here`);
    const keys = {
      number: ["zeroMeansMissing"],
      text: [],
      list: ["separator"],
      "json-list": ["field", "where", "sortBy", "limit"],
      year: [],
    }[v.as as string]!;
    const required = v.as === "list" ? ["separator"] : v.as === "json-list" ? ["field"] : [];
    object(v, path, ["column", "as", ...keys, ...extra], ["column", ...required]);
    string(v.column, `${path}.column`);
    if (v.as === "list") string(v.separator, `${path}.separator`);
    if (v.as === "json-list") {
      string(v.field, `${path}.field`);
      if (v.sortBy !== undefined) string(v.sortBy, `${path}.sortBy`);
      if (v.limit !== undefined && (!Number.isInteger(v.limit) || (v.limit as number) < 1)) {
        fail(`${path}.limit`, "must be a positive integer");
      }
      if (v.where !== undefined) {
        if (!isObject(v.where)) fail(`${path}.where`, "must be an object of field: value");
        for (const [k, w] of Object.entries(v.where as Json)) {
          if (typeof w !== "string" && typeof w !== "number") {
            fail(`${path}.where.${k}`, "must be a string or number");
          }
        }
      }
    }
    if (v.zeroMeansMissing !== undefined && typeof v.zeroMeansMissing !== "boolean") {
      fail(`${path}.zeroMeansMissing`, "must be true or false");
    }
  };

  const map = object(value, "(top level)", TOP_KEYS, ["name", "title", "target"]);
  string(map.name, "name");
  if (map.description !== undefined) string(map.description, "description");
  if (map.detect !== undefined) strings(map.detect, "detect");
  for (const role of ROLES_READER) if (map[role] !== undefined) reader(map[role], role);
  const target = object(map.target, "target", ["column", "min", "max"], ["column", "min", "max"]);
  string(target.column, "target.column");
  number(target.min, "target.min");
  number(target.max, "target.max");
  if ((target.min as number) >= (target.max as number)) fail("target", "needs min < max");
  if (map.actors !== undefined) {
    if (!Array.isArray(map.actors) || map.actors.length === 0) {
      fail("actors", "must be a non-empty array of readers");
    }
    (map.actors as unknown[]).forEach((r, i) => reader(r, `actors[${i}]`));
  }
  if (map.numbers !== undefined) {
    if (!isObject(map.numbers)) fail("numbers", "must be an object of name: reader");
    for (const [name, r] of Object.entries(map.numbers as Json)) {
      reader(r, `numbers.${name}`, ["number", "year"], ["scale"]);
      const scale = (r as Json).scale;
      if (scale !== "log" && scale !== "linear") fail(`numbers.${name}.scale`, 'must be "log" or "linear"');
    }
  }
  if (map.categories !== undefined) {
    if (!isObject(map.categories)) fail("categories", "must be an object of name: reader");
    for (const [name, r] of Object.entries(map.categories as Json)) reader(r, `categories.${name}`);
  }
  if (map.dedupeBy !== undefined) {
    strings(map.dedupeBy, "dedupeBy");
    for (const [i, k] of (map.dedupeBy as string[]).entries()) {
      if (!["id", "title", "year", "director"].includes(k)) {
        fail(`dedupeBy[${i}]`, "must be id, title, year or director");
      }
    }
  }
  if (map.minVotes !== undefined) {
    const mv = object(map.minVotes, "minVotes", ["column", "default"], ["column", "default"]);
    string(mv.column, "minVotes.column");
    number(mv.default, "minVotes.default");
  }
  if (map.join !== undefined) {
    const keys = ["name", "file", "key", "foreignKey", "columns"];
    const join = object(map.join, "join", keys, keys);
    for (const k of ["name", "file", "key", "foreignKey"]) string(join[k], `join.${k}`);
    strings(join.columns, "join.columns");
  }
  if (map.postRelease !== undefined) {
    strings(map.postRelease, "postRelease");
    const fields = [
      ...Object.keys((map.numbers ?? {}) as Json),
      ...Object.keys((map.categories ?? {}) as Json),
    ];
    (map.postRelease as string[]).forEach((name, i) => {
      if (!fields.includes(name)) {
        fail(`postRelease[${i}]`, `names no field of numbers or categories: ${JSON.stringify(name)}`);
      }
    });
  }
  const { $schema: _, ...rest } = map;
  return { detect: [], ...rest } as unknown as ColumnMap;
}
