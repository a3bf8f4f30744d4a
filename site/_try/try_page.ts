/**
 * The "Try a movie" page's script, bundled by the site build into `try/try.js`. It loads `try/predictor.json`,
 * the encoders, word vectors and members (with `tf`, the global that tfjs-core's, the cpu backend's and
 * tfjs-layers' browser builds fill, see `scripts/_try_assets.ts`), then on each submit turns
 * the form into a movie and predicts it with `predictMovies`, the same code as `deno task predict`.
 *
 * The result leads with the score and its calibrated 80% and 95% prediction intervals; the members' spread
 * follows, labelled for what it is. It is kept, as JSON, in the `data-result` attribute of `#try-result`; the
 * body's `data-try-state` is `loading`, `ready`, `done` or `error`. An error clears the previous result and
 * marks the field it came from (`aria-invalid`, with the message beside it).
 *
 * @module
 */
import type * as tfjs from "../../core/tfjs.ts";
import { decodeTabm, isTabmJson, type TabmFilesTf, type TabmModel } from "../../core/models/tabm_files.ts";
import type { Encoders } from "../../core/features/encoders.ts";
import { parseWord2Vec } from "../../core/features/word2vec_text.ts";
import {
  describeUnknown,
  FormFieldError,
  type InputField,
  inputFields,
  movieInputFromForm,
} from "../../core/predict/input_fields.ts";
import { movieFromInput } from "../../core/predict/movie_input.ts";
import { describeClamp, describeOutOfRange } from "../../core/predict/out_of_range.ts";
import {
  type Ensemble,
  type MoviePrediction,
  predictMovies,
  type Tfjs,
} from "../../core/predict/predict_movies.ts";
import type { PredictorManifest } from "../../core/predict/predictor_manifest.ts";
import { checkMemberRecord } from "../../core/train/member_record.ts";

type PageTf = Tfjs & Pick<typeof tfjs, "loadLayersModel" | "ready" | "getBackend"> & TabmFilesTf;

/** The little of the DOM used here (declared locally: the DOM library would clash with Deno's types). */
interface PageElement {
  textContent: string | null;
  className: string;
  id: string;
  dataset: Record<string, string | undefined>;
  setAttribute(name: string, value: string): void;
  removeAttribute(name: string): void;
  remove(): void;
  after(...nodes: PageElement[]): void;
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

/** A member's model: a tabular model (decoded as `deno task predict` does) or a tfjs layers model. */
async function loadMemberModel(path: string): Promise<tfjs.LayersModel | TabmModel> {
  const json = await (await fetchOk(path)).json();
  if (!isTabmJson(json)) return await tf.loadLayersModel(new URL(path, base).href);
  const weights = new URL(json.weightsManifest[0].paths[0], new URL(path, base)).href;
  return decodeTabm(tf, json, await (await fetchOk(weights)).arrayBuffer());
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
    const record = checkMemberRecord(m, `predictor.json, member ${m.k}`);
    members.push({ ...record, model: await loadMemberModel(m.model) });
  }
  return { encoders, words, autoencoder, members, conformal: manifest.conformal ?? null };
}

function cell(tag: string, text: string): PageElement {
  const el = document.createElement(tag);
  el.textContent = text;
  return el;
}

function show(p: MoviePrediction, fields: readonly InputField[]): void {
  const out = $("try-result");
  out.replaceChildren();
  out.dataset.result = JSON.stringify(p);
  const headline = document.createElement("p");
  headline.className = "try-score";
  headline.append(cell("strong", p.score.toFixed(2)), " predicted IMDb score");
  if (p.clamped) headline.append(cell("span", ` — clamped: ${describeClamp(p.clamped)}.`));
  out.append(headline);
  if (p.outOfRange.length > 0) {
    out.append(cell("h2", "Inputs outside the training range (the model extrapolates)"));
    const list = document.createElement("ul");
    for (const o of p.outOfRange) list.append(cell("li", describeOutOfRange(o)));
    out.append(list);
  }
  if (p.intervals.length > 0) {
    const intervals = document.createElement("p");
    intervals.className = "try-intervals";
    intervals.append(
      p.intervals.map((i) =>
        `${Math.round(i.level * 100)}% interval: ${i.low.toFixed(1)} to ${i.high.toFixed(1)}`
      )
        .join(" · "),
    );
    const note = document.createElement("p");
    note.className = "try-note";
    note.append(
      `On held-out movies like the training ones, ${
        p.intervals.map((i) => `${Math.round(i.level * 100)}%`).join(" and ")
      } of actual scores fell inside intervals made this way (see the Prediction intervals page); they are ` +
        "wider in truth for low-rated movies and for inputs unlike the training data.",
    );
    out.append(intervals, note);
  } else {
    out.append(
      cell("p", "No prediction interval: this model was trained without a calibration (conformal.json)."),
    );
  }
  out.append(cell("h2", "The members"));
  out.append(
    cell(
      "p",
      `The ${p.members.length} members' scores differ by ${
        p.spread.toFixed(2)
      } points (standard deviation; range ${p.min.toFixed(2)} to ${
        p.max.toFixed(2)
      }). That is how much the members disagree, not how far the score may be off: they learned from overlapping data and err alike.`,
    ),
  );
  const table = document.createElement("table");
  const head = table.createTHead().insertRow();
  head.append(cell("th", "Member"), cell("th", "Score"));
  const body = table.createTBody();
  for (const m of p.members) {
    const row = body.insertRow();
    row.append(cell("td", `${m.k}`), cell("td", m.score.toFixed(3)));
  }
  out.append(table);
  if (p.unknown.length > 0) {
    out.append(cell("h2", "Inputs the model did not know"));
    const list = document.createElement("ul");
    for (const u of p.unknown) list.append(cell("li", describeUnknown(u, fields)));
    out.append(list);
  }
}

/** Clear every field's error mark. */
function clearMarks(form: PageElement): void {
  for (const input of form.querySelectorAll("[aria-invalid]")) input.removeAttribute("aria-invalid");
  for (const note of form.querySelectorAll(".field-error")) note.remove();
}

/** Mark the field `name` as the source of `message`. */
function markField(form: PageElement, name: string, message: string): void {
  for (const input of form.querySelectorAll("[name]")) {
    if (input.name !== name) continue;
    input.setAttribute("aria-invalid", "true");
    const note = cell("span", message);
    note.className = "field-error";
    note.id = `${input.id}-error`;
    input.setAttribute("aria-describedby", note.id);
    input.after(note);
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
    clearMarks(form);
    try {
      const started = performance.now();
      const values: Record<string, string> = {};
      for (const input of form.querySelectorAll("[name]")) values[input.name] = input.value;
      const movie = movieFromInput(movieInputFromForm(values, fields), "from the form");
      const [prediction] = await predictMovies([movie], ensemble, tf);
      show(prediction, fields);
      const ms = performance.now() - started;
      setState("done", `Predicted in ${ms.toFixed(0)} ms on tfjs's ${tf.getBackend()} backend.`);
    } catch (error) {
      // A stale result must never stand next to an error message.
      const out = $("try-result");
      out.replaceChildren();
      delete out.dataset.result;
      if (error instanceof FormFieldError) markField(form, error.field, error.message);
      setState("error", (error as Error).message);
    }
  });
}

main().catch((error) => setState("error", `Cannot start the Try page: ${(error as Error).message}`));
