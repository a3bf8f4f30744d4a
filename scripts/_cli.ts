/**
 * The command-line layer shared by every stage: typed defaults, then an optional `--config FILE` (JSON), then
 * flags, merged through `core/config.ts`; `--help` generated from the same table; and `runMain`, which turns an
 * error into one readable line on stderr and a non-zero exit.
 *
 * @module
 */
import { parseArgs } from "node:util";
import { type Config, mergeConfig } from "../core/config.ts";
import { readJsonFile } from "./_fs.ts";

/** One flag: its help text and, optionally, the values it allows. The flag `--foo-bar` sets key `fooBar`. */
export interface FlagSpec {
  description: string;
  short?: string;
  /** The only values allowed (for string and list flags). */
  choices?: readonly string[];
  /** Shown in help for the value, e.g. "PATH". */
  value?: string;
}

/** A stage's command line. */
export interface CliSpec<T extends Config> {
  /** The task name, e.g. "collect". */
  name: string;
  /** One or two sentences for the top of `--help`. */
  summary: string;
  defaults: T;
  /** Flags keyed by config key (camelCase); every key of `defaults` should have one. */
  flags: { [K in keyof T]?: FlagSpec };
  /** Extra lines appended to help (examples). */
  epilog?: string;
}

const kebab = (key: string) => key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/** Render `--help` text for a spec. */
export function helpText<T extends Config>(spec: CliSpec<T>): string {
  const lines = [`Usage: deno task ${spec.name} [options]`, "", spec.summary, "", "Options:"];
  const rows: [string, string][] = [];
  for (const [key, flag] of Object.entries(spec.flags) as [string, FlagSpec][]) {
    const def = spec.defaults[key];
    const name = typeof def === "boolean"
      ? `--${def ? "no-" : ""}${kebab(key)}`
      : `--${kebab(key)} ${
        flag.value ?? (typeof def === "number" ? "N" : Array.isArray(def) ? "A,B" : "VALUE")
      }`;
    const short = flag.short ? `-${flag.short}, ` : "";
    const choices = flag.choices ? ` (${flag.choices.join("|")})` : "";
    const shown = typeof def === "boolean"
      ? ""
      : ` [default: ${def === null || def === "" ? "none" : Array.isArray(def) ? def.join(",") : def}]`;
    rows.push([`  ${short}${name}`, `${flag.description}${choices}${shown}`]);
  }
  rows.push(["  --config PATH", "JSON file of options (keys as above, camelCase); flags override it"]);
  rows.push(["  -h, --help", "Show this help and exit"]);
  const width = Math.max(...rows.map(([a]) => a.length)) + 2;
  for (const [a, b] of rows) lines.push(a.padEnd(width) + b);
  if (spec.epilog) lines.push("", spec.epilog);
  return lines.join("\n");
}

function coerce(key: string, flag: string, def: unknown, raw: string | boolean, spec: FlagSpec): unknown {
  if (typeof def === "boolean") return raw;
  const text = String(raw);
  const check = (v: string) => {
    if (spec.choices && !spec.choices.includes(v)) {
      throw new RangeError(
        `Cannot use --${flag} ${JSON.stringify(v)}: expected one of ${spec.choices.join(", ")}`,
      );
    }
    return v;
  };
  const num = (v: string) => {
    const n = Number(v);
    if (v.trim() === "" || !Number.isFinite(n)) {
      throw new TypeError(`Cannot use --${flag} ${JSON.stringify(v)}: not a number`);
    }
    return n;
  };
  if (typeof def === "number") return num(text);
  if (Array.isArray(def)) {
    const parts = text.split(",").map((s) => s.trim()).filter((s) => s !== "");
    return def.length > 0 && typeof def[0] === "number" ? parts.map(num) : parts.map(check);
  }
  if (def === null) return text;
  void key;
  return check(text);
}

/** The result of parsing: the merged config, or `help` when `--help` was asked for. */
export type Parsed<T> = { help: true; text: string } | { help: false; config: T };

/**
 * Parse `args` against `spec`: defaults ← `--config FILE` ← flags. Returns the help text instead when `--help`
 * is given. Unknown flags, bad numbers and values outside `choices` throw.
 */
export async function parseCli<T extends Config>(args: string[], spec: CliSpec<T>): Promise<Parsed<T>> {
  const options: Record<string, { type: "string" | "boolean"; short?: string }> = {
    config: { type: "string" },
    help: { type: "boolean", short: "h" },
  };
  const byFlag = new Map<string, string>();
  for (const [key, flag] of Object.entries(spec.flags) as [string, FlagSpec][]) {
    const name = kebab(key);
    byFlag.set(name, key);
    const isBool = typeof spec.defaults[key] === "boolean";
    options[name] = { type: isBool ? "boolean" : "string", ...(flag.short ? { short: flag.short } : {}) };
    if (isBool) options[`no-${name}`] = { type: "boolean" };
  }
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({ args, options, strict: true, allowPositionals: false }) as {
      values: Record<string, string | boolean | undefined>;
    });
  } catch (error) {
    throw new TypeError(`Cannot parse arguments: ${(error as Error).message}. Try --help.`);
  }
  if (values.help) return { help: true, text: helpText(spec) };
  let config = spec.defaults;
  if (typeof values.config === "string") {
    const file = await readJsonFile<Record<string, unknown>>(values.config, "config file");
    config = mergeConfig(config, file, values.config);
  }
  const fromFlags: Record<string, unknown> = {};
  for (const [name, raw] of Object.entries(values)) {
    if (raw === undefined || name === "config" || name === "help") continue;
    const negated = name.startsWith("no-") && !byFlag.has(name);
    const key = byFlag.get(negated ? name.slice(3) : name)!;
    const flag = (spec.flags as Record<string, FlagSpec>)[key];
    fromFlags[key] = negated ? !raw : coerce(key, name, spec.defaults[key], raw, flag);
  }
  return { help: false, config: mergeConfig(config, fromFlags, "flags") };
}

/** Whether `DEBUG` is set, asked only where env access is granted (`serve` has none: no prompt, no throw). */
function debugEnabled(): boolean {
  const granted = Deno.permissions.querySync({ name: "env", variable: "DEBUG" }).state === "granted";
  return granted && Boolean(Deno.env.get("DEBUG"));
}

/**
 * Run a stage's `main`: on error print `error: <message>` to stderr and exit 1 (2 for bad arguments). Set
 * `DEBUG=1` to see the stack.
 */
export async function runMain(main: () => Promise<unknown>): Promise<void> {
  try {
    await main();
  } catch (error) {
    const e = error as Error;
    console.error(`error: ${e.message ?? e}`);
    if (debugEnabled()) console.error(e.stack);
    Deno.exit(
      e.message?.startsWith("Cannot parse arguments") || e.message?.startsWith("Cannot use --") ? 2 : 1,
    );
  }
}

/**
 * The usual ending of a stage script: parse `Deno.args` against `spec`, print help or call `run(config)`.
 *
 * @example
 * if (import.meta.main) await cli(spec, run);
 */
export function cli<T extends Config>(spec: CliSpec<T>, run: (config: T) => Promise<unknown>): Promise<void> {
  return runMain(async () => {
    const parsed = await parseCli(Deno.args, spec);
    if (parsed.help) console.log(parsed.text);
    else await run(parsed.config);
  });
}
