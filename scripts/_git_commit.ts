/**
 * The git commit of a checkout, read from `.git` without running git (analyze records it in the model card).
 * Handles worktrees (`.git` as a file pointing at the real git dir), symbolic refs and packed refs.
 *
 * @module
 */
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

async function readText(path: string): Promise<string | null> {
  try {
    return (await Deno.readTextFile(path)).trim();
  } catch {
    return null;
  }
}

/** The commit checked out at `root` (default: this repository), or `null` when it is not a git checkout. */
export async function gitCommit(
  root = fileURLToPath(new URL("..", import.meta.url)),
): Promise<string | null> {
  let gitDir = join(root, ".git");
  const pointer = await readText(gitDir);
  if (pointer?.startsWith("gitdir:")) gitDir = resolve(root, pointer.slice("gitdir:".length).trim());
  const head = await readText(join(gitDir, "HEAD"));
  if (!head) return null;
  if (/^[0-9a-f]{40}$/.test(head)) return head;
  const ref = /^ref:\s*(\S+)$/.exec(head)?.[1];
  if (!ref) return null;
  // A worktree keeps its refs in the common git dir.
  const common = await readText(join(gitDir, "commondir"));
  const dirs = [gitDir, ...(common ? [resolve(gitDir, common)] : [])];
  for (const dir of dirs) {
    const loose = await readText(join(dir, ref));
    if (loose && /^[0-9a-f]{40}$/.test(loose)) return loose;
    const packed = await readText(join(dir, "packed-refs"));
    const line = packed?.split("\n").find((l) => l.endsWith(` ${ref}`));
    if (line) return line.slice(0, 40);
  }
  return null;
}
