/**
 * Runs one stage in this process and writes what it cost: `deno run -A scripts/measure_stage.ts STAGE RESULT.json
 * [stage flags…]`. Used by the benchmark, so each stage's wall time and peak resident memory (Linux `VmHWM`)
 * are measured separately, as `deno task STAGE` would run it.
 *
 * @module
 */
import { type CliSpec, parseCli, runMain } from "./_cli.ts";
import { writeJsonAtomic } from "./_fs.ts";
import type { Config } from "../core/config.ts";

/** What one measured stage cost. */
export interface StageCost {
  stage: string;
  /** Wall-clock seconds of the stage's `run`, module loading excluded. */
  seconds: number;
  /** Wall-clock seconds from process start to the end of `run` (module loading, backend start included). */
  processSeconds: number;
  /** Peak resident memory of the process, MiB (null where /proc is not there). */
  peakRssMiB: number | null;
}

function peakRssMiB(): number | null {
  try {
    const kb = /VmHWM:\s+(\d+) kB/.exec(Deno.readTextFileSync("/proc/self/status"))?.[1];
    return kb ? Number(kb) / 1024 : null;
  } catch {
    return null;
  }
}

interface StageModule {
  spec: CliSpec<Config>;
  run: (config: Config, options?: { quiet?: boolean }) => Promise<unknown>;
  specForArgs?: (args: string[]) => Promise<CliSpec<Config>>;
}

if (import.meta.main) {
  await runMain(async () => {
    const [stage, resultPath, ...args] = Deno.args;
    if (!["collect", "train", "analyze", "site"].includes(stage) || !resultPath) {
      throw new TypeError(
        "Cannot parse arguments: usage: measure_stage.ts collect|train|analyze|site RESULT.json [flags]",
      );
    }
    const mod = await import(`./${stage}.ts`) as StageModule;
    const spec = mod.specForArgs ? await mod.specForArgs(args) : mod.spec;
    const parsed = await parseCli(args, spec);
    if (parsed.help) throw new TypeError("Cannot parse arguments: --help is not measured");
    const started = performance.now();
    await mod.run(parsed.config);
    const cost: StageCost = {
      stage,
      seconds: (performance.now() - started) / 1000,
      processSeconds: performance.now() / 1000,
      peakRssMiB: peakRssMiB(),
    };
    await writeJsonAtomic(resultPath, cost);
  });
}
