/**
 * Progress on stderr: a bar with ETA on a TTY, one plain line per update otherwise (CI logs, pipes).
 *
 * @module
 */
import cliProgress from "cli-progress";

/** A running progress indicator. `update` takes the number of units done and values for the format's fields. */
export interface Progress {
  update(done: number, fields?: Record<string, string | number>): void;
  stop(): void;
}

/**
 * Start a progress bar of `total` units labelled `label`. `fields` names extra values shown after the bar
 * (e.g. `["loss", "val"]`). On a non-TTY stderr, each `update` prints one line.
 */
export function startProgress(label: string, total: number, fields: string[] = []): Progress {
  const extra = fields.map((f) => ` ${f} {${f}}`).join("");
  if (!Deno.stderr.isTerminal()) {
    const started = performance.now();
    return {
      update(done, values = {}) {
        const secs = ((performance.now() - started) / 1000).toFixed(1);
        const parts = fields.map((f) => ` ${f} ${values[f] ?? "-"}`).join("");
        console.error(`${label} ${done}/${total}${parts} (${secs}s)`);
      },
      stop() {},
    };
  }
  const bar = new cliProgress.SingleBar({
    format: `${label} [{bar}] {value}/{total} ETA {eta_formatted}${extra}`,
    stream: process.stderr,
    hideCursor: true,
    clearOnComplete: false,
    etaBuffer: 5,
  });
  bar.start(total, 0, Object.fromEntries(fields.map((f) => [f, "-"])));
  return {
    update: (done, values = {}) => bar.update(done, values),
    stop: () => bar.stop(),
  };
}
