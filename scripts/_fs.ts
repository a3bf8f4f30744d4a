/**
 * File helpers shared by the stage scripts: atomic writes (temp file or folder, then rename, so a kill never
 * leaves a half-written artifact) and reads whose errors name the file.
 *
 * @module
 */
import { dirname, join } from "node:path";
import { decodeText } from "../core/decode_text.ts";
import { jsonErrorLocation, jsonErrorMessage } from "../core/json_error_location.ts";

/**
 * Called before every change the stages make to the file system (a file written, a folder made, a rename, a
 * removal, a copy): the fault-injection point of the tests, which throw from it to simulate a kill or a full
 * disk at that instant. `null` in normal runs.
 */
export type WriteHook = (op: "write" | "mkdir" | "rename" | "remove" | "copy", path: string) => void;

let writeHook: WriteHook | null = null;

/** Install (or, with `null`, remove) the {@link WriteHook}. For tests. */
export function setWriteHook(hook: WriteHook | null): void {
  writeHook = hook;
}

/** The file-system changes of the stages, each announced to the {@link WriteHook} first. */
export const fsw = {
  /** Write `data`; a list of byte arrays is written one after the other (a header and a large body). */
  async writeFile(path: string, data: Uint8Array | string | Uint8Array[]): Promise<void> {
    writeHook?.("write", path);
    if (typeof data === "string") await Deno.writeTextFile(path, data);
    else if (data instanceof Uint8Array) await Deno.writeFile(path, data);
    else {
      using file = await Deno.open(path, { write: true, create: true, truncate: true });
      for (const part of data) {
        for (let done = 0; done < part.length;) done += await file.write(part.subarray(done));
      }
    }
  },
  async mkdir(path: string): Promise<void> {
    writeHook?.("mkdir", path);
    await Deno.mkdir(path, { recursive: true });
  },
  async rename(from: string, to: string): Promise<void> {
    writeHook?.("rename", to);
    await Deno.rename(from, to);
  },
  async remove(path: string, options: { recursive?: boolean } = {}): Promise<void> {
    writeHook?.("remove", path);
    await Deno.remove(path, options);
  },
  async copyFile(from: string, to: string): Promise<void> {
    writeHook?.("copy", to);
    await Deno.copyFile(from, to);
  },
};

/** The suffix of a temp file or folder this process makes beside `path`. */
function tempName(path: string): string {
  return `${path}${TEMP_MARK}${Deno.pid}-${crypto.randomUUID().slice(0, 8)}`;
}

/** What every temp file or folder name contains, followed by the writer's pid. */
export const TEMP_MARK = ".tmp-";

/** Whether `name` is a temp file or folder made by {@link writeFileAtomic} or {@link replaceDirAtomic}. */
export function isTemp(name: string): boolean {
  const at = name.indexOf(TEMP_MARK);
  return at > 0 && /^\d+-/.test(name.slice(at + TEMP_MARK.length));
}

/** Whether `name` is a temp file or folder made by another process than this one. */
export function isForeignTemp(name: string): boolean {
  return isTemp(name) && !name.slice(name.indexOf(TEMP_MARK)).startsWith(`${TEMP_MARK}${Deno.pid}-`);
}

/** Write `data` to `path` through a temp file in the same folder and a rename. Creates the folder. */
export async function writeFileAtomic(path: string, data: Uint8Array | string): Promise<void> {
  await fsw.mkdir(dirname(path));
  const tmp = tempName(path);
  try {
    await fsw.writeFile(tmp, data);
    await fsw.rename(tmp, path);
  } catch (error) {
    await fsw.remove(tmp).catch(() => {});
    throw error;
  }
}

/** Write `value` as pretty JSON (2 spaces, trailing newline) to `path`, atomically. */
export function writeJsonAtomic(path: string, value: unknown): Promise<void> {
  return writeFileAtomic(path, JSON.stringify(value, null, 2) + "\n");
}

/**
 * Fill a fresh temp folder with `fill(tmpDir)`, then put it in place of `dir` (the old one, if any, is removed
 * only after the new one is complete). If `fill` throws, `dir` is left as it was. `afterSwap`, when given,
 * runs once the new folder is in place and before the old one is removed; if it throws, the old folder is put
 * back (so what it writes changes together with `dir`, or not at all).
 */
