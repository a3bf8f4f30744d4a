/**
 * A report and a built site from the synthetic fixtures, shared by the site tests (built once per process).
 *
 * @module
 */
import { writeCollectFixture, writePredictionFixture } from "../_fixtures.ts";
import { run as analyze } from "../../scripts/analyze.ts";
import { run as site } from "../../scripts/site.ts";
import type { Report } from "../../core/report/report_schema.ts";

/** The hostile title the collect fixture gives row 0. */
export const HOSTILE_TITLE = "<script>alert(1)</script> & Co";

/** Where the fixture artifacts and the site are, and the report. */
export interface BuiltSite {
  out: string;
  siteOut: string;
  report: Report;
}

let built: Promise<BuiltSite> | undefined;

/**
 * Write collect and prediction fixtures (60 movies, so every test movie is among the 20 largest errors and the
 * hostile title appears in a table), run analyze and site into a temp folder. Memoised.
 */
export function buildFixtureSite(): Promise<BuiltSite> {
  built ??= (async () => {
    const out = await Deno.makeTempDir({ prefix: "imdb-site-test-" });
    // Seed 12 puts row 0 (the hostile title) in the test set.
    const fixture = await writeCollectFixture(out, { rows: 60, features: 5, seed: 12 });
    if (!fixture.test.includes(0)) throw new Error("fixture seed no longer puts row 0 in the test set");
    await writePredictionFixture(out, fixture);
    const { report } = await analyze({ out, bootstrap: 200 });
    const siteOut = `${out}/_site`;
    await site({ out, siteOut });
    return { out, siteOut, report };
  })();
  return built;
}
