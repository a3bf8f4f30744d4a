import { assertAlmostEquals, assertEquals, assertTrue } from "../_assert.ts";
import type { Browser } from "../_chromium.ts";
import { buildFixtureSite } from "../site/_site_fixture.ts";
import type { MoviePrediction } from "../../core/predict/predict_movies.ts";
import type { MovieInput } from "../../core/predict/movie_input.ts";
import type { PredictorManifest } from "../../core/predict/predictor_manifest.ts";
import { join } from "../../scripts/_fs.ts";
import { int } from "../../site/_lib/format.ts";
import { run as predict } from "../../scripts/predict.ts";
import { TRAINED_KINDS, trainedSite, withServedSite } from "./_trained.ts";
import { EXTREME } from "./_extreme_movie.ts";

const MOVIE = new URL("../testdata/predict/movie.json", import.meta.url).pathname;

for (const kind of TRAINED_KINDS) {
  Deno.test(`the site copies the ensemble (${kind}), encoders, word vectors, tfjs and the page script into try/`, async () => {
    const { siteOut, tryPage } = await trainedSite(kind);
    assertTrue(tryPage.available, "models were found");
    const manifest = JSON.parse(
      await Deno.readTextFile(join(siteOut, "try/predictor.json")),
    ) as PredictorManifest;
    const input = kind === "autoencoder" ? "autoencoder" : "raw";
    assertEquals(manifest.members.map((m) => [m.k, m.model, m.input]), [
      [1, "train1/model.json", input],
      [2, "train2/model.json", input],
    ]);
    assertEquals(manifest.autoencoder, kind === "autoencoder" ? "autoencoder/model.json" : null);
    assertEquals(manifest.words, "words.txt");
    let sum = 0;
    for (const [file, bytes] of Object.entries(manifest.bytes.files)) {
      assertEquals((await Deno.stat(join(siteOut, file))).size, bytes, file);
      sum += bytes;
    }
    assertEquals(manifest.bytes.total, sum);
    const files = [
      "try/tf-core.es2017.min.js",
      "try/tf-layers.es2017.min.js",
      "try/try.js",
      "try/train2/weights.bin",
    ];
    for (const f of kind === "autoencoder" ? [...files, "try/autoencoder/weights.bin"] : files) {
      assertTrue(f in manifest.bytes.files, `${f} is counted`);
    }
    if (kind !== "autoencoder") {
      const model = JSON.parse(await Deno.readTextFile(join(siteOut, "try/train1/model.json")));
      assertEquals(model.format, "tabm");
    }
    const fields = tryPage.available ? tryPage.fields.map((f) => f.name) : [];
    assertTrue(fields.includes("numbers.budget"), "the form asks for the budget");
    assertEquals(
      fields.includes("numbers.votes"),
      kind !== "prerelease",
      "a prerelease form has no vote count",
    );
    const page = await Deno.readTextFile(join(siteOut, "try.html"));
    for (const src of page.matchAll(/\ssrc="([^"]+)"/g)) {
      assertTrue((await Deno.stat(join(siteOut, src[1]))).isFile, `${src[1]} exists`);
    }
    assertTrue(
      page.includes(`${int(Math.round(manifest.bytes.total / 1024))} KB in all`),
      "the page states its bytes",
    );
  });
}

Deno.test("without trained models the Try page says so and needs no script", async () => {
  const { siteOut } = await buildFixtureSite();
  const page = await Deno.readTextFile(join(siteOut, "try.html"));
  assertTrue(page.includes("No trained models were found"), "explains the missing models");
  assertEquals(page.includes("<script"), false);
  assertEquals(await Deno.stat(join(siteOut, "try")).then(() => true, () => false), false, "no try/ folder");
});

/** The form values that describe `movie` (lists comma-separated), by the page's field names. */
function formValues(movie: MovieInput, names: string[]): Record<string, string> {
  const values: Record<string, string> = {};
  for (const name of names) {
    const [head, key] = name.split(/\.(.*)/s);
    const v = head === "actors" && key !== undefined
      ? movie.actors?.[Number(key)]
      : head === "numbers"
      ? movie.numbers?.[key]
      : head === "categories"
      ? movie.categories?.[key]
      : (movie as Record<string, unknown>)[head];
    values[name] = v === null || v === undefined ? "" : Array.isArray(v) ? v.join(", ") : String(v);
  }
  return values;
}

/** Open the served Try page, wait for its models, fill the form with `movie`, submit, and return the result. */
async function tryMovie(
  browser: Browser,
  url: string,
  movie: MovieInput,
): Promise<{ page: MoviePrediction; shown: string; session: string; names: string[] }> {
  const session = await browser.open(url);
  await browser.waitFor(
    `["ready", "error"].includes(document.body.dataset.tryState)`,
    session,
    "the Try page did not load its models",
    30_000,
  );
  const status = () =>
    browser.cdp.evaluate<string>(`document.getElementById("try-status").textContent`, session);
  assertEquals(
    await browser.cdp.evaluate<string>("document.body.dataset.tryState", session),
    "ready",
    await status(),
  );
  const names = await browser.cdp.evaluate<string[]>(
    `[...document.querySelectorAll("#try-form [name]")].map((e) => e.name)`,
    session,
  );
  const values = formValues(movie, names);
  await browser.cdp.evaluate(
    `(() => {
      const values = ${JSON.stringify(values)};
      for (const [name, value] of Object.entries(values)) document.querySelector(\`[name="\${name}"]\`).value = value;
      document.getElementById("try-form").requestSubmit();
    })()`,
    session,
  );
  await browser.waitFor(
    `["done", "error"].includes(document.body.dataset.tryState)`,
    session,
    "the Try page did not predict",
  );
  const result = await browser.cdp.evaluate<string | undefined>(
    `document.getElementById("try-result").dataset.result`,
    session,
  );
  assertTrue(result, await status());
  const shown = await browser.cdp.evaluate<string>(
    `document.getElementById("try-result").textContent`,
    session,
  );
  return { page: JSON.parse(result) as MoviePrediction, shown, session, names };
}

