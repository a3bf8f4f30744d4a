/**
 * `deno task test`: the test suite (`deno test tests/`), with file access confined to this repository,
 * so a test that reads a file outside it (a sibling `../shared/`, a home folder) fails on every machine, not only
 * on a stranger's clone. Temp folders go to a fresh `.test-tmp/` inside the repository (removed afterwards); the
 * browser the browser checks use (see `scripts/_browser.ts`) is the one file outside that tests may read.
 * Arguments are passed to `deno test` (`deno task test tests/collect/` runs one folder, `--parallel` runs
 * files side by side); the exit code is deno test's. It runs the files one after another by default: with
 * `--parallel` under this confinement, the index-copies fault test (tests/collect/collect_faults_test.ts)
 * found its out-folder lock still held after an injected failure, in 3 of 3 full runs (never serially, never
 * alone); the cause is not found yet.
 *
 * @module
 */
import { fileURLToPath } from "node:url";
import { findBrowser } from "./_browser.ts";

/** The repository root. */
export const ROOT = fileURLToPath(new URL("..", import.meta.url)).replace(/\/$/, "");

/** The temp folders' parent (git-ignored). */
export const TEST_TMP = `${ROOT}/.test-tmp`;

/** The `deno test` arguments (`browser`: the one path outside the repository that tests may read, or null). */
export function testArgs(args: string[], browser: string | null): string[] {
  const readable = [ROOT, ...(browser ? [browser] : [])];
  const paths = args.some((a) => !a.startsWith("-")) ? [] : ["tests/"];
  return [
    "test",
    `--allow-read=${readable.join(",")}`,
    `--allow-write=${ROOT}`,
    "--allow-net=127.0.0.1,localhost",
    "--allow-run",
    "--allow-env",
    "--allow-sys",
    ...args,
    ...paths,
  ];
}

if (import.meta.main) {
  await Deno.mkdir(TEST_TMP, { recursive: true });
  const tmp = await Deno.makeTempDir({ dir: TEST_TMP, prefix: "run-" });
  const found = findBrowser();
  const browser = "path" in found ? Deno.realPathSync(found.path) : null;
  const env: Record<string, string> = { TMPDIR: tmp, TMP: tmp, TEMP: tmp };
  if (browser) env.CHROME_BIN = browser;
  console.error(
    `test: reads confined to ${ROOT}; browser: ${
      browser ?? `none (${"missing" in found ? found.missing : ""})`
    }`,
  );
  const child = new Deno.Command(Deno.execPath(), {
    args: testArgs(Deno.args, browser),
    cwd: ROOT,
    env,
    stdin: "inherit",
    stdout: "inherit",
    stderr: "inherit",
  }).spawn();
  const { code } = await child.status;
  await Deno.remove(tmp, { recursive: true }).catch(() => {});
  Deno.exit(code);
}