export async function replaceDirAtomic(
  dir: string,
  fill: (tmpDir: string) => Promise<void>,
  afterSwap?: () => Promise<void>,
): Promise<void> {
  await fsw.mkdir(dirname(dir));
  const tmp = tempName(dir);
  try {
    await fsw.mkdir(tmp);
    await fill(tmp);
  } catch (error) {
    await fsw.remove(tmp, { recursive: true }).catch(() => {});
    throw error;
  }
  const old = `${tmp}.old`;
  const hadOld = await exists(dir);
  let moved = false;
  let swapped = false;
  try {
    if (hadOld) await fsw.rename(dir, old);
    moved = hadOld;
    await fsw.rename(tmp, dir);
    swapped = true;
    await afterSwap?.();
  } catch (error) {
    if (swapped) await fsw.rename(dir, tmp).catch(() => {});
    if (moved) await fsw.rename(old, dir).catch(() => {});
    await fsw.remove(tmp, { recursive: true }).catch(() => {});
    throw error;
  }
  if (hadOld) await fsw.remove(old, { recursive: true }).catch(() => {});
}

/**
 * Write several files as one change: every new content to a temp file first, then each old file moved
 * aside and the new one renamed into place; on any failure the old files are put back and the temps removed.
 * A `null` content removes that file (with the same all-or-nothing).
 */
export async function replaceFilesAtomic(files: Map<string, Uint8Array | string | null>): Promise<void> {
  const staged: { path: string; tmp: string | null; backup: string | null; placed: boolean }[] = [];
  try {
    for (const [path, data] of files) {
      await fsw.mkdir(dirname(path));
      const entry = {
        path,
        tmp: data === null ? null : tempName(path),
        backup: null as string | null,
        placed: false,
      };
      staged.push(entry);
      if (entry.tmp !== null) await fsw.writeFile(entry.tmp, data!);
    }
    for (const entry of staged) {
      if (await exists(entry.path)) {
        entry.backup = `${tempName(entry.path)}.old`;
        await fsw.rename(entry.path, entry.backup);
      }
      if (entry.tmp !== null) {
        await fsw.rename(entry.tmp, entry.path);
        entry.placed = true;
      }
    }
  } catch (error) {
    for (const entry of staged.reverse()) {
      if (entry.placed) await fsw.remove(entry.path).catch(() => {});
      else if (entry.tmp !== null) await fsw.remove(entry.tmp).catch(() => {});
      if (entry.backup !== null) await fsw.rename(entry.backup, entry.path).catch(() => {});
    }
    throw error;
  }
  for (const entry of staged) if (entry.backup !== null) await fsw.remove(entry.backup).catch(() => {});
}

/** Whether `path` exists (file or folder). */
export async function exists(path: string): Promise<boolean> {
  try {
    await Deno.stat(path);
    return true;
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return false;
    throw error;
  }
}

/**
 * Read a whole file, with an error that names it and says what it was for when it is missing, a folder, not
 * a regular file (a FIFO, socket or device, which would block or never end) or a symbolic-link loop.
 */
export async function readFileNamed(path: string, what = "file"): Promise<Uint8Array> {
  const cannot = `Cannot read ${what} ${JSON.stringify(path)}`;
  try {
    const info = await Deno.stat(path);
    if (info.isDirectory) throw new TypeError(`${cannot}: it is a folder, not a file`);
    if (!info.isFile) throw new TypeError(`${cannot}: it is not a regular file (a FIFO, socket or device)`);
    return await Deno.readFile(path);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) throw new Deno.errors.NotFound(`${cannot}: no such file`);
    if (error instanceof Deno.errors.IsADirectory) {
      throw new TypeError(`${cannot}: it is a folder, not a file`);
    }
    if (error instanceof Deno.errors.FilesystemLoop || /os error 40\b|symbolic links/i.test(String(error))) {
      throw new TypeError(`${cannot}: a loop of symbolic links`);
    }
    throw error;
  }
}

/** Read a text file strictly (see `core/decode_text.ts`): a byte that is not text names its line and column. */
export async function readTextNamed(path: string, what = "file", encoding = "utf-8"): Promise<string> {
  return decodeText(await readFileNamed(path, what), path, encoding);
}

/** Read and parse a JSON file; a syntax error names the file, line and column. */
export async function readJsonFile<T>(path: string, what = "JSON file"): Promise<T> {
  const text = await readTextNamed(path, what);
  try {
    return JSON.parse(text) as T;
  } catch (error) {
    const where = jsonErrorLocation(text, error);
    throw new SyntaxError(
      `Cannot parse ${what} ${JSON.stringify(path)}${where}: ${jsonErrorMessage(error)}`,
    );
  }
}

/** The names of the files (not folders) in `dir`, sorted. */
export async function listDir(dir: string): Promise<string[]> {
  const names: string[] = [];
  for await (const entry of Deno.readDir(dir)) if (entry.isFile) names.push(entry.name);
  return names.sort();
}

/** `join` re-exported so scripts take path helpers from one place. */
export { join };
