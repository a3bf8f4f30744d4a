import { symlink } from "../_fixtures.ts";
import { assertEquals, assertMatch, assertRejects, assertTrue } from "../_assert.ts";
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
  await assertRejects(
    () => run({ dir: "tests/testdata/no_such_site" }),
    Deno.errors.NotFound,
    "deno task site",
  );
  await assertRejects(() => run({ dir: ".", port: 70000 }), RangeError, "--port 70000");
});

Deno.test("staticHandler() refuses symlinks that lead outside the root, NUL bytes and over-long paths", async () => {
  await withSite(async (root) => {
    const outside = await Deno.makeTempFile({ prefix: "imdb-serve-secret-" });
    try {
      await Deno.writeTextFile(outside, "secret");
      await symlink(outside, `${root}/leak.txt`);
      await symlink("/", `${root}/rootdir`);
      await symlink(`${root}/index.html`, `${root}/home.html`);
      const handle = staticHandler(root);
      const get = async (path: string) => {
        const response = await handle(new Request(`http://127.0.0.1${path}`));
        await response.body?.cancel();
        return response.status;
      };
      assertEquals(await get("/leak.txt"), 403);
      assertEquals(await get("/rootdir/etc/passwd"), 403);
      assertEquals(await get("/home.html"), 200, "a link that stays inside is served");
      assertEquals(await get("/index.html%00.txt"), 400);
      assertEquals(await get(`/${"a".repeat(5000)}`), 400);
    } finally {
      await Deno.remove(outside);
    }
  });
});

Deno.test("every response carries nosniff and a Content-Security-Policy of this origin only", async () => {
  await withSite(async (root) => {
    const handle = staticHandler(root);
    for (const path of ["/", "/missing", "/try/weights.bin"]) {
      const response = await handle(new Request(`http://127.0.0.1${path}`));
      await response.body?.cancel();
      assertEquals(response.headers.get("x-content-type-options"), "nosniff", path);
      assertMatch(
        response.headers.get("content-security-policy") ?? "",
        /^default-src 'self'; script-src 'self' 'wasm-unsafe-eval';/,
      );
    }
  });
});

/** Connect, send `text`, and read until the server closes: what it answered (or "" for nothing). */
async function rawRequest(port: number, text: string): Promise<string> {
  const conn = await Deno.connect({ hostname: "127.0.0.1", port });
  try {
    if (text) await conn.write(new TextEncoder().encode(text));
    const chunks: Uint8Array[] = [];
    const buffer = new Uint8Array(4096);
    for (let n = await conn.read(buffer); n !== null; n = await conn.read(buffer)) {
      chunks.push(buffer.slice(0, n));
    }
    return new TextDecoder().decode(new Uint8Array(chunks.flatMap((c) => [...c])));
  } finally {
    try {
      conn.close();
    } catch { /* closed by the server */ }
  }
}

Deno.test("idle and partial requests time out (408); a malformed request line is a bad request (400)", async () => {
  await withSite(async (root) => {
    const server = serveSite(root, { port: 0, headerTimeoutMs: 300 });
    try {
      const port = server.addr.port;
      const started = performance.now();
      const [idle, partial] = await Promise.all([
        rawRequest(port, ""),
        rawRequest(port, "GET / HTTP/1.1\r\nHost: x\r\n"),
      ]);
      assertMatch(idle, /^HTTP\/1\.1 408 /);
      assertMatch(partial, /^HTTP\/1\.1 408 /);
      assertTrue(performance.now() - started < 5000, "closed after the timeout, not left open");
      assertMatch(await rawRequest(port, "GARBAGE\r\n\r\n"), /^HTTP\/1\.1 400 /);
      assertMatch(await rawRequest(port, `GET /${"a".repeat(20000)} HTTP/1.1\r\n\r\n`), /^HTTP\/1\.1 431 /);
      assertMatch(await rawRequest(port, "GET / HTTP/1.1\r\nHost: x\r\n\r\n"), /^HTTP\/1\.1 200 [^]*home$/);
    } finally {
      await server.shutdown();
    }
  });
});

Deno.test("serve's startup errors are one line without a stack; a port in use suggests --port 0", async () => {
  await withSite(async (root) => {
    const server = serveSite(root, { port: 0 });
    try {
      const script = new URL("../../scripts/serve.ts", import.meta.url).pathname;
      const serve = (...args: string[]) =>
        new Deno.Command(Deno.execPath(), {
          args: ["run", "--allow-read", "--allow-net=127.0.0.1", script, ...args],
          stdout: "null",
          stderr: "piped",
        }).output();
      for (
        const [args, message] of [
          [
            ["--dir", root, "--port", String(server.addr.port)],
            /^error: Cannot serve on 127\.0\.0\.1:\d+: the port is in use .*--port 0/,
          ],
          [["--dir", `${root}/missing`], /^error: Cannot serve ".*missing": no such folder/],
        ] as const
      ) {
        const { code, stderr } = await serve(...args);
        const lines = new TextDecoder().decode(stderr).trim().split("\n");
        assertEquals(code, 1);
        assertEquals(lines.length, 1, lines.join("\n"));
        assertMatch(lines[0], message);
      }
    } finally {
      await server.shutdown();
    }
  });
});
