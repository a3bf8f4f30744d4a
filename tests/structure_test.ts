/**
 * Layout rules that keep scripts/ thin and readable: `_`-prefixed files are libraries (never run), and a
 * command-line script never imports another one statically (the pipeline and the benchmark's stage runner load
 * stages on demand, by design).
 */
import { assertEquals } from "./_assert.ts";

const SCRIPTS = new URL("../scripts/", import.meta.url);
const files = [...Deno.readDirSync(SCRIPTS)].filter((e) => e.isFile && e.name.endsWith(".ts")).map((e) =>
  e.name
)
  .sort();
const text = (name: string) => Deno.readTextFileSync(new URL(name, SCRIPTS));

Deno.test("`_`-prefixed scripts are libraries: none of them runs as a program", () => {
  assertEquals(files.filter((f) => f.startsWith("_") && /^if \(import\.meta\.main\)/m.test(text(f))), []);
});

Deno.test("no command-line script statically imports another one (types aside)", () => {
  const clis = new Set(files.filter((f) => !f.startsWith("_")));
  const found: string[] = [];
  for (const f of files) {
    for (const [, target] of text(f).matchAll(/^import (?!type )[^;]*?from "\.\/([^"/]+\.ts)";/gms)) {
      if (clis.has(target)) found.push(`${f} → ${target}`);
    }
  }
  assertEquals(found, []);
});
