/**
 * Finding a Chromium-family browser for the browser checks: `$CHROME_BIN` when it is set (the variable GitHub's
 * Ubuntu runners and most CI images define), else the first of {@link BROWSER_NAMES} on `$PATH`. Setting
 * `CHROME_BIN=none` (any path that is not a file) hides the browser, to try the suite as on a machine without one.
 *
 * @module
 */
import { delimiter, join } from "node:path";

/** Executable names looked up on `$PATH`, in order: Google Chrome (GitHub's runners), then Debian's Chromium. */
export const BROWSER_NAMES = [
  "google-chrome",
  "google-chrome-stable",
  "chromium",
  "chromium-browser",
] as const;

/** A browser found (its path), or why none was. */
export type BrowserSearch = { path: string } | { missing: string };

function isFile(path: string): boolean {
  try {
    return Deno.statSync(path).isFile;
  } catch {
    // Not there, or not readable from here (the test sandbox): either way, not usable.
    return false;
  }
}

/**
 * Look for a browser as described in the module doc. `env` is for tests (default: the process environment).
 * Never throws: a missing browser comes back as `{ missing }` with a one-line reason saying where it looked.
 */
export function findBrowser(env: Record<string, string | undefined> = Deno.env.toObject()): BrowserSearch {
  const chromeBin = env.CHROME_BIN;
  if (chromeBin !== undefined) {
    return isFile(chromeBin)
      ? { path: chromeBin }
      : { missing: `CHROME_BIN=${JSON.stringify(chromeBin)} is not a browser executable` };
  }
  const dirs = (env.PATH ?? "").split(delimiter).filter((d) => d !== "");
  for (const name of BROWSER_NAMES) {
    for (const dir of dirs) {
      if (isFile(join(dir, name))) return { path: join(dir, name) };
    }
  }
  return {
    missing: `no Chromium-family browser: $CHROME_BIN is unset and none of ${
      BROWSER_NAMES.join(", ")
    } is on $PATH (Debian: apt-get install chromium)`,
  };
}
