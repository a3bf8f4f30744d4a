/**
 * Console capture for tests of stages that print: silence stdout, or collect what a call printed.
 *
 * @module
 */

/** Run `fn` with `console.log` silenced (stage summaries), returning its result. */
export async function quietly<T>(fn: () => Promise<T>): Promise<T> {
  const log = console.log;
  console.log = () => {};
  try {
    return await fn();
  } finally {
    console.log = log;
  }
}

/** Run `fn`, collecting the lines it printed on stdout (`console.log`) and stderr (`console.error`). */
export async function captured(fn: () => Promise<unknown>): Promise<{ out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const [log, error] = [console.log, console.error];
  console.log = (...args: unknown[]) => out.push(args.join(" "));
  console.error = (...args: unknown[]) => err.push(args.join(" "));
  try {
    await fn();
  } finally {
    [console.log, console.error] = [log, error];
  }
  return { out, err };
}
