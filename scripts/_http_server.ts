/**
 * A small HTTP/1.1 server for `deno task serve`, on `Deno.listen`, because `Deno.serve` cannot time out a
 * client: a connection that sends nothing, or half a request head, is closed (408) after `headerTimeoutMs`;
 * a head over 16 KB gets 431; a malformed request line 400. One request per connection (`Connection: close`):
 * a local static site needs no more.
 *
 * @module
 */

/** The running server. */
export interface SmallServer {
  addr: Deno.NetAddr;
  /** Settles when the server has stopped. */
  finished: Promise<void>;
  /** Stop accepting and close the listener. */
  shutdown(): Promise<void>;
}

/** Options of {@link listenHttp}. */
export interface HttpOptions {
  hostname: string;
  /** 0 picks a free port. */
  port: number;
  /** Milliseconds a client has to send a complete request head. @default 10000 */
  headerTimeoutMs?: number;
  signal?: AbortSignal;
}

const MAX_HEAD = 16 * 1024;
const STATUS_TEXT: Record<number, string> = {
  200: "OK",
  400: "Bad Request",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  408: "Request Timeout",
  431: "Request Header Fields Too Large",
  500: "Internal Server Error",
};

async function writeAll(conn: Deno.Conn, data: Uint8Array): Promise<void> {
  for (let at = 0; at < data.length;) at += await conn.write(data.subarray(at));
}

async function respond(conn: Deno.Conn, response: Response, head: boolean): Promise<void> {
  const body = head || response.body === null
    ? new Uint8Array(0)
    : new Uint8Array(await response.arrayBuffer());
  const headers = new Headers(response.headers);
  headers.set("connection", "close");
  if (!headers.has("content-length")) headers.set("content-length", String(body.length));
  const lines = [`HTTP/1.1 ${response.status} ${STATUS_TEXT[response.status] ?? "Status"}`];
  headers.forEach((value, name) => lines.push(`${name}: ${value}`));
  await writeAll(conn, new TextEncoder().encode(lines.join("\r\n") + "\r\n\r\n"));
  if (body.length > 0) await writeAll(conn, body);
}

/** Read the request head (up to the blank line), or say why not. */
async function readHead(conn: Deno.Conn): Promise<string | 431 | null> {
  const buffer = new Uint8Array(MAX_HEAD + 4);
  let length = 0;
  while (true) {
    const n = await conn.read(buffer.subarray(length));
    if (n === null) return null;
    length += n;
    const text = new TextDecoder("latin1").decode(buffer.subarray(0, length));
    const end = text.indexOf("\r\n\r\n");
    if (end >= 0) return text.slice(0, end);
    if (length >= MAX_HEAD) return 431;
  }
}

async function handleConnection(
  conn: Deno.Conn,
  handler: (request: Request) => Promise<Response>,
  base: string,
  headerTimeoutMs: number,
  errorResponse: (status: number, text: string) => Response,
): Promise<void> {
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    respond(conn, errorResponse(408, "request timeout"), false).catch(() => {}).finally(() => {
      try {
        conn.close();
      } catch { /* already closed */ }
    });
  }, headerTimeoutMs);
  try {
    const head = await readHead(conn);
    clearTimeout(timer);
    if (timedOut || head === null) return;
    if (head === 431) return await respond(conn, errorResponse(431, "request head too large"), false);
    const match = /^([A-Z]+) (\/\S*) HTTP\/1\.[01]$/.exec(head.split("\r\n")[0]);
    let request: Request | null = null;
    if (match) {
      try {
        request = new Request(new URL(match[2], base), { method: match[1] === "HEAD" ? "HEAD" : match[1] });
      } catch {
        request = null;
      }
    }
    if (!request) return await respond(conn, errorResponse(400, "bad request"), false);
    await respond(conn, await handler(request), request.method === "HEAD");
  } catch {
    // The client went away, or the timeout closed the connection.
  } finally {
    clearTimeout(timer);
    try {
      conn.close();
    } catch { /* already closed */ }
  }
}

/**
 * Listen on `options.hostname:port` and answer each connection's one request with `handler`.
 * `errorResponse` makes the responses the server itself sends (timeouts, malformed requests).
 *
 * @throws {Deno.errors.AddrInUse} when the port is taken.
 */
export function listenHttp(
  options: HttpOptions,
  handler: (request: Request) => Promise<Response>,
  errorResponse: (status: number, text: string) => Response,
): SmallServer {
  const { hostname, port, headerTimeoutMs = 10_000, signal } = options;
  const listener = Deno.listen({ hostname, port, transport: "tcp" });
  const addr = listener.addr as Deno.NetAddr;
  const base = `http://${hostname}:${addr.port}`;
  let closed = false;
  const close = () => {
    if (closed) return;
    closed = true;
    try {
      listener.close();
    } catch { /* already closed */ }
  };
  signal?.addEventListener("abort", close, { once: true });
  const finished = (async () => {
    try {
      for await (const conn of listener) {
        handleConnection(conn, handler, base, headerTimeoutMs, errorResponse);
      }
    } catch (error) {
      if (!closed) throw error;
    }
  })();
  return {
    addr,
    finished,
    shutdown: async () => {
      close();
      await finished.catch(() => {});
    },
  };
}
