/**
 * `deno task serve`: a tiny static file server for the built site on 127.0.0.1, so pages that fetch files (the
 * "Try a movie" page loads its models) work; browsers refuse such fetches from `file://`. Every link of the site
 * is page-relative, so it works the same here, from `file://` and under `/<repo>/` on GitHub Pages.
 *
 * @module
 */
import { extname, resolve, sep } from "node:path";
import { cli, type CliSpec } from "./_cli.ts";

/** The serve options. */
export const defaults = {
  /** Folder to serve. */
  dir: "_site",
  /** TCP port; 0 picks a free one. */
  port: 8000,
  /** Log each request to stderr. */
  verbose: false,
};

/** The resolved configuration. */
export type ServeConfig = typeof defaults;

/** The command line of serve. */
export const spec: CliSpec<ServeConfig> = {
  name: "serve",
  summary: "Serve the built site on http://127.0.0.1:PORT/ (local only) until you stop it with Ctrl+C.",
  defaults,
  flags: {
    dir: { description: "Folder to serve", value: "DIR" },
    port: { description: "Port (0: any free port)" },
    verbose: { description: "Log every request" },
  },
  epilog: "Example: deno task site && deno task serve   (then open http://127.0.0.1:8000/try.html)",
};

/** Content types by file extension. */
export const CONTENT_TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json",
  ".txt": "text/plain; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".bin": "application/octet-stream",
  ".wasm": "application/wasm",
};

/**
 * A request handler serving the files under `root`: `GET`/`HEAD` only, `/` and folders map to `index.html`,
 * paths that leave `root` are refused (403), missing files are 404.
 */
export function staticHandler(root: string): (request: Request) => Promise<Response> {
  const base = resolve(root);
  return async (request) => {
    if (request.method !== "GET" && request.method !== "HEAD") {
      return new Response("method not allowed", { status: 405, headers: { allow: "GET, HEAD" } });
    }
    let path: string;
    try {
      path = decodeURIComponent(new URL(request.url).pathname);
    } catch {
      return new Response("bad path", { status: 400 });
    }
    let file = resolve(base, `.${path}`);
    if (file !== base && !file.startsWith(base + sep)) return new Response("forbidden", { status: 403 });
    try {
      if ((await Deno.stat(file)).isDirectory) file = resolve(file, "index.html");
      const body = await Deno.readFile(file);
      const type = CONTENT_TYPES[extname(file).toLowerCase()] ?? "application/octet-stream";
      return new Response(request.method === "HEAD" ? null : body, {
        headers: { "content-type": type, "content-length": String(body.length), "cache-control": "no-cache" },
      });
    } catch (error) {
      if (error instanceof Deno.errors.NotFound || error instanceof Deno.errors.NotADirectory) {
        return new Response("not found", { status: 404 });
      }
      throw error;
    }
  };
}

/** Options of {@link serveSite}. */
export interface ServeOptions {
  /** @default 8000; 0 picks a free port */
  port?: number;
  /** Called with each request's method, path and status. */
  log?: (line: string) => void;
  signal?: AbortSignal;
}

/** Serve `root` on 127.0.0.1; the returned server's `addr.port` is the port bound. */
export function serveSite(root: string, options: ServeOptions = {}): Deno.HttpServer<Deno.NetAddr> {
  const { port = 8000, log, signal } = options;
  const handle = staticHandler(root);
  return Deno.serve({ hostname: "127.0.0.1", port, signal, onListen() {} }, async (request) => {
    const response = await handle(request);
    log?.(`${request.method} ${new URL(request.url).pathname} ${response.status}`);
    return response;
  });
}

/** Run the server with `config` until the process is stopped. */
export async function run(config: Partial<ServeConfig> = {}): Promise<void> {
  const c = { ...defaults, ...config };
  if (!Number.isInteger(c.port) || c.port < 0 || c.port > 65535) {
    throw new RangeError(`Cannot use --port ${c.port}: expected an integer from 0 to 65535`);
  }
  const stat = await Deno.stat(c.dir).catch(() => null);
  if (!stat?.isDirectory) {
    throw new Deno.errors.NotFound(
      `Cannot serve ${JSON.stringify(c.dir)}: no such folder (build the site first: deno task site)`,
    );
  }
  const server = serveSite(c.dir, {
    port: c.port,
    log: c.verbose ? (line) => console.error(line) : undefined,
  });
  console.log(`serve: ${c.dir} on http://127.0.0.1:${server.addr.port}/ (Ctrl+C to stop)`);
  await server.finished;
}

if (import.meta.main) await cli(spec, run);
