/**
 * Tests that need a tool the machine may lack (a browser, a WebGPU adapter). Where the tool is missing, such a
 * test is skipped with a one-line reason on stderr, except under `CI=true`: there it runs and fails, naming what
 * is missing, so that CI cannot go green by skipping.
 *
 * @example
 * const browser = requireTool("a Chromium-family browser", findBrowser());
 * Deno.test({ name: "…", ignore: browser.ignore, fn() { const path = browser.get(); } });
 *
 * @module
 */

/** What {@link requireTool} returns: whether to ignore the test, and the tool (or the failure) when it runs. */
export interface Required<T> {
  /** `true` when the tool is missing and CI is not set. */
  ignore: boolean;
  /** The tool; throws, naming what is missing, when there is none (only reached under `CI=true`). */
  get(): T;
}

/** Whether this run is CI's (`CI=true`, as GitHub Actions and `.ci/run` set it). */
export function isCi(env: Record<string, string | undefined> = Deno.env.toObject()): boolean {
  return env.CI === "true" || env.CI === "1";
}

/**
 * Require `what` for the tests that use the result: `found` is the tool, or `{ missing: reason }`.
 * `env` and `log` (where the skip line goes) are for tests of this helper.
 */
export function requireTool<T>(
  what: string,
  found: T | { missing: string },
  env: Record<string, string | undefined> = Deno.env.toObject(),
  log: (line: string) => void = console.error,
): Required<T> {
  const missing = typeof found === "object" && found !== null && "missing" in found
    ? (found as { missing: string }).missing
    : null;
  if (missing === null) return { ignore: false, get: () => found as T };
  const ci = isCi(env);
  if (!ci) log(`skipping the tests that need ${what}: ${missing} (under CI=true they fail)`);
  return {
    ignore: !ci,
    get() {
      throw new Error(`Cannot run this test: it needs ${what}, and CI=true forbids skipping: ${missing}`);
    },
  };
}
