/**
 * `deno task serve`: a tiny static file server for the built site on 127.0.0.1, so pages that fetch files (the
 * "Try a movie" page loads its models) work; browsers refuse such fetches from `file://`. Every link of the site
 * is page-relative, so it works the same here, from `file://` and under `/<repo>/` on GitHub Pages.
 *
 * @module
 */
import { extname, resolve, sep } from "node:path";
import { DEFAULT_SITE } from "../core/artifacts.ts";
import { cli, type CliSpec } from "./_cli.ts";
import { listenHttp, type SmallServer } from "./_http_server.ts";

/** The serve options. */
export const defaults = {
  /** Folder to serve. */
  dir: DEFAULT_SITE as string,
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
 * Headers on every response: no MIME sniffing, and a Content-Security-Policy that allows only this origin's
 * scripts (the Try page's tfjs builds and `try.js`) and model files, WebAssembly compilation (tfjs probes for
 * it; no JavaScript eval), and inline styles (Plot's SVG charts).
 */
export const SECURITY_HEADERS: Record<string, string> = {
  "x-content-type-options": "nosniff",
  "content-security-policy": [
    "default-src 'self'",
    "script-src 'self' 'wasm-unsafe-eval'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; "),
  "referrer-policy": "no-referrer",
};

/** The longest URL path served (longer ones get 400). */
export const MAX_PATH = 1024;

/** A plain-text response with the security headers. */
export function textResponse(status: number, text: string, extra: Record<string, string> = {}): Response {
  return new Response(text, {
    status,
    headers: { ...SECURITY_HEADERS, "content-type": "text/plain; charset=utf-8", ...extra },
  });
}

function inside(base: string, path: string): boolean {
  return path === base || path.startsWith(base.endsWith(sep) ? base : base + sep);
}

/**
 * A request handler serving the files under `root`: `GET`/`HEAD` only, `/` and folders map to `index.html`,
 * paths that leave `root` (by `..` or through a symbolic link) are refused (403), NUL bytes and over-long
 * paths are bad requests (400), missing files are 404.
 */
export function staticHandler(root: string): (request: Request) => Promise<Response> {
  const base = resolve(root);
  let realBase: Promise<string> | undefined;
  return async (request) => {
    if (request.method !== "GET" && request.method !== "HEAD") {
      return textResponse(405, "method not allowed", { allow: "GET, HEAD" });
    }
    let path: string;
    try {
      path = decodeURIComponent(new URL(request.url).pathname);
    } catch {
      return textResponse(400, "bad path");
    }
    if (path.includes("\0") || path.length > MAX_PATH) return textResponse(400, "bad path");
    let file = resolve(base, `.${path}`);
    if (!inside(base, file)) return textResponse(403, "forbidden");
    try {
      realBase ??= Deno.realPath(base);
      let real = await Deno.realPath(file);
      if ((await Deno.stat(real)).isDirectory) {
        file = resolve(file, "index.html");
        real = await Deno.realPath(file);
      }
      if (!inside(await realBase, real)) return textResponse(403, "forbidden");
      const body = await Deno.readFile(real);
      const type = CONTENT_TYPES[extname(file).toLowerCase()] ?? "application/octet-stream";
      return new Response(request.method === "HEAD" ? null : body, {
        headers: {
          ...SECURITY_HEADERS,
          "content-type": type,
          "content-length": String(body.length),
          "cache-control": "no-cache",
        },
      });
    } catch (error) {
      if (error instanceof Deno.errors.NotFound || error instanceof Deno.errors.NotADirectory) {
        return textResponse(404, "not found");
      }
      if (/name too long|os error 36|FilesystemLoop|os error 40/i.test(String(error))) {
        return textResponse(400, "bad path");
      }
      if (
        error instanceof Deno.errors.IsADirectory || error instanceof Deno.errors.PermissionDenied ||
        error instanceof Deno.errors.NotCapable // outside what this process may read (--allow-read=…)
      ) {
        return textResponse(403, "forbidden");
      }
      return textResponse(500, "cannot read the file");
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
  /** Milliseconds a client has to send its request head. @default 10000 */
  headerTimeoutMs?: number;
}

/**
 * Serve `root` on 127.0.0.1; the returned server's `addr.port` is the port bound.
 *
 * @throws {Deno.errors.AddrInUse} naming the port and suggesting `--port 0` when it is taken.
 */
export function serveSite(root: string, options: ServeOptions = {}): SmallServer {
  const { port = 8000, log, signal, headerTimeoutMs } = options;
  const handle = staticHandler(root);
  try {
    return listenHttp({ hostname: "127.0.0.1", port, signal, headerTimeoutMs }, async (request) => {
      const response = await handle(request);
      log?.(`${request.method} ${new URL(request.url).pathname} ${response.status}`);
      return response;
    }, (status, text) => textResponse(status, text));
  } catch (error) {
    if (error instanceof Deno.errors.AddrInUse) {
      throw new Deno.errors.AddrInUse(
        `Cannot serve on 127.0.0.1:${port}: the port is in use (another server?); use --port N, or --port 0 for any free port`,
      );
    }
    throw error;
  }
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
      `Cannot serve ${JSON.stringify(c.dir)}: no such folder (build the site first: \`deno task site${
        c.dir === DEFAULT_SITE ? "" : ` --site-out ${c.dir}`
      }\`)`,
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