for (const kind of TRAINED_KINDS) {
  Deno.test({
    name: `the Try page in headless Chromium predicts the same scores as deno task predict (${kind} members)`,
    sanitizeOps: false,
    sanitizeResources: false,
    fn: () =>
      withServedSite(async ({ url, browser, out }) => {
        const movie = JSON.parse(await Deno.readTextFile(MOVIE)) as MovieInput;
        const { page, shown, session, names } = await tryMovie(browser, `${url}try.html`, movie);
        const [cli] = (await predict({ out, movie: MOVIE }, { quiet: true })).predictions;
        assertEquals(page.members.map((m) => m.k), cli.members.map((m) => m.k));
        page.members.forEach((m, j) =>
          assertAlmostEquals(m.score, cli.members[j].score, 1e-4, `member ${m.k}`)
        );
        assertAlmostEquals(page.score, cli.score, 1e-4);
        assertAlmostEquals(page.spread, cli.spread, 1e-4);
        page.intervals.forEach((iv, j) => {
          assertEquals(iv.level, cli.intervals[j].level);
          assertAlmostEquals(iv.low, cli.intervals[j].low, 1e-4);
          assertAlmostEquals(iv.high, cli.intervals[j].high, 1e-4);
        });
        assertEquals(page.intervals.length, 2, "an 80% and a 95% interval");
        // The form has no field for what the model does not read; predict says it ignored such inputs.
        const ignored = (u: { handling: string }) => u.handling.startsWith("not an input of this model");
        assertEquals(
          page.unknown,
          cli.unknown.filter((u) => !ignored(u)),
          "the same inputs are reported unknown",
        );
        assertEquals(
          cli.unknown.filter(ignored).map((u) => u.field),
          kind === "prerelease" ? ["numbers.votes", "numbers.gross"] : [],
          "a prerelease model ignores the post-release inputs",
        );
        assertTrue(shown.includes(page.score.toFixed(2)), "the score is shown");
        assertTrue(
          shown.includes(`80% interval: ${page.intervals[0].low.toFixed(1)} to`),
          "the 80% interval is shown",
        );
        assertTrue(shown.includes("not how far the score may be off"), "the members' spread says what it is");
        assertEquals(/numbers\.|categories\./.test(shown), false, "no internal field key is shown");
        // A bad number: the previous result goes, the field is marked and says why.
        const budget = names.find((n) => n.startsWith("numbers."))!;
        await browser.cdp.evaluate(
          `(() => {
          document.querySelector('[name="${budget}"]').value = "lots";
          document.getElementById("try-form").requestSubmit();
        })()`,
          session,
        );
        await browser.waitFor(
          `document.body.dataset.tryState === "error"`,
          session,
          "the bad number was accepted",
        );
        const after = await browser.cdp.evaluate<
          { result: string; data: boolean; invalid: string | null; note: string }
        >(
          `(() => {
          const input = document.querySelector('[name="${budget}"]');
          return {
            result: document.getElementById("try-result").textContent,
            data: "result" in document.getElementById("try-result").dataset,
            invalid: input.getAttribute("aria-invalid"),
            note: document.getElementById(input.getAttribute("aria-describedby"))?.textContent ?? "",
          };
        })()`,
          session,
        );
        assertEquals(after.result, "", "the previous result is cleared");
        assertEquals(after.data, false);
        assertEquals(after.invalid, "true", "the field is marked");
        assertTrue(after.note.includes("is not a number"), after.note);
      }, kind),
  });
}

Deno.test({
  name: "the Try page flags inputs outside the training range, clamps the score, and takes object-key names",
  sanitizeOps: false,
  sanitizeResources: false,
  fn: () =>
    withServedSite(async ({ url, browser, out }) => {
      const movie: MovieInput = {
        ...EXTREME,
        director: "constructor",
        actors: ["__proto__", "toString"],
        keywords: ["toString", "constructor"],
      };
      const { page, shown } = await tryMovie(browser, `${url}try.html`, movie);
      const path = join(out, "extreme-keys.json");
      await Deno.writeTextFile(path, JSON.stringify(movie));
      const [cli] = (await predict({ out, movie: path }, { quiet: true })).predictions;
      assertEquals(page.outOfRange, cli.outOfRange);
      assertEquals(page.outOfRange.map((o) => o.field).sort(), [
        "numbers.duration",
        "numbers.votes",
        "numbers.year",
      ]);
      assertTrue(page.clamped !== null, "the score is clamped");
      assertAlmostEquals(page.score, cli.score, 1e-4);
      assertTrue(shown.includes("numbers.year 3000 is outside the training range"), shown);
      assertTrue(shown.includes("was clamped to the valid range"), shown);
      assertTrue(page.unknown.some((u) => u.field === "director" && u.value === "constructor"));
      // The MLP members extrapolate past the valid range (a tabm model keeps each score in the training range).
    }, "autoencoder"),
});
