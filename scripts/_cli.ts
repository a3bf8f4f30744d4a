/**
 * The command-line layer shared by every stage: typed defaults, then an optional `--config FILE` (JSON), then
 * flags, merged through `core/config.ts`; `--help` and `--version` generated from the same table (each flag
 * once, with its default); "did you mean" for a misspelt flag; and `runMain`, which turns an error into one
 * readable line on stderr and a non-zero exit.
 *
 * @module
 */
import { parseArgs } from "node:util";
import denoJson from "../deno.json" with { type: "json" };
import { closestNames } from "../core/closest_names.ts";
import { DEFAULT_OUT } from "../core/artifacts.ts";
import { type Config, mergeConfig } from "../core/config.ts";
import { readJsonFile } from "./_fs.ts";

/**
 * One flag: its help text and, optionally, the values it allows. The flag `--foo-bar` sets key `fooBar`; a
 * boolean key also has `--no-foo-bar`.
 */
export interface FlagSpec {
  /**
   * What the flag does, without its default (help adds that). For a boolean, what `--flag` does (on);
   * `--no-flag` turns it off.
   */
  description: string;
  short?: string;
  /** The only values allowed (for string and list flags); help lists them. */
  choices?: readonly string[];
  /**
   * The placeholder of a path value (`FILE`, `DIR`, `PATH` for either), or `N` for an optional number (a `null` default). Others
   * are implied: `N` for numbers, `N,N…` for lists of numbers, `NAME` for names, `NAME,…` for lists of them.
   */
  value?: "FILE" | "DIR" | "PATH" | "N";
  /** The default in words, where the value alone does not say it (a `null` default that means "computed"). */
  defaultText?: string;
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

/** The flag name of a config key: `fooBar` → `foo-bar`. */
export const kebab = (key: string): string => key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/** The project's version (deno.json `version`). */
export const VERSION: string = (denoJson as { version?: string }).version ?? "0.0.0";

/** What `--version` prints: the project, Deno and the pinned tfjs release. */
export function versionText(): string {
  const tfjs = (denoJson.imports as Record<string, string>)["@tensorflow/tfjs-core"]?.replace(/^npm:.*@/, "");
  return `imdb-predictor ${VERSION} (deno ${Deno.version.deno}, tfjs ${tfjs ?? "unknown"})`;
}

/** `value`, quoted for a POSIX shell when it needs it. */
function shellWord(value: string): string {
  return /^[\w@%+=:,./-]+$/.test(value) ? value : `'${value.replaceAll("'", `'\\''`)}'`;
}

/**
 * The command a hint tells the user to run, in backticks: `deno task collect`, with `--out DIR` when `out` is not
 * the default, and `extra` flags after it.
 */
export function stageCommand(task: string, out: string, extra = ""): string {
  const outFlag = out === DEFAULT_OUT ? "" : ` --out ${shellWord(out)}`;
  return `\`deno task ${task}${outFlag}${extra ? ` ${extra}` : ""}\``;
}

/** The command that serves a built site: `deno task serve --dir DIR`, in backticks. */
export function serveCommand(siteOut: string): string {
  return `\`deno task serve --dir ${shellWord(siteOut)}\``;
}

/** The placeholder help shows after a flag that takes a value. */
function placeholder(def: unknown, flag: FlagSpec): string {
  if (flag.value) return flag.value;
  if (typeof def === "number") return "N";
  if (Array.isArray(def)) return typeof def[0] === "number" ? "N,N…" : "NAME,…";
  return "NAME";
}

/** The `[default: …]` help shows, or "" when there is nothing to say (an optional value, an off switch). */
function shownDefault(def: unknown, flag: FlagSpec): string {
  if (flag.defaultText) return `[default: ${flag.defaultText}]`;
  if (def === true) return "[default: on]";
  if (def === null || def === "" || def === false) return "";
  return `[default: ${Array.isArray(def) ? def.join(",") : def}]`;
}

/** Break words into lines of at most `width` characters; each of `units` (a default, the choices) stays whole. */
function wrap(text: string, width: number, units: string[] = []): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of [...text.split(" "), ...units.filter((u) => u !== "")]) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  return [...lines, line];
}

/**
 * Render `--help` for a spec: usage, summary, then one row per flag (a boolean that is on by default shows as
 * `--[no-]flag`), each with its default and its possible values, once.
 */
