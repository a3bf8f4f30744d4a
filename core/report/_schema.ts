/**
 * A very small runtime schema language whose checks also give the TypeScript type, so that the report's type
 * and its validator cannot drift apart.
 *
 * @module
 */

/** Checks `value` at `path` and returns it typed, or throws a TypeError naming the path. */
export type Schema<T> = (value: unknown, path: string) => T;

/** The type a schema checks. */
export type Infer<S> = S extends Schema<infer T> ? T : never;

function fail(path: string, expected: string, value: unknown): never {
  const shown = JSON.stringify(value);
  throw new TypeError(
    `Cannot use report: ${path} must be ${expected}, got ${
      shown === undefined ? "nothing" : shown.length > 60 ? shown.slice(0, 57) + "..." : shown
    }`,
  );
}

/** A finite number. */
export const num: Schema<number> = (v, p) =>
  typeof v === "number" && Number.isFinite(v) ? v : fail(p, "a finite number", v);
/** An integer ≥ 0. */
export const count: Schema<number> = (v, p) =>
  Number.isInteger(v) && (v as number) >= 0 ? v as number : fail(p, "a count (integer ≥ 0)", v);
/** A probability in [0, 1]. */
export const prob: Schema<number> = (v, p) =>
  typeof v === "number" && v >= 0 && v <= 1 ? v : fail(p, "a number in [0, 1]", v);
/** `true` or `false`. */
export const bool: Schema<boolean> = (v, p) => typeof v === "boolean" ? v : fail(p, "true or false", v);
/** A string. */
export const str: Schema<string> = (v, p) => typeof v === "string" ? v : fail(p, "a string", v);
/** Any JSON value (configs). */
export const json: Schema<unknown> = (v) => v;

/** One of the given literals. */
export function literal<T extends string | number>(...values: T[]): Schema<T> {
  return (v, p) =>
    values.includes(v as T)
      ? v as T
      : fail(p, `one of ${values.map((x) => JSON.stringify(x)).join(", ")}`, v);
}

/** `null` or what `schema` accepts. */
export function nullable<T>(schema: Schema<T>): Schema<T | null> {
  return (v, p) => v === null ? null : schema(v, p);
}

/** An array of what `schema` accepts. */
export function array<T>(schema: Schema<T>): Schema<T[]> {
  return (v, p) => Array.isArray(v) ? v.map((x, i) => schema(x, `${p}[${i}]`)) : fail(p, "an array", v);
}

/** An object with any keys, each value accepted by `schema`. */
export function record<T>(schema: Schema<T>): Schema<Record<string, T>> {
  return (v, p) => {
    if (typeof v !== "object" || v === null || Array.isArray(v)) fail(p, "an object", v);
    return Object.fromEntries(Object.entries(v as object).map(([k, x]) => [k, schema(x, `${p}.${k}`)]));
  };
}

/** An object with exactly the keys of `shape`. */
export function object<S extends Record<string, Schema<unknown>>>(
  shape: S,
): Schema<{ [K in keyof S]: Infer<S[K]> }> {
  return (v, p) => {
    if (typeof v !== "object" || v === null || Array.isArray(v)) fail(p, "an object", v);
    const o = v as Record<string, unknown>;
    for (const k of Object.keys(o)) if (!(k in shape)) fail(`${p}.${k}`, "absent (unknown key)", o[k]);
    const out: Record<string, unknown> = {};
    for (const [k, schema] of Object.entries(shape)) out[k] = schema(o[k], `${p}.${k}`);
    return out as { [K in keyof S]: Infer<S[K]> };
  };
}
