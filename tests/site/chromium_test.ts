/**
 * The browser check: headless Chromium (or Google Chrome, see `scripts/_browser.ts`) opens the overview served under
 * a `/<repo>/` prefix, as GitHub Pages serves it, and the test asks the page through the DevTools protocol
 * whether its stylesheet applied and its charts laid out with their marks.
 */
import { assertEquals, assertTrue } from "../_assert.ts";
import { buildFixtureSite } from "./_site_fixture.ts";
import { browser as chromiumBrowser, Cdp, chromiumFlags, devtoolsUrl, launchChromium } from "../_chromium.ts";
import { PAGES } from "../../site/_lib/layout.ts";
import { serveSite } from "../../scripts/serve.ts";

Deno.test({
  name: "headless Chromium renders the overview's charts from a /<repo>/ path, with the stylesheet applied",
  ignore: chromiumBrowser.ignore,
  sanitizeOps: false,
  sanitizeResources: false,
  async fn() {
    const chromium = chromiumBrowser.get();
    const { siteOut, report } = await buildFixtureSite();
    const offPrefix: string[] = [];
    const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, async (request) => {
      const path = decodeURIComponent(new URL(request.url).pathname);
      if (!path.startsWith("/imdb-predictor/")) {
        // Chromium asks for /favicon.ico on its own, whatever the page says.
        if (path !== "/favicon.ico") offPrefix.push(path);
        return new Response("not found", { status: 404 });
      }
      const file = path.slice("/imdb-predictor/".length) || "index.html";
      if (file.includes("..")) return new Response("bad path", { status: 400 });
      try {
        const body = await Deno.readFile(`${siteOut}/${file}`);
        const type = file.endsWith(".css")
          ? "text/css"
          : file.endsWith(".html")
          ? "text/html; charset=utf-8"
          : "application/octet-stream";
        return new Response(body, { headers: { "content-type": type } });
      } catch {
        return new Response("not found", { status: 404 });
      }
    });
    const profile = await Deno.makeTempDir({ prefix: "imdb-chromium-" });
    const child = new Deno.Command(chromium, {
      args: [...chromiumFlags(profile), "--window-size=1200,1600", "about:blank"],
      stdout: "null",
      stderr: "piped",
    }).spawn();
    let cdp: Cdp | undefined;
    try {
      cdp = await Cdp.open(await devtoolsUrl(child.stderr));
      const url = `http://127.0.0.1:${server.addr.port}/imdb-predictor/`;
      const { targetId } = await cdp.send("Target.createTarget", { url });
      const { sessionId } = await cdp.send("Target.attachToTarget", { targetId, flatten: true });
      const deadline = Date.now() + 20_000;
      const loaded = `location.href === ${JSON.stringify(url)} && document.readyState === "complete"`;
      while (!(await cdp.evaluate<boolean>(loaded, sessionId))) {
        if (Date.now() > deadline) throw new Error("Chromium did not finish loading the overview in 20 s");
        await new Promise((r) => setTimeout(r, 100));
      }
      const page = await cdp.evaluate<{
        title: string;
        styled: boolean;
        figures: { label: string; width: number; height: number; circles: number; rects: number }[];
      }>(
        `JSON.parse(JSON.stringify({
          title: document.title,
          styled: getComputedStyle(document.querySelector("header.site")).borderBottomStyle === "solid",
          figures: [...document.querySelectorAll("figure.chart")].map((f) => {
            const svg = f.querySelector("svg");
            const box = svg.getBoundingClientRect();
            return { label: svg.getAttribute("aria-label"), width: box.width, height: box.height,
              circles: svg.querySelectorAll("circle").length, rects: svg.querySelectorAll("rect").length };
          }),
        }))`,
        sessionId,
      );
      assertTrue(page.title.startsWith("How well does the model predict"), page.title);
      assertTrue(page.styled, "style.css was loaded through its page-relative URL and applied");
      assertEquals(page.figures.map((f) => f.label), [
        "RMSE of every predictor on the test movies",
        "Averaged prediction vs actual score",
      ]);
      for (const f of page.figures) {
        assertTrue(f.width > 300 && f.height > 150, `${f.label}: laid out ${f.width}×${f.height}`);
      }
      assertEquals(page.figures[0].rects, report.predictors.length, "one bar per predictor");
      assertEquals(page.figures[1].circles, report.points.length, "one dot per test movie");
      assertEquals(offPrefix, [], "nothing was requested outside /imdb-predictor/");
      await cdp.send("Browser.close").catch(() => {});
    } finally {
      cdp?.socket.close();
      try {
        child.kill("SIGKILL");
      } catch { /* already gone */ }
      await child.status;
      await server.shutdown();
      await Deno.remove(profile, { recursive: true }).catch(() => {});
    }
  },
});

