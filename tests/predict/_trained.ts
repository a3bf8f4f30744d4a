/**
 * A really trained ensemble for the predict tests: a synthetic IMDB 5000-shaped CSV, collect (2 bags) and
 * train with tiny settings (the default tabm model, on the default or the prerelease features, or the mlp
 * preset's MLPs reading auto-encoder codes) into a temp folder, then analyze and the site. Built once per
 * process and kind; a few seconds each.
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

/**
 * What the members are: `tabm` (the default preset's model), `prerelease` (the same on `--features
 * prerelease`) or `autoencoder` (the mlp preset's MLPs reading the auto-encoder's codes).
 */
export type TrainedKind = "tabm" | "prerelease" | "autoencoder";

/** The kinds, for tests that run on each. */
export const TRAINED_KINDS: readonly TrainedKind[] = ["tabm", "prerelease", "autoencoder"];

const trained = new Map<TrainedKind, Promise<Trained>>();
const built = new Map<TrainedKind, Promise<SiteResult & Trained>>();

/** Collect and train on 160 synthetic movies, members of `kind`. Memoised per kind. */
export function trainedFixture(kind: TrainedKind = "tabm"): Promise<Trained> {
  if (!trained.has(kind)) trained.set(kind, train160(kind));
  return trained.get(kind)!;
}

function train160(kind: TrainedKind): Promise<Trained> {
  return (async () => {
    const out = await Deno.makeTempDir({ prefix: "imdb-predict-test-" });
    globalThis.addEventListener("unload", () => Deno.removeSync(out, { recursive: true }));
    const csv = join(out, "movies.csv");
    await Deno.writeTextFile(csv, imdbCsv({ rows: 160, seed: 7 }));
    const features = kind === "prerelease" ? "prerelease" : "default";
    await quietly(() => collect({ ...collectDefaults, data: csv, out, k: 2, features }));
    const small = { out, backend: "wasm", hidden: [16, 8], batchSize: 32, patience: 0, keepCheckpoints: 1 };
    await train(
      kind === "autoencoder"
        ? { ...small, preset: "mlp", autoencoder: true, aeDims: 8, aeEpochs: 1, epochs: 2 }
        : { ...small, members: 3, bins: 4, epochs: 3 },
      { quiet: true },
    );
    return { out, csv };
  })();
}

/** The trained fixture of `kind` with its report and site (`out/_site`). Memoised per kind. */
export function trainedSite(kind: TrainedKind = "tabm"): Promise<SiteResult & Trained> {
  if (!built.has(kind)) {
    built.set(
      kind,
      (async () => {
        const fixture = await trainedFixture(kind);
        await quietly(() => analyze({ out: fixture.out, bootstrap: 100 }));
        const result = await quietly(() => site({ out: fixture.out, siteOut: join(fixture.out, "_site") }));
        return { ...result, ...fixture };
      })(),
    );
  }
  return built.get(kind)!;
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

/**
 * Run `fn` with {@link trainedSite} (of `kind`) served by `deno task serve`'s server and a Chromium; both stop
 * after.
 */
export async function withServedSite<T>(
  fn: (served: ServedSite) => Promise<T>,
  kind: TrainedKind = "tabm",
): Promise<T> {
  const { siteOut, out, files } = await trainedSite(kind);
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
