/**
 * `deno task site`: build the static report site into `_site/` from the analyze stage's `report.json` with
 * Eleventy 3 (`.11ty.ts` templates; charts are Observable Plot SVG rendered at build time). The site reads the
 * report only; it recomputes nothing.
 *
 * @module
 */
import Eleventy from "@11ty/eleventy";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { DEFAULT_OUT, DEFAULT_SITE, PATHS } from "../core/artifacts.ts";
import { validateReport } from "../core/report/validate_report.ts";
import type { TryPageData } from "../core/predict/predictor_manifest.ts";
import { configureSite, type EleventyConfigApi } from "../site/eleventy.config.ts";
import { cli, type CliSpec, serveCommand, stageCommand } from "./_cli.ts";
import { exists, join, readJsonFile, replaceDirAtomic } from "./_fs.ts";
import { checkOutDir } from "./_out_lock.ts";
import { writeTryAssets } from "./_try_assets.ts";

/** The site stage's options. */
export const defaults = {
  /** Folder of the artifacts (report/report.json is read from it). */
  out: DEFAULT_OUT as string,
  /** Folder to write the site to (replaced as a whole). */
  siteOut: DEFAULT_SITE as string,
  /** Print each file Eleventy writes. */
  verbose: false,
};

/** The site stage's resolved configuration. */
export type SiteConfig = typeof defaults;

/** The command line of `deno task site`. */
export const spec: CliSpec<SiteConfig> = {
  name: "site",
  summary: "Build the static report web site from report/report.json (run `deno task analyze` first).",
  defaults,
  flags: {
    out: { description: "Folder of the artifacts holding report/report.json", value: "DIR" },
    siteOut: { description: "Folder to write the site to (replaced whole)", value: "DIR" },
    verbose: { description: "List every file written" },
  },
  epilog: "Example: deno task site --out artifacts --site-out _site   (then open _site/index.html)",
};

/** What {@link run} did. */
export interface SiteResult {
  siteOut: string;
  files: string[];
  seconds: number;
  /** What the "Try a movie" page got: the model files and their bytes, or why there are none. */
  tryPage: TryPageData;
}

/** The site's source folder (templates, layouts, charts, stylesheet). */
export const SITE_INPUT = fileURLToPath(new URL("../site", import.meta.url));

/** Build the site with `config` (merged over {@link defaults}). */
export async function run(config: Partial<SiteConfig> = {}): Promise<SiteResult> {
  const started = performance.now();
  const c = { ...defaults, ...config };
  const reportPath = join(c.out, PATHS.report);
  if (!(await exists(reportPath))) {
    throw new Deno.errors.NotFound(
      `Cannot build the site: ${reportPath} is missing (run ${stageCommand("analyze", c.out)} first)`,
    );
  }
  await checkOutDir(c.siteOut, "--site-out");
  const report = validateReport(await readJsonFile(reportPath, "report"));
  const siteOut = resolve(c.siteOut);
  const files: string[] = [];
  let tryPage: TryPageData | undefined;
  await replaceDirAtomic(siteOut, async (tmp) => {
    // The Try page's model files first, so its template knows what is there.
    tryPage = await writeTryAssets(c.out, tmp);
    const eleventy = new Eleventy(SITE_INPUT, tmp, {
      quietMode: !c.verbose,
      config: (eleventyConfig: EleventyConfigApi) =>
        configureSite(eleventyConfig, report, SITE_INPUT, tryPage),
    });
    await eleventy.write();
    for await (const entry of Deno.readDir(tmp)) files.push(entry.name);
  });
  files.sort();
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `site: wrote ${files.length} files to ${c.siteOut} in ${seconds.toFixed(2)} s; open ${
      join(c.siteOut, "index.html")
    }`,
  );
  const page = tryPage!;
  const kb = (n: number) => `${(n / 1024).toFixed(0)} KB`;
  console.log(
    page.available
      ? `site: the Try page loads ${kb(page.bytes.total)} (${
        kb(page.bytes.gzip)
      } gzipped): ${page.members.length} ` +
        `members, encoders and tfjs; serve it with ${serveCommand(c.siteOut)}`
      : `site: the Try page has no models (${page.reason})`,
  );
  return { siteOut, files, seconds, tryPage: page };
}

if (import.meta.main) await cli(spec, run);
