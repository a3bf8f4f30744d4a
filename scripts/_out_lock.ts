/**
 * One run at a time per output folder: a stage that writes into `--out` first checks the folder is a sane
 * place to write, then takes an exclusive lock on `OUT/.lock` (the operating system releases it when the
 * process dies, so a lock left by a killed run never blocks), writes its pid there for the refusal message,
 * and removes the temp files and folders that killed runs left behind.
 *
 * @module
 */
import { resolve } from "node:path";
import { PATHS } from "../core/artifacts.ts";
import { fsw, isTemp, join } from "./_fs.ts";

/** Locks this process holds, by resolved folder: the pipeline runs every stage in one process. */
const held = new Map<string, { file: Deno.FsFile; count: number; created: boolean }>();

/**
 * Refuse an output folder that is empty, the current folder, the file-system root or a file.
 *
 * @throws {RangeError} naming the flag and why.
 */
export async function checkOutDir(dir: string, flag = "--out"): Promise<void> {
  const cannot = `Cannot use ${flag} ${JSON.stringify(dir)}`;
  if (dir.trim() === "") throw new RangeError(`${cannot}: give a folder to write to`);
  const abs = resolve(dir);
  if (abs === resolve("/")) {
    throw new RangeError(`${cannot}: it is the file-system root; give a folder of its own`);
  }
  if (abs === resolve(".")) {
    throw new RangeError(`${cannot}: it is the current folder; give a folder of its own`);
  }
  const info = await Deno.stat(abs).catch(() => null);
  if (info && !info.isDirectory) throw new RangeError(`${cannot}: it is a file, not a folder`);
}

/**
 * Remove the temp files and folders under `dir` (`depth` levels down): when the lock is first taken, every one
 * is the leftover of a run that was killed (this process writes into the folder only while holding it).
 */
async function removeStaleTemps(dir: string, depth: number): Promise<void> {
  let entries: Deno.DirEntry[] = [];
  try {
    entries = await Array.fromAsync(Deno.readDir(dir));
  } catch {
    return;
  }
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (isTemp(entry.name)) await fsw.remove(path, { recursive: true }).catch(() => {});
    else if (entry.isDirectory && depth > 1) await removeStaleTemps(path, depth - 1);
  }
}

/**
 * Lock output folder `out` for `stage` (creating it), or refuse at once when another process holds it.
 * Re-entrant within a process. Returns the function that releases it.
 *
 * @throws {RangeError} for a folder {@link checkOutDir} refuses; {@link Error} naming the running process.
 */
export async function lockOut(out: string, stage: string): Promise<() => void> {
  await checkOutDir(out);
  const created = !(await Deno.stat(out).then(() => true, () => false));
  await Deno.mkdir(out, { recursive: true });
  const key = await Deno.realPath(out);
  const mine = held.get(key);
  if (mine) {
    mine.count++;
    return release(key);
  }
  const path = join(out, PATHS.lock);
  const file = await Deno.open(path, { read: true, write: true, create: true });
  if (!(await file.tryLock(true))) {
    file.close();
    const holder = await Deno.readTextFile(path).then((t) => JSON.parse(t)).catch(() => ({}));
    throw new Error(
      `Cannot run ${stage} on ${JSON.stringify(out)}: another run is using it (pid ${holder.pid ?? "?"}, ${
        holder.stage ?? "a stage"
      }, started ${holder.started ?? "?"}); wait for it to finish or stop it`,
    );
  }
  await file.truncate(0);
  await file.write(
    new TextEncoder().encode(
      JSON.stringify({ pid: Deno.pid, stage, started: new Date().toISOString() }) + "\n",
    ),
  );
  held.set(key, { file, count: 1, created });
  await removeStaleTemps(out, 4);
  return release(key);
}

function release(key: string): () => void {
  let done = false;
  return () => {
    const entry = held.get(key);
    if (done || !entry) return;
    done = true;
    if (--entry.count > 0) return;
    held.delete(key);
    // A run that failed before writing anything leaves no folder behind (only its lock was in it).
    if (entry.created) {
      try {
        const names = [...Deno.readDirSync(key)].map((e) => e.name);
        if (names.length === 1 && names[0] === PATHS.lock) {
          Deno.removeSync(join(key, PATHS.lock));
          Deno.removeSync(key);
        }
      } catch {
        // Left as it is: the next run takes the lock anyway.
      }
    }
    // An empty lock file between runs: the folder's files are the same whoever ran in it.
    entry.file.truncateSync(0);
    entry.file.close();
  };
}

/** Run `fn` holding the lock of `out` for `stage`. */
export async function withOutLock<T>(out: string, stage: string, fn: () => Promise<T>): Promise<T> {
  const unlock = await lockOut(out, stage);
  try {
    return await fn();
  } finally {
    unlock();
  }
}
