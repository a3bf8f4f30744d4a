/**
 * `deno task pipeline --fresh` trains every model anew (issue 11, case 1); without it, train resumes.
 */
import { assertEquals } from "../_assert.ts";
import { imdbCsv } from "../collect/_movies_csv.ts";
import { PATHS } from "../../core/artifacts.ts";
import { parseCli } from "../../scripts/_cli.ts";
import { exists, join } from "../../scripts/_fs.ts";
import { run, spec } from "../../scripts/pipeline.ts";

const TINY = { hidden: [8], epochs: 2, batchSize: 32, patience: 0, backend: "wasm" };

Deno.test("pipeline --fresh is an option, and it trains anew where a plain pipeline resumes", async () => {
  const parsed = await parseCli(["--fresh"], spec);
  assertEquals(parsed.help ? null : parsed.config.fresh, true);
  const out = await Deno.makeTempDir({ prefix: "pipeline-fresh-test-" });
  const [log, error] = [console.log, console.error];
  console.log = console.error = () => {};
  try {
    const data = join(out, "movies.csv");
    await Deno.writeTextFile(data, imdbCsv({ rows: 160, seed: 3 }));
    const config = { data, out: join(out, "artifacts"), siteOut: join(out, "_site"), backend: "wasm" };
    await run(config, { train: TINY });
    // A file that only survives as long as member 1's checkpoint folder does.
    const marker = join(out, "artifacts", PATHS.regressorCheckpoints(1), "marker");
    await Deno.writeTextFile(marker, "");
    await run(config, { train: TINY });
    assertEquals(await exists(marker), true, "a plain rerun resumes the checkpoints");
    await run({ ...config, fresh: true }, { train: TINY });
    assertEquals(await exists(marker), false, "--fresh removed them and trained anew");
  } finally {
    [console.log, console.error] = [log, error];
    await Deno.remove(out, { recursive: true });
  }
});
