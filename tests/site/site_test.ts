import { assertEquals, assertMatch, assertRejects, assertTrue } from "../_assert.ts";
import { buildFixtureSite, HOSTILE_TITLE } from "./_site_fixture.ts";
import { DOWNLOADS, PAGES } from "../../site/_lib/layout.ts";
import { REPORT_SCHEMA_VERSION } from "../../core/report/report_schema.ts";
import { ENSEMBLE_ID } from "../../core/report/predictor_ids.ts";
import { run as site } from "../../scripts/site.ts";
import { run as analyze } from "../../scripts/analyze.ts";
import { writeCollectFixture, writePredictionFixture } from "../_fixtures.ts";
import { PATHS } from "../../core/artifacts.ts";

async function readPages(siteOut: string): Promise<Map<string, string>> {
  const pages = new Map<string, string>();
  for await (const entry of Deno.readDir(siteOut)) {
    if (entry.name.endsWith(".html")) {
      pages.set(entry.name, await Deno.readTextFile(`${siteOut}/${entry.name}`));
    }
  }
  return pages;
}

/** Every href/src attribute value, and every CSS url(). */
function urls(text: string): string[] {
  const out = [...text.matchAll(/\s(?:href|src|action|poster|srcset)\s*=\s*"([^"]*)"/gi)].map((m) => m[1]);
  out.push(...[...text.matchAll(/url\(\s*['"]?([^'")]+)/gi)].map((m) => m[1]));
  return out;
}

Deno.test("site builds every page of the navigation, the CSV downloads and the one stylesheet, from report.json", async () => {
  const { siteOut } = await buildFixtureSite();
  const files = [...Deno.readDirSync(siteOut)].map((e) => e.name).sort();
  assertEquals(files, [...PAGES.map((p) => p.file), ...DOWNLOADS.map((d) => d.file), "style.css"].sort());
  const pages = await readPages(siteOut);
  for (const [name, text] of pages) {
    assertMatch(text, /^<!doctype html>/, name);
    assertEquals(text.includes("<script"), false, `${name} must need no JavaScript`);
  }
});

Deno.test("every internal link and asset in _site resolves to a file", async () => {
  const { siteOut } = await buildFixtureSite();
  const pages = await readPages(siteOut);
  let checked = 0;
  for (const [name, text] of pages) {
    for (const url of urls(text)) {
      if (url.startsWith("#")) continue;
      const path = decodeURIComponent(url.split(/[?#]/)[0]);
      const stat = await Deno.stat(`${siteOut}/${path}`).catch(() => null);
      assertTrue(stat?.isFile, `${name} links to ${JSON.stringify(url)}, which is not a file in _site`);
      checked++;
    }
  }
  assertTrue(
    checked >= pages.size * PAGES.length,
    `expected navigation links on every page, checked ${checked}`,
  );
});

Deno.test("_site holds no absolute URL, so it works from file:// and under /<repo>/ on GitHub Pages", async () => {
  const { siteOut } = await buildFixtureSite();
  const texts = [...(await readPages(siteOut)).entries(), [
    "style.css",
    await Deno.readTextFile(`${siteOut}/style.css`),
  ]];
  for (const [name, text] of texts) {
    for (const url of urls(text)) {
      assertEquals(
        /^(?:[a-z][a-z0-9+.-]*:|\/)/i.test(url),
        false,
        `${name} has absolute URL ${JSON.stringify(url)}`,
      );
    }
    // Plot's SVG may name the SVG namespace; nothing else may point off-site.
    const offsite = text.replace(/xmlns(:\w+)?="http:\/\/www\.w3\.org\/[^"]*"/g, "").match(
      /(?:https?:)?\/\/[a-z0-9.-]+\.[a-z]{2,}/gi,
    );
    assertEquals(offsite, null, `${name} mentions ${offsite}`);
  }
});

Deno.test("a hostile movie title is shown as escaped text, never as markup", async () => {
  const { siteOut, report } = await buildFixtureSite();
  assertTrue(
    report.points.some((p) => p.title === HOSTILE_TITLE),
    "the fixture's hostile title must be a test movie",
  );
  const errors = await Deno.readTextFile(`${siteOut}/errors.html`);
  assertTrue(
    errors.includes("&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co"),
    "the escaped title is in the tables",
  );
  for (const [name, text] of await readPages(siteOut)) {
    assertEquals(text.includes("<script>alert(1)"), false, `${name} contains the raw title`);
  }
  // The overview's scatter carries the title in each dot's tooltip (<title>), escaped too.
  const index = await Deno.readTextFile(`${siteOut}/index.html`);
  assertTrue(index.includes("<title>&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co: actual"));
});

Deno.test("every chart is an SVG with an accessible name, a description and a caption", async () => {
  const { siteOut } = await buildFixtureSite();
  let charts = 0;
  for (const [name, text] of await readPages(siteOut)) {
    for (const fig of text.matchAll(/<figure class="chart">([\s\S]*?)<\/figure>/g)) {
      charts++;
      assertMatch(fig[1], /<figcaption><strong>[^<]+<\/strong> <span>[^<]+<\/span><\/figcaption>/, name);
      const svg = /<svg [^>]*>/.exec(fig[1])?.[0] ?? "";
      for (const attribute of [/ role="img"/, / aria-label="[^"]+"/, / aria-description="[^"]+"/]) {
        assertMatch(svg, attribute, name);
      }
      assertMatch(fig[1], /aria-label="x-axis label"/, `${name}: x axis label`);
      assertMatch(fig[1], /aria-label="y-axis label"/, `${name}: y axis label`);
    }
  }
  assertEquals(
    charts,
    12,
    "overview 2, errors 4, intervals 1, distributions 2, sampling 1, the seed's analysis 2",
  );
});

Deno.test("the site shows report values and does not need anything but report.json", async () => {
  const { out, siteOut, report } = await buildFixtureSite();
  const index = await Deno.readTextFile(`${siteOut}/index.html`);
  const rmse = report.predictors.find((p) => p.id === ENSEMBLE_ID)!.metrics.rmse.toFixed(3);
  assertTrue(
    index.includes(`<span class="value">${rmse}</span>`),
    "the ensemble's RMSE is the first headline figure",
  );
  const tests = await Deno.readTextFile(`${siteOut}/tests.html`);
  for (const t of report.tests) assertTrue(tests.includes(t.decision), t.id);
  // A site built from a copy of report.json alone is the same site.
  const alone = await Deno.makeTempDir();
  try {
    await Deno.mkdir(`${alone}/report`);
    await Deno.copyFile(`${out}/${PATHS.report}`, `${alone}/${PATHS.report}`);
    await site({ out: alone, siteOut: `${alone}/_site` });
    assertEquals(await Deno.readTextFile(`${alone}/_site/tests.html`), tests);
  } finally {
    await Deno.remove(alone, { recursive: true });
  }
});

Deno.test("site refuses a missing or malformed report with a message naming it", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await assertRejects(
      () => site({ out: dir, siteOut: `${dir}/_site` }),
      Deno.errors.NotFound,
      "deno task analyze",
    );
    await Deno.mkdir(`${dir}/report`);
    await Deno.writeTextFile(`${dir}/${PATHS.report}`, JSON.stringify({ schema: REPORT_SCHEMA_VERSION }));
    await assertRejects(() => site({ out: dir, siteOut: `${dir}/_site` }), TypeError, "report.createdAt");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("a report of a 2-movie test set builds every page, each showing the small-sample warning", async () => {
  const out = await Deno.makeTempDir({ prefix: "imdb-site-small-" });
  try {
    const fixture = await writeCollectFixture(out, { rows: 12, features: 3 });
    assertEquals(fixture.test.length, 2);
    await writePredictionFixture(out, fixture);
    const log = console.log, error = console.error;
    console.log = console.error = () => {};
    try {
      await analyze({ out, bootstrap: 50 });
      await site({ out, siteOut: `${out}/_site` });
    } finally {
      console.log = log;
      console.error = error;
    }
    for (const page of PAGES) {
      const text = await Deno.readTextFile(`${out}/_site/${page.file}`);
      assertTrue(text.includes("Only 2 test movies"), `${page.file} shows the warning`);
    }
  } finally {
    await Deno.remove(out, { recursive: true });
  }
});
