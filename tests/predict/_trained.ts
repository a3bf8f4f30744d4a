/**
 * A really trained ensemble for the predict tests: a synthetic IMDB 5000-shaped CSV, collect (2 bags) and
 * train with tiny settings (auto-encoder on, 1 epoch; members 2 epochs) into a temp folder, then analyze and
 * the site. Built once per process; about 5 s.
 *
 * @module
 */
import { imdbCsv } from "../collect/_movies_csv.ts";
import { defaults as collectDefaults, run as collect } from "../../scripts/collect.ts";
import { run as train } from "../../scripts/train.ts";
import { run as analyze } from "../../scripts/analyze.ts";
import { run as site, type SiteResult } from "../../scripts/site.ts";
import { join } from "../../scripts/_fs.ts";
import { quietly } from "../_console.ts";
import { type Browser, launchChromium } from "../_chromium.ts";
import { serveSite } from "../../scripts/serve.ts";

/** Where the trained fixture is. */
export interface Trained {
  out: string;
  /** The source table collect read (also a valid `--data` for predict). */
  csv: string;
}

const trained = new Map<boolean, Promise<Trained>>();
let built: Promise<SiteResult & Trained> | undefined;

/**
 * Collect and train on 160 synthetic movies, the members reading the auto-encoder's codes (`autoencoder`, the
 * default here) or the raw vectors. Memoised per kind.
 */
export function trainedFixture(autoencoder = true): Promise<Trained> {
  if (!trained.has(autoencoder)) trained.set(autoencoder, train160(autoencoder));
  return trained.get(autoencoder)!;
}

function train160(autoencoder: boolean): Promise<Trained> {
  return (async () => {
    const out = await Deno.makeTempDir({ prefix: "imdb-predict-test-" });
    globalThis.addEventListener("unload", () => Deno.removeSync(out, { recursive: true }));
    const csv = join(out, "movies.csv");
    await Deno.writeTextFile(csv, imdbCsv({ rows: 160, seed: 7 }));
    await quietly(() => collect({ ...collectDefaults, data: csv, out, k: 2 }));
    await train({
      out,
      backend: "wasm",
      autoencoder,
      aeDims: 8,
      aeEpochs: 1,
      hidden: [16, 8],
      epochs: 2,
      batchSize: 32,
      patience: 0,
      keepCheckpoints: 1,
    }, { quiet: true });
    return { out, csv };
  })();
}

/** The trained fixture with its report and site (`out/_site`). Memoised. */
export function trainedSite(): Promise<SiteResult & Trained> {
  built ??= (async () => {
    const fixture = await trainedFixture();
    await quietly(() => analyze({ out: fixture.out, bootstrap: 100 }));
    const result = await quietly(() => site({ out: fixture.out, siteOut: join(fixture.out, "_site") }));
    return { ...result, ...fixture };
  })();
  return built;
}

/** The trained site served on 127.0.0.1 and a headless Chromium to look at it. */
export interface ServedSite {
  /** `http://127.0.0.1:PORT/`. */
  url: string;
  browser: Browser;
  /** The artifacts folder and the site's files. */
  out: string;
  files: string[];
}

/** Run `fn` with {@link trainedSite} served by `deno task serve`'s server and a Chromium; both stop after. */
export async function withServedSite<T>(fn: (served: ServedSite) => Promise<T>): Promise<T> {
  const { siteOut, out, files } = await trainedSite();
  const server = serveSite(siteOut, { port: 0 });
  try {
    const browser = await launchChromium();
    try {
      return await fn({ url: `http://127.0.0.1:${server.addr.port}/`, browser, out, files });
    } finally {
      await browser.close();
    }
  } finally {
    await server.shutdown();
  }
}
