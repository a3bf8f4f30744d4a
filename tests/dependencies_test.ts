/**
 * What a first run installs: every npm package comes from deno.lock, so these checks read it (and deno.json)
 * rather than the network.
 */
import { assertEquals, assertTrue } from "./_assert.ts";
import denoJson from "../deno.json" with { type: "json" };

const lock = JSON.parse(Deno.readTextFileSync(new URL("../deno.lock", import.meta.url))) as {
  npm: Record<string, { scripts?: boolean }>;
};
const allowScripts = (denoJson as { allowScripts?: { allow: string[]; deny: string[] } }).allowScripts;

Deno.test("deno.json allows or denies lifecycle scripts explicitly, for every locked package that has them", () => {
  assertTrue(allowScripts, "deno.json has an allowScripts entry");
  const named = new Set(
    [...allowScripts.allow, ...allowScripts.deny].map((s) => s.replace(/^npm:|@[^@]*$/g, "")),
  );
  const withScripts = Object.entries(lock.npm).filter(([, p]) => p.scripts)
    .map(([key]) => key.replace(/@[^@/]+$/, "").replace(/_.*$/, ""));
  assertEquals(
    withScripts.filter((name) => !named.has(name)),
    [],
    "packages whose install scripts would warn",
  );
});

Deno.test("tfjs comes as its parts (core, layers, backends), not the bundle with its converter, data and WebGL", () => {
  const imports = Object.keys(denoJson.imports);
  assertTrue(!imports.includes("@tensorflow/tfjs"), "deno.json imports @tensorflow/tfjs");
  for (const pkg of ["tfjs", "tfjs-converter", "tfjs-data", "tfjs-backend-webgl"]) {
    assertTrue(
      !Object.keys(lock.npm).some((key) => key.startsWith(`@tensorflow/${pkg}@`)),
      `deno.lock holds @tensorflow/${pkg}`,
    );
  }
});
