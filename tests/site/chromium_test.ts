/**
 * The browser check: headless Chromium (Debian's `chromium`, which CI installs) opens the overview served under
 * a `/<repo>/` prefix, as GitHub Pages serves it, and the test asks the page through the DevTools protocol
 * whether its stylesheet applied and its charts laid out with their marks.
 */
import { assertEquals, assertTrue } from "../_assert.ts";
import { buildFixtureSite } from "./_site_fixture.ts";
import { Cdp, chromiumFlags, devtoolsUrl, findChromium } from "../_chromium.ts";

Deno.test({
  name: "headless Chromium renders the overview's charts from a /<repo>/ path, with the stylesheet applied",
  sanitizeOps: false,
  sanitizeResources: false,
  async fn() {
    const chromium = await findChromium();
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
