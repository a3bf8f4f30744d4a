/**
 * Driving headless Chromium (Debian's `chromium`, or Google Chrome) from tests over the DevTools protocol: the
 * browser ({@link browser}: tests that need it are skipped, or fail under `CI=true`, where there is none), a
 * minimal protocol client, and {@link launchChromium}, which starts a fresh, isolated browser.
 *
 * @module
 */
import { findBrowser } from "../scripts/_browser.ts";
import { type Required, requireTool } from "./_tools.ts";

/** The browser the browser checks use, or why there is none (see `scripts/_browser.ts`). */
export const browser: Required<string> = requireTool(
  "a Chromium-family browser",
  (() => {
    const found = findBrowser();
    return "path" in found ? found.path : found;
  })(),
);

/** A minimal DevTools-protocol client over one WebSocket. */
export class Cdp {
  #next = 0;
  // deno-lint-ignore no-explicit-any
  #pending = new Map<number, { resolve: (v: any) => void; reject: (e: Error) => void }>();
  private constructor(readonly socket: WebSocket) {
    socket.onmessage = (event) => {
      const message = JSON.parse(String(event.data));
      const waiter = message.id !== undefined ? this.#pending.get(message.id) : undefined;
      if (!waiter) return;
      this.#pending.delete(message.id);
      if (message.error) waiter.reject(new Error(`CDP: ${JSON.stringify(message.error)}`));
      else waiter.resolve(message.result);
    };
  }
  static open(url: string): Promise<Cdp> {
    const socket = new WebSocket(url);
    return new Promise((resolve, reject) => {
      socket.onopen = () => resolve(new Cdp(socket));
      socket.onerror = () => reject(new Error(`Cannot connect to Chromium's DevTools at ${url}`));
    });
  }
  // deno-lint-ignore no-explicit-any
  send(method: string, params: Record<string, unknown> = {}, sessionId?: string): Promise<any> {
    const id = ++this.#next;
    this.socket.send(JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) }));
    return new Promise((resolve, reject) => this.#pending.set(id, { resolve, reject }));
  }
  async evaluate<T>(expression: string, sessionId: string): Promise<T> {
    const r = await this.send("Runtime.evaluate", { expression, returnByValue: true }, sessionId);
    if (r.exceptionDetails) {
      throw new Error(`Cannot evaluate in the page: ${JSON.stringify(r.exceptionDetails)}`);
    }
    return r.result.value as T;
  }
}

/** Read Chromium's stderr until it prints its DevTools WebSocket URL. */
export async function devtoolsUrl(stderr: ReadableStream<Uint8Array>): Promise<string> {
  let text = "";
  const reader = stderr.pipeThrough(new TextDecoderStream()).getReader();
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const { value, done } = await reader.read();
    if (done) break;
    text += value;
    const match = /DevTools listening on (ws:\/\/\S+)/.exec(text);
    if (match) {
      // Keep draining stderr so Chromium never blocks on a full pipe.
      (async () => {
        while (!(await reader.read()).done);
      })().catch(() => {});
      return match[1];
    }
  }
  throw new Error(`Cannot start Chromium: no DevTools URL in its output:\n${text.slice(-2000)}`);
}

/** The flags every test browser runs with: headless, isolated, nothing fetched on its own. */
export function chromiumFlags(profile: string): string[] {
  return [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    `--user-data-dir=${profile}`,
    "--remote-debugging-port=0",
  ];
}

/** A running headless Chromium with a fresh profile. */
export interface Browser {
  cdp: Cdp;
  /** Open `url` in a new tab; resolves with the tab's session id once the page has loaded. */
  open(url: string, timeoutMs?: number): Promise<string>;
  /** Evaluate `expression` in the tab every 100 ms until it is truthy; throws `what` after `timeoutMs`. */
  waitFor(expression: string, sessionId: string, what: string, timeoutMs?: number): Promise<void>;
  /** Close the browser and remove its profile. */
  close(): Promise<void>;
}

/** Start headless Chromium (see {@link chromiumFlags}) on about:blank. */
export async function launchChromium(extraArgs: string[] = []): Promise<Browser> {
  const chromium = browser.get();
  const profile = await Deno.makeTempDir({ prefix: "imdb-chromium-" });
  const child = new Deno.Command(chromium, {
    args: [...chromiumFlags(profile), ...extraArgs, "about:blank"],
    stdout: "null",
    stderr: "piped",
  }).spawn();
  let cdp: Cdp | undefined;
  const close = async () => {
    if (cdp) await cdp.send("Browser.close").catch(() => {});
    cdp?.socket.close();
    try {
      child.kill("SIGKILL");
    } catch { /* already gone */ }
    await child.status;
    await Deno.remove(profile, { recursive: true }).catch(() => {});
  };
  try {
    cdp = await Cdp.open(await devtoolsUrl(child.stderr));
  } catch (error) {
    await close();
    throw error;
  }
  const waitFor = async (expression: string, sessionId: string, what: string, timeoutMs = 20_000) => {
    const deadline = Date.now() + timeoutMs;
    while (!(await cdp!.evaluate<boolean>(`Boolean(${expression})`, sessionId))) {
      if (Date.now() > deadline) throw new Error(`Chromium: ${what} (not within ${timeoutMs / 1000} s)`);
      await new Promise((r) => setTimeout(r, 100));
    }
  };
  return {
    cdp,
    async open(url, timeoutMs = 20_000) {
      const { targetId } = await cdp!.send("Target.createTarget", { url });
      const { sessionId } = await cdp!.send("Target.attachToTarget", { targetId, flatten: true });
      await waitFor(
        `location.href === ${JSON.stringify(url)} && document.readyState === "complete"`,
        sessionId,
        `${url} did not finish loading`,
        timeoutMs,
      );
      return sessionId;
    },
    waitFor,
    close,
  };
}
