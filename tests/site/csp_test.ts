/**
 * The served site under `deno task serve`'s Content-Security-Policy (issue 11): every page loads in headless
 * Chromium without a single policy violation, stylesheet and charts included, and the Try page gets ready
 * (tests/predict/try_page_test.ts predicts with it through the same server).
 */
import { assertEquals } from "../_assert.ts";
import { withServedSite } from "../predict/_trained.ts";

/** Installed before any page script: collects the policy violations of the page. */
const COLLECT = "window.__csp = []; document.addEventListener('securitypolicyviolation', " +
  "(e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));";

Deno.test({
  name: "every page of the site loads under serve's Content-Security-Policy with no violation",
  sanitizeOps: false,
  sanitizeResources: false,
  fn: () =>
    withServedSite(async ({ url: root, browser, files }) => {
      const { cdp } = browser;
      const { targetId } = await cdp.send("Target.createTarget", { url: "about:blank" });
      const { sessionId } = await cdp.send("Target.attachToTarget", { targetId, flatten: true });
      await cdp.send("Page.enable", {}, sessionId);
      await cdp.send("Page.addScriptToEvaluateOnNewDocument", { source: COLLECT }, sessionId);
      const pages = files.filter((f) => f.endsWith(".html"));
      assertEquals(pages.includes("try.html") && pages.includes("index.html"), true, pages.join(", "));
      for (const page of pages) {
        const url = `${root}${page}`;
        await cdp.send("Page.navigate", { url }, sessionId);
        await browser.waitFor(
          `location.href === ${JSON.stringify(url)} && document.readyState === "complete"`,
          sessionId,
          `${page} did not load`,
        );
        if (page === "try.html") {
          await browser.waitFor(
            `["ready", "error"].includes(document.body.dataset.tryState)`,
            sessionId,
            "the Try page did not start",
            30_000,
          );
          assertEquals(await cdp.evaluate<string>("document.body.dataset.tryState", sessionId), "ready");
        }
        assertEquals(await cdp.evaluate<string[]>("window.__csp", sessionId), [], `violations on ${page}`);
        const styled = await cdp.evaluate<boolean>(
          "[...document.styleSheets].some((s) => s.href && s.href.endsWith('style.css') && s.cssRules.length > 0)",
          sessionId,
        );
        assertEquals(styled, true, `the stylesheet applies on ${page}`);
      }
    }),
});