export function helpText<T extends Config>(spec: CliSpec<T>): string {
  const lines = [`Usage: deno task ${spec.name} [options]`, "", ...wrap(spec.summary, 110), "", "Options:"];
  const rows: [string, string, string[]][] = [];
  for (const [key, flag] of Object.entries(spec.flags) as [string, FlagSpec][]) {
    const def = spec.defaults[key];
    const name = typeof def === "boolean"
      ? `--${def ? "[no-]" : ""}${kebab(key)}`
      : `--${kebab(key)} ${placeholder(def, flag)}`;
    const short = flag.short ? `-${flag.short}, ` : "";
    const choices = flag.choices ? `[possible values: ${flag.choices.join(", ")}]` : "";
    rows.push([`  ${short}${name}`, flag.description, [shownDefault(def, flag), choices]]);
  }
  rows.push(["  --config FILE", "JSON file of options (keys as above, camelCase); flags override it", []]);
  rows.push(["  -h, --help", "Show this help and exit", []]);
  rows.push(["  -V, --version", "Show the version and exit", []]);
  const width = Math.max(...rows.map(([a]) => a.length)) + 2;
  for (const [a, b, units] of rows) {
    const [first, ...rest] = wrap(b, Math.max(40, 110 - width), units);
    lines.push(a.padEnd(width) + first, ...rest.map((line) => " ".repeat(width) + line));
  }
  if (spec.epilog) lines.push("", spec.epilog);
  return lines.join("\n");
}

function coerce(flag: string, def: unknown, raw: string | boolean, spec: FlagSpec): unknown {
  if (typeof def === "boolean") return raw;
  const text = String(raw);
  const check = (v: string) => {
    if (spec.choices && !spec.choices.includes(v)) {
      const near = closestNames(v, spec.choices, 1, Math.max(2, Math.floor(v.length / 3)));
      throw new RangeError(
        `Cannot use --${flag} ${JSON.stringify(v)}: expected one of ${spec.choices.join(", ")}${
          near.length ? ` (did you mean ${near[0]}?)` : ""
        }`,
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
    const parts = text.split(",").map((s) => s.trim());
    const empty = parts.findIndex((s) => s === "");
    if (empty >= 0) {
      throw new TypeError(
        `Cannot use --${flag} ${JSON.stringify(text)}: item ${
          empty + 1
        } is empty (expected a comma-separated list)`,
      );
    }
    return def.length > 0 && typeof def[0] === "number" ? parts.map(num) : parts.map(check);
  }
  if (def === null) return text;
  return check(text);
}

/** The one-line error for an unknown flag, with the closest known flag when there is one. */
function unknownOption(option: string, known: string[]): TypeError {
  const name = option.replace(/^-+/, "").replace(/=.*$/, "");
  const [near] = closestNames(name, known, 1, Math.max(2, Math.floor(name.length / 3)));
  return new TypeError(
    `Cannot parse arguments: unknown option ${option.replace(/=.*$/, "")}${
      near ? ` (did you mean --${near}?)` : ""
    }. Try --help.`,
  );
}

/** The result of parsing: the merged config, or the text to print for `--help` or `--version`. */
export type Parsed<T> = { help: true; text: string } | { help: false; config: T };

/**
 * Parse `args` against `spec`: defaults ← `--config FILE` ← flags. Returns the help (or version) text instead
 * when `--help` (`--version`) is given. Unknown flags (with the closest known one), bad numbers, empty list
 * items and values outside `choices` throw.
 */
export async function parseCli<T extends Config>(args: string[], spec: CliSpec<T>): Promise<Parsed<T>> {
  const options: Record<string, { type: "string" | "boolean"; short?: string }> = {
    config: { type: "string" },
    help: { type: "boolean", short: "h" },
    version: { type: "boolean", short: "V" },
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
    const e = error as Error & { code?: string };
    const unknown = /^Unknown option '([^']+)'/.exec(e.message);
    if (e.code === "ERR_PARSE_ARGS_UNKNOWN_OPTION" && unknown) {
      throw unknownOption(unknown[1], Object.keys(options));
    }
    throw new TypeError(`Cannot parse arguments: ${e.message}. Try --help.`);
  }
  if (values.help) return { help: true, text: helpText(spec) };
  if (values.version) return { help: true, text: versionText() };
  let config = spec.defaults;
  if (typeof values.config === "string") {
    const file = await readJsonFile<Record<string, unknown>>(values.config, "config file");
    config = mergeConfig(config, file, values.config);
  }
  const fromFlags: Record<string, unknown> = {};
  for (const [name, raw] of Object.entries(values)) {
    if (raw === undefined || name === "config" || name === "help" || name === "version") continue;
    const negated = name.startsWith("no-") && !byFlag.has(name);
    const key = byFlag.get(negated ? name.slice(3) : name)!;
    const flag = (spec.flags as Record<string, FlagSpec>)[key];
    fromFlags[key] = negated ? !raw : coerce(name, spec.defaults[key], raw, flag);
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
 * The usual ending of a stage script: parse `Deno.args` against `spec`, print help (or the version) or call
 * `run(config)`.
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
