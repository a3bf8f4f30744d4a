/**
 * Typed configuration: a stage's `defaults` object merged with an override (a config file, then flags). Unknown
 * keys and values of the wrong type are errors, never silently ignored.
 *
 * @module
 */

/** The value types a configuration may hold. `null` in defaults means "optional string or number". */
export type ConfigValue = string | number | boolean | string[] | number[] | null;

/** A flat configuration object. */
export type Config = { [key: string]: ConfigValue };

function kind(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) {
    return value.every((v) => typeof v === "number")
      ? "number[]"
      : value.every((v) => typeof v === "string")
      ? "string[]"
      : "array";
  }
  return typeof value;
}

function accepts(expected: unknown, value: unknown): boolean {
  if (expected === null) return value === null || typeof value === "string" || typeof value === "number";
  const want = kind(expected);
  const got = kind(value);
  if (Array.isArray(expected) && Array.isArray(value) && value.length === 0) return true;
  if (Array.isArray(expected) && expected.length === 0) return Array.isArray(value) && got !== "array";
  return want === got;
}

/**
 * Merge `override` into a copy of `defaults`. Every key of `override` must exist in `defaults` with a value of
 * the same type; `source` (a file path, or "flags") names where the override came from in error messages.
 *
 * @throws {TypeError} for an unknown key or a value of the wrong type.
 */
export function mergeConfig<T extends Config>(
  defaults: T,
  override: Record<string, unknown>,
  source: string,
): T {
  const merged: Config = { ...defaults };
  for (const [key, value] of Object.entries(override)) {
    if (!(key in defaults)) {
      throw new TypeError(
        `Cannot read config from ${source}: unknown key ${JSON.stringify(key)} (known: ${
          Object.keys(defaults).join(", ")
        })`,
      );
    }
    if (!accepts(defaults[key], value)) {
      throw new TypeError(
        `Cannot read config from ${source}: ${JSON.stringify(key)} must be ${
          defaults[key] === null ? "a string or number" : kind(defaults[key])
        }, got ${JSON.stringify(value)}`,
      );
    }
    merged[key] = value as ConfigValue;
  }
  return merged as T;
}

/**
 * What an option's value must be: `integer` (a whole number), `positive` (finite, > 0), `nonNegative`
 * (finite, ≥ 0), `nonEmpty` (a list with at least one element). On a list of numbers, the number rules apply
 * to each element.
 */
export type OptionRule = "integer" | "positive" | "nonNegative" | "nonEmpty";

const RULE_TEXT: Record<OptionRule, string> = {
  integer: "a whole number",
  positive: "a finite number greater than 0",
  nonNegative: "a finite number, 0 or more",
  nonEmpty: "a list of at least one value",
};

function breaks(rule: OptionRule, value: ConfigValue): boolean {
  if (rule === "nonEmpty") return !Array.isArray(value) || value.length === 0;
  const numbers = Array.isArray(value) ? value : [value];
  return numbers.some((v) =>
    typeof v !== "number" ||
    (rule === "integer"
      ? !Number.isInteger(v)
      : rule === "positive"
      ? !(v > 0 && v < Infinity)
      : !(v >= 0 && v < Infinity))
  );
}

/**
 * Check `config` against `rules` (option → the rules its value must keep).
 *
 * @throws {RangeError} for the first option that breaks a rule: "Cannot use batchSize 0.5: must be a whole
 *   number".
 */
export function checkOptions<T extends Config>(
  config: T,
  rules: { [K in keyof T]?: readonly OptionRule[] },
): void {
  for (const [key, list] of Object.entries(rules) as [string, readonly OptionRule[]][]) {
    const broken = list.find((rule) => breaks(rule, config[key]));
    if (broken) {
      throw new RangeError(`Cannot use ${key} ${JSON.stringify(config[key])}: must be ${RULE_TEXT[broken]}`);
    }
  }
}
