/**
 * The "Try a movie" page's script, bundled by the site build into `try/try.js`. It loads `try/predictor.json`,
 * the encoders, word vectors and members (with `tf`, the global of `try/tf.min.js`), then on each submit turns
 * the form into a movie and predicts it with `predictMovies`, the same code as `deno task predict`.
 *
 * The result is shown as a table and kept, as JSON, in the `data-result` attribute of `#try-result`; the body's
 * `data-try-state` is `loading`, `ready`, `done` or `error`.
 *
 * @module
 */
import type * as tfjs from "@tensorflow/tfjs";
import type { Encoders } from "../../core/features/encoders.ts";
import { parseWord2Vec } from "../../core/features/word2vec_text.ts";
import { inputFields, movieInputFromForm } from "../../core/predict/input_fields.ts";
import { movieFromInput } from "../../core/predict/movie_input.ts";
import {
  type Ensemble,
  type MoviePrediction,
  predictMovies,
  type Tfjs,
} from "../../core/predict/predict_movies.ts";
import type { PredictorManifest } from "../../core/predict/predictor_manifest.ts";

type PageTf = Tfjs & Pick<typeof tfjs, "loadLayersModel" | "ready" | "getBackend">;

/** The little of the DOM used here (declared locally: the DOM library would clash with Deno's types). */
interface PageElement {
  textContent: string | null;
  className: string;
  dataset: Record<string, string | undefined>;
  append(...nodes: (PageElement | string)[]): void;
  replaceChildren(...nodes: PageElement[]): void;
  addEventListener(type: string, listener: (event: { preventDefault(): void }) => void): void;
  querySelectorAll(selector: string): Iterable<PageElement & { name: string; value: string }>;
  createTHead(): { insertRow(): PageElement };
  createTBody(): { insertRow(): PageElement };
  insertRow(): PageElement;
}
interface PageDocument {
  baseURI: string;
  body: PageElement;
  getElementById(id: string): PageElement | null;
  createElement(tag: string): PageElement;
}

const { tf, document } = globalThis as unknown as { tf: PageTf; document: PageDocument };
const base = new URL("try/", document.baseURI);
const $ = (id: string) => document.getElementById(id)!;

function setState(state: string, message: string): void {
  document.body.dataset.tryState = state;
  $("try-status").textContent = message;
}

async function fetchOk(path: string): Promise<Response> {
  const response = await fetch(new URL(path, base));
  if (!response.ok) throw new Error(`Cannot load ${path}: HTTP ${response.status}`);
  return response;
}

async function loadEnsemble(): Promise<Ensemble> {
  const manifest = await (await fetchOk("predictor.json")).json() as PredictorManifest;
  const encoders = await (await fetchOk(manifest.encoders)).json() as Encoders;
  const words = manifest.words
    ? parseWord2Vec(await (await fetchOk(manifest.words)).text(), manifest.words)
    : null;
  const autoencoder = manifest.autoencoder
    ? await tf.loadLayersModel(new URL(manifest.autoencoder, base).href)
    : null;
  const members = [];
  for (const m of manifest.members) {
    members.push({
      k: m.k,
      model: await tf.loadLayersModel(new URL(m.model, base).href),
      target: m.target,
      input: m.input,
    });
  }
  return { encoders, words, autoencoder, members };
}

function cell(tag: string, text: string): PageElement {
  const el = document.createElement(tag);
  el.textContent = text;
  return el;
}

function show(p: MoviePrediction): void {
  const out = $("try-result");
  out.replaceChildren();
  out.dataset.result = JSON.stringify(p);
  const headline = document.createElement("p");
  headline.className = "try-score";
  headline.append(
    cell("strong", p.score.toFixed(2)),
    ` predicted IMDb score (members disagree by ${p.spread.toFixed(2)} points, standard deviation; range ${
      p.min.toFixed(2)
    } to ${p.max.toFixed(2)})`,
  );
  const table = document.createElement("table");
  const head = table.createTHead().insertRow();
  head.append(cell("th", "Member"), cell("th", "Score"));
  const body = table.createTBody();
  for (const m of p.members) {
    const row = body.insertRow();
    row.append(cell("td", `train${m.k}`), cell("td", m.score.toFixed(3)));
  }
  out.append(headline, table);
  if (p.unknown.length > 0) {
    out.append(cell("h2", "Inputs the model did not know"));
    const list = document.createElement("ul");
    for (const u of p.unknown) {
      list.append(cell("li", `${u.field} ${u.value === null ? "(missing)" : `“${u.value}”`}: ${u.handling}`));
    }
    out.append(list);
  }
}

async function main(): Promise<void> {
  setState("loading", "Loading the models…");
  const started = performance.now();
  const ensemble = await loadEnsemble();
  await tf.ready();
  const ms = performance.now() - started;
  const fields = inputFields(ensemble.encoders);
  const form = $("try-form");
  setState(
    "ready",
    `Ready: ${ensemble.members.length} members loaded in ${
      ms.toFixed(0)
    } ms, on tfjs's ${tf.getBackend()} backend.`,
  );
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    try {
      const started = performance.now();
      const values: Record<string, string> = {};
      for (const input of form.querySelectorAll("[name]")) values[input.name] = input.value;
      const movie = movieFromInput(movieInputFromForm(values, fields), "from the form");
      const [prediction] = await predictMovies([movie], ensemble, tf);
      show(prediction);
      const ms = performance.now() - started;
      setState("done", `Predicted in ${ms.toFixed(0)} ms on tfjs's ${tf.getBackend()} backend.`);
    } catch (error) {
      setState("error", (error as Error).message);
    }
  });
}

main().catch((error) => setState("error", `Cannot start the Try page: ${(error as Error).message}`));
