/**
 * The suite's own rules: it reads nothing outside the repository (`deno task test` runs it confined there, see
 * `scripts/test.ts`), and a test that needs a missing tool is skipped with a reason, except under `CI=true`.
 */
import { fileURLToPath } from "node:url";
import { assertEquals, assertRejects, assertThrows, assertTrue } from "./_assert.ts";
import { requireTool } from "./_tools.ts";
import { BROWSER_NAMES, findBrowser } from "../scripts/_browser.ts";
import { ROOT, testArgs } from "../scripts/test.ts";

Deno.test("the suite cannot read the folder above the repository (run it with `deno task test`)", async () => {
  const above = fileURLToPath(new URL("../..", import.meta.url));
  const { state } = await Deno.permissions.query({ name: "read", path: above });
  assertTrue(state !== "granted", `tests may read ${above}: run them with \`deno task test\``);
  await assertRejects(
    () => Deno.readTextFile(`${above}/shared/data/movie_metadata.csv`),
    Deno.errors.NotCapable,
  );
});

Deno.test("testArgs() lets tests read the repository and the browser only, and defaults to tests/", () => {
  const args = testArgs([], "/usr/bin/chromium");
  assertTrue(args.includes(`--allow-read=${ROOT},/usr/bin/chromium`), args.join(" "));
  assertTrue(args.includes(`--allow-write=${ROOT}`), args.join(" "));
  assertTrue(!args.some((a) => a === "--allow-all" || a === "-A" || a === "--allow-read"), args.join(" "));
  assertEquals(args.at(-1), "tests/");
  assertEquals(testArgs(["--filter", "x", "tests/collect/"], null).slice(-3), [
    "--filter",
    "x",
    "tests/collect/",
  ]);
});

Deno.test("findBrowser() takes $CHROME_BIN when set, even to nothing usable, else the first name on $PATH", async () => {
  const dir = await Deno.makeTempDir();
  try {
    for (const name of ["chromium", "google-chrome"]) await Deno.writeTextFile(`${dir}/${name}`, "");
    assertEquals(findBrowser({ PATH: `/no/such/dir:${dir}` }), { path: `${dir}/google-chrome` });
    assertEquals(findBrowser({ PATH: dir, CHROME_BIN: `${dir}/chromium` }), { path: `${dir}/chromium` });
    const hidden = findBrowser({ PATH: dir, CHROME_BIN: "none" });
    assertTrue("missing" in hidden && hidden.missing.includes('CHROME_BIN="none"'), JSON.stringify(hidden));
    const none = findBrowser({ PATH: "/no/such/dir" });
    assertTrue(
      "missing" in none && BROWSER_NAMES.every((n) => none.missing.includes(n)),
      JSON.stringify(none),
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("requireTool() skips a test that lacks its tool, but under CI=true runs it and fails naming the tool", () => {
  const lines: string[] = [];
  const log = (line: string) => lines.push(line);
  assertEquals(requireTool("a browser", "/usr/bin/chromium", {}, log).get(), "/usr/bin/chromium");
  assertEquals(requireTool("a browser", { missing: "none here" }, {}, log).ignore, true);
  assertEquals(lines, ["skipping the tests that need a browser: none here (under CI=true they fail)"]);
  const ci = requireTool("a browser", { missing: "none here" }, { CI: "true" }, log);
  assertEquals(lines.length, 1, "no skip line under CI");
  assertEquals(ci.ignore, false);
  assertThrows(() => ci.get(), Error, "it needs a browser, and CI=true forbids skipping: none here");
});
