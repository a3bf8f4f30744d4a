/**
 * The "Try a movie" page's files: the site build copies the trained ensemble (tfjs layers format), the saved
 * encoders and word vectors into `_site/try/`, with tfjs's browser builds ({@link TFJS_BROWSER_BUILDS}) and the
 * page's script bundled (`deno bundle --platform browser`) from `site/_try/try_page.ts`, which encodes and
 * predicts with the same module as `deno task predict`.
 *
 * @module
 */
import { fileURLToPath } from "node:url";
import type { Encoders } from "../core/features/encoders.ts";
import { inputFields } from "../core/predict/input_fields.ts";
import { memberRecord } from "../core/train/member_record.ts";
import type { PredictorManifest, TryPageData } from "../core/predict/predictor_manifest.ts";
import { findEnsemble, loadConformal } from "./_ensemble.ts";
import { exists, join, readJsonFile, writeJsonAtomic } from "./_fs.ts";

/** The folder under the site root holding the page's files. */
export const TRY_DIR = "try";

/** The page script's entry point. */
export const TRY_ENTRY = fileURLToPath(new URL("../site/_try/try_page.ts", import.meta.url));

/**
 * The tfjs browser builds the page loads, in this order, each adding to the global `tf`: tfjs-core, the cpu
 * backend, tfjs-layers (the parts `core/tfjs.ts` uses; no converter, data or WebGL). Their ES2017 builds hold
 * no `eval` or `Function(...)`, so they run under `deno task serve`'s Content-Security-Policy.
 */
export const TFJS_BROWSER_BUILDS = [
  { pkg: "@tensorflow/tfjs-core", file: "tf-core.es2017.min.js" },
  { pkg: "@tensorflow/tfjs-backend-cpu", file: "tf-backend-cpu.es2017.min.js" },
  { pkg: "@tensorflow/tfjs-layers", file: "tf-layers.es2017.min.js" },
] as const;

/** The installed path of a browser build of {@link TFJS_BROWSER_BUILDS} (beside the package's main file). */
export function tfjsBrowserBuild(build: typeof TFJS_BROWSER_BUILDS[number]): string {
  return fileURLToPath(new URL(`./${build.file}`, import.meta.resolve(build.pkg)));
}

/** Bundle `entry` for the browser into `outFile` with `deno bundle` (minified, ES module). */
export async function bundleForBrowser(entry: string, outFile: string): Promise<void> {
  const { code, stderr } = await new Deno.Command(Deno.execPath(), {
    args: ["bundle", "--quiet", "--platform", "browser", "--format", "esm", "--minify", "-o", outFile, entry],
    stdout: "null",
    stderr: "piped",
  }).output();
  if (code !== 0) {
    throw new Error(`Cannot bundle ${entry} for the browser: ${new TextDecoder().decode(stderr).trim()}`);
  }
}

async function copyModel(fromDir: string, toDir: string): Promise<void> {
  await Deno.mkdir(toDir, { recursive: true });
  const model = await readJsonFile<{ weightsManifest: { paths: string[] }[] }>(
    join(fromDir, "model.json"),
    "model",
  );
  await Deno.copyFile(join(fromDir, "model.json"), join(toDir, "model.json"));
  for (const path of model.weightsManifest.flatMap((g) => g.paths)) {
    await Deno.copyFile(join(fromDir, path), join(toDir, path));
  }
}

/** Bytes of `data` compressed with gzip (what a server that compresses, like GitHub Pages, sends). */
export async function gzipSize(data: Uint8Array): Promise<number> {
  const stream = new Blob([data as Uint8Array<ArrayBuffer>]).stream().pipeThrough(
    new CompressionStream("gzip"),
  );
  return (await new Response(stream).arrayBuffer()).byteLength;
}

async function sizes(root: string, paths: string[]): Promise<PredictorManifest["bytes"]> {
  const files: Record<string, number> = {};
  let gzip = 0;
  for (const p of paths) {
    const data = await Deno.readFile(join(root, p));
    files[p] = data.length;
    gzip += await gzipSize(data);
  }
  return { files, total: Object.values(files).reduce((a, b) => a + b, 0), gzip };
}

/**
 * Write the page's files under `siteDir/try/` from the artifacts in `out`, and say what the template should
 * show. Without trained models (or collect's encoders), nothing is written and the page explains why.
 */
export async function writeTryAssets(out: string, siteDir: string): Promise<TryPageData> {
  let files;
  try {
    files = await findEnsemble(out);
  } catch (error) {
    // No trained ensemble, or one that does not fit the current data: the page says why instead.
    if (error instanceof Error && error.message.startsWith("Cannot")) {
      return { available: false, reason: error.message };
    }
    throw error;
  }
  const dir = join(siteDir, TRY_DIR);
  await Deno.mkdir(dir, { recursive: true });
  const encoders = await readJsonFile<Encoders>(files.encoders, "encoders");
  // Written without indentation: the page fetches it, nobody reads it.
  await Deno.writeTextFile(join(dir, "encoders.json"), JSON.stringify(encoders));
  if (files.words) await Deno.copyFile(files.words, join(dir, "words.txt"));
  if (files.autoencoder) await copyModel(files.autoencoder, join(dir, "autoencoder"));
  for (const m of files.members) await copyModel(m.dir, join(dir, `train${m.k}`));
  for (const build of TFJS_BROWSER_BUILDS) {
    const path = tfjsBrowserBuild(build);
    if (!(await exists(path))) {
      throw new Deno.errors.NotFound(`Cannot build the Try page: ${path} is missing (run \`deno install\`)`);
    }
    await Deno.copyFile(path, join(dir, build.file));
  }
  await bundleForBrowser(TRY_ENTRY, join(dir, "try.js"));
  const loaded: string[] = [];
  for await (const path of walk(dir)) loaded.push(`${TRY_DIR}/${path}`);
  loaded.sort();
  const manifest: PredictorManifest = {
    schema: 1,
    encoders: "encoders.json",
    words: files.words ? "words.txt" : null,
    autoencoder: files.autoencoder ? "autoencoder/model.json" : null,
    members: files.members.map((m) => ({ ...memberRecord(m), model: `train${m.k}/model.json` })),
    conformal: await loadConformal(files.conformal),
    bytes: await sizes(siteDir, loaded),
  };
  // The manifest counts its own bytes: rewrite it until that figure is stable (twice at most in practice).
  const self = `${TRY_DIR}/predictor.json`;
  for (let i = 0; i < 5; i++) {
    await writeJsonAtomic(join(dir, "predictor.json"), manifest);
    const bytes = await sizes(siteDir, [...loaded, self].sort());
    if (JSON.stringify(bytes) === JSON.stringify(manifest.bytes)) break;
    manifest.bytes = bytes;
  }
  return {
    available: true,
    fields: inputFields(encoders),
    members: files.members.map((m) => m.k),
    autoencoder: files.autoencoder !== null,
    profile: encoders.profile,
    bytes: manifest.bytes,
  };
}

async function* walk(root: string, prefix = ""): AsyncGenerator<string> {
  for await (const entry of Deno.readDir(join(root, prefix))) {
    const path = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory) yield* walk(root, path);
    else if (entry.isFile) yield path;
  }
}