Deno.test({
  name:
    "at 390 px wide every page fits the phone: nothing overflows sideways but scrolling tables and charts, chart text stays legible",
  ignore: chromiumBrowser.ignore,
  sanitizeOps: false,
  sanitizeResources: false,
  async fn() {
    const { siteOut } = await buildFixtureSite();
    const server = serveSite(siteOut, { port: 0 });
    const browser = await launchChromium();
    try {
      for (const page of PAGES) {
        const { targetId } = await browser.cdp.send("Target.createTarget", { url: "about:blank" });
        const { sessionId } = await browser.cdp.send("Target.attachToTarget", { targetId, flatten: true });
        await browser.cdp.send(
          "Emulation.setDeviceMetricsOverride",
          { width: 390, height: 844, deviceScaleFactor: 1, mobile: true },
          sessionId,
        );
        const url = `http://127.0.0.1:${server.addr.port}/${page.file}`;
        await browser.cdp.send("Page.navigate", { url }, sessionId);
        await browser.waitFor(
          `location.href === ${JSON.stringify(url)} && document.readyState === "complete"`,
          sessionId,
          `${page.file} did not load`,
        );
        const layout = await browser.cdp.evaluate<{
          width: number;
          scrollWidth: number;
          overflowing: string[];
          smallText: string[];
          badgesOutside: number;
          charts: number;
        }>(
          `(() => {
            const width = window.innerWidth;
            const describe = (e) => e.tagName.toLowerCase() + (e.className && typeof e.className === "string" ? "." + e.className : "") + ": " + (e.textContent || "").trim().slice(0, 40);
            const overflowing = [];
            for (const e of document.body.querySelectorAll("*")) {
              const box = e.getBoundingClientRect();
              if (box.width === 0 || box.right <= width + 1) continue;
              const scroller = e.closest(".scroll, .plot");
              if (scroller && scroller !== e && scroller.getBoundingClientRect().right <= width + 1) continue;
              overflowing.push(describe(e));
            }
            const smallText = [];
            let charts = 0;
            for (const svg of document.querySelectorAll("figure.chart svg")) {
              charts++;
              const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
              for (const t of svg.querySelectorAll("text")) {
                const px = parseFloat(getComputedStyle(t).fontSize) * scale;
                if (px < 9) smallText.push(svg.getAttribute("aria-label") + ": " + px.toFixed(1) + " px");
              }
            }
            let badgesOutside = 0;
            for (const b of document.querySelectorAll(".badge")) {
              const cell = b.closest("td").getBoundingClientRect(), box = b.getBoundingClientRect();
              if (box.left < cell.left - 0.5 || box.right > cell.right + 0.5) badgesOutside++;
            }
            return { width, scrollWidth: document.documentElement.scrollWidth, overflowing: overflowing.slice(0, 5), smallText: [...new Set(smallText)].slice(0, 5), badgesOutside, charts };
          })()`,
          sessionId,
        );
        assertEquals(layout.width, 390, page.file);
        assertTrue(layout.scrollWidth <= 390, `${page.file} is ${layout.scrollWidth} px wide`);
        assertEquals(layout.overflowing, [], `${page.file}: elements past the right edge outside a scroller`);
        assertEquals(layout.smallText, [], `${page.file}: chart text below 9 px`);
        assertEquals(layout.badgesOutside, 0, `${page.file}: a badge overflows its cell`);
        await browser.cdp.send("Target.closeTarget", { targetId });
      }
    } finally {
      await browser.close();
      await server.shutdown();
    }
  },
});
