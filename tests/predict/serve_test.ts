import { assertEquals, assertRejects } from "../_assert.ts";
import { run, serveSite, staticHandler } from "../../scripts/serve.ts";

async function withSite(fn: (root: string) => Promise<void>): Promise<void> {
  const root = await Deno.makeTempDir({ prefix: "imdb-serve-test-" });
  try {
    await Deno.writeTextFile(`${root}/index.html`, "<!doctype html><p>home");
    await Deno.mkdir(`${root}/try`);
    await Deno.writeTextFile(`${root}/try/predictor.json`, "{}");
    await Deno.writeFile(`${root}/try/weights.bin`, new Uint8Array([1, 2, 3]));
    await fn(root);
  } finally {
    await Deno.remove(root, { recursive: true });
  }
}

Deno.test("staticHandler() serves files with their content type, folders as index.html, and 404 otherwise", async () => {
  await withSite(async (root) => {
    const handle = staticHandler(root);
    const get = (path: string, method = "GET") => handle(new Request(`http://127.0.0.1${path}`, { method }));
    const home = await get("/");
    assertEquals([home.status, home.headers.get("content-type"), await home.text()], [
      200,
      "text/html; charset=utf-8",
      "<!doctype html><p>home",
    ]);
    const json = await get("/try/predictor.json");
    assertEquals([json.status, json.headers.get("content-type")], [200, "application/json"]);
    await json.body?.cancel();
    const bin = await get("/try/weights.bin");
    assertEquals(new Uint8Array(await bin.arrayBuffer()), new Uint8Array([1, 2, 3]));
    assertEquals((await get("/missing.html")).status, 404);
    assertEquals((await get("/..%2f..%2fetc%2fpasswd")).status, 403, "no path outside the root");
    assertEquals((await get("/index.html", "POST")).status, 405);
    const head = await get("/index.html", "HEAD");
    assertEquals([head.status, head.body], [200, null]);
  });
});

Deno.test("serveSite() listens on 127.0.0.1 only, on the port asked for (0: any free one)", async () => {
  await withSite(async (root) => {
    const server = serveSite(root, { port: 0 });
    try {
      assertEquals(server.addr.hostname, "127.0.0.1");
      const response = await fetch(`http://127.0.0.1:${server.addr.port}/try/predictor.json`);
      assertEquals([response.status, await response.text()], [200, "{}"]);
    } finally {
      await server.shutdown();
    }
  });
});

Deno.test("serve refuses a missing folder and a bad port", async () => {
  await assertRejects(() => run({ dir: "/nonexistent/_site" }), Deno.errors.NotFound, "deno task site");
  await assertRejects(() => run({ dir: ".", port: 70000 }), RangeError, "--port 70000");
});
