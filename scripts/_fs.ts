/**
 * File helpers shared by the stage scripts: atomic writes (temp file or folder, then rename, so a kill never
 * leaves a half-written artifact) and reads whose errors name the file.
 *
 * @module
 */
import { dirname, join } from "node:path";
import { jsonErrorLocation } from "../core/json_error_location.ts";

function tempName(path: string): string {
  return `${path}.tmp-${Deno.pid}-${crypto.randomUUID().slice(0, 8)}`;
}

/** Write `data` to `path` through a temp file in the same folder and a rename. Creates the folder. */
export async function writeFileAtomic(path: string, data: Uint8Array | string): Promise<void> {
  await Deno.mkdir(dirname(path), { recursive: true });
  const tmp = tempName(path);
  try {
    if (typeof data === "string") await Deno.writeTextFile(tmp, data);
    else await Deno.writeFile(tmp, data);
    await Deno.rename(tmp, path);
  } catch (error) {
    await Deno.remove(tmp).catch(() => {});
    throw error;
  }
}

/** Write `value` as pretty JSON (2 spaces, trailing newline) to `path`, atomically. */
export function writeJsonAtomic(path: string, value: unknown): Promise<void> {
  return writeFileAtomic(path, JSON.stringify(value, null, 2) + "\n");
}

/**
 * Fill a fresh temp folder with `fill(tmpDir)`, then put it in place of `dir` (the old one, if any, is removed
 * only after the new one is complete). If `fill` throws, `dir` is left as it was.
 */
export async function replaceDirAtomic(dir: string, fill: (tmpDir: string) => Promise<void>): Promise<void> {
  await Deno.mkdir(dirname(dir), { recursive: true });
  const tmp = tempName(dir);
  await Deno.mkdir(tmp, { recursive: true });
  try {
    await fill(tmp);
  } catch (error) {
    await Deno.remove(tmp, { recursive: true }).catch(() => {});
    throw error;
  }
  const old = `${tmp}.old`;
  const hadOld = await exists(dir);
  if (hadOld) await Deno.rename(dir, old);
  await Deno.rename(tmp, dir);
  if (hadOld) await Deno.remove(old, { recursive: true });
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

/** Read a whole file, with an error that names it and says what it was for when it is missing. */
export async function readFileNamed(path: string, what = "file"): Promise<Uint8Array> {
  try {
    return await Deno.readFile(path);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) {
      throw new Deno.errors.NotFound(`Cannot read ${what} ${JSON.stringify(path)}: no such file`);
    }
    if (error instanceof Deno.errors.IsADirectory) {
      throw new TypeError(`Cannot read ${what} ${JSON.stringify(path)}: it is a folder, not a file`);
    }
    throw error;
  }
}

/** Read and parse a JSON file; a syntax error names the file, line and column. */
export async function readJsonFile<T>(path: string, what = "JSON file"): Promise<T> {
  const text = new TextDecoder().decode(await readFileNamed(path, what));
  try {
    return JSON.parse(text) as T;
  } catch (error) {
    const where = jsonErrorLocation(text, error);
    throw new SyntaxError(
      `Cannot parse ${what} ${JSON.stringify(path)}${where}: ${(error as Error).message}`,
    );
  }
}

/** `join` re-exported so scripts take path helpers from one place. */
export { join };
