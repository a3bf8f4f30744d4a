/**
 * Eleventy configuration of the report site: `.11ty.ts` templates (loaded natively by Deno), the one
 * stylesheet copied as is, and the report as global data. `scripts/site.ts` calls this from Eleventy's `config`
 * option with the validated report.
 *
 * @module
 */
import type { Report } from "../core/report/report_schema.ts";
import type { TryPageData } from "../core/predict/predictor_manifest.ts";

/** The part of Eleventy's config API used here. */
export interface EleventyConfigApi {
  addExtension(extensions: string[], options: { key: string }): void;
  addTemplateFormats(formats: string): void;
  addGlobalData(name: string, value: unknown): void;
  addPassthroughCopy(paths: Record<string, string>): void;
  setQuietMode?(quiet: boolean): void;
}

/**
 * Configure Eleventy for the site in `inputDir` (an absolute path) with `report` as the global `report`, and
 * `tryPage` (what the "Try a movie" page shows) as the global `tryPage`.
 */
export function configureSite(
  eleventyConfig: EleventyConfigApi,
  report: Report,
  inputDir: string,
  tryPage?: TryPageData,
): void {
  eleventyConfig.addExtension(["11ty.ts"], { key: "11ty.js" });
  eleventyConfig.addTemplateFormats("11ty.ts");
  eleventyConfig.addGlobalData("report", report);
  if (tryPage) eleventyConfig.addGlobalData("tryPage", tryPage);
  eleventyConfig.addPassthroughCopy({ [`${inputDir}/style.css`]: "style.css" });
}
