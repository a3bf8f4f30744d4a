/**
 * The "Try a movie" page: a form of the inputs the model reads; the bundled `try/try.js` encodes it and predicts
 * with the copied ensemble in the browser. Without trained models the page says so and needs no script.
 */
import type { Report } from "../core/report/report_schema.ts";
import type { TryPageData } from "../core/predict/predictor_manifest.ts";
import type { InputField } from "../core/predict/input_fields.ts";
import { html } from "./_lib/html.ts";
import { layout } from "./_lib/layout.ts";
import { int } from "./_lib/format.ts";

export const data = { permalink: "try.html" };

function input(f: InputField, i: number) {
  const id = `try-field-${i}`;
  const list = f.options.length > 0 ? `${id}-options` : null;
  return html`
    <div class="field">
      <label for="${id}">${f.label}</label>
      <input id="${id}" name="${f.name}" type="text"${f.kind === "number"
        ? html`
          inputmode="decimal"
        `
        : ""}${list
        ? html`
          list="${list}"
        `
        : ""}${f.placeholder
        ? html`
          placeholder="${f.placeholder}"
        `
        : ""}>
      ${list
        ? html`<datalist id="${list}">${
          f.options.map((o) => html`<option value="${o}"></option>`)
        }</datalist>`
        : ""}
    </div>
  `;
}

export function render({ report, tryPage }: { report: Report; tryPage?: TryPageData }): string {
  const page = tryPage ?? { available: false as const, reason: "the site was built without model files" };
  if (!page.available) {
    return layout({
      file: "try.html",
      title: "Try a movie",
      intro: "Score a movie of your own with the trained ensemble, in your browser.",
      report,
      body: html`
        <p class="notice">No trained models were found when this site was built, so there is nothing to try here:
        ${page
          .reason}. Run <code>deno task collect</code> and <code>deno task train</code>, then rebuild the site
        with <code>deno task site</code>.</p>
      `,
    });
  }
  const kb = (n: number) => `${int(Math.round(n / 1024))} KB`;
  const sizes = Object.entries(page.bytes.files);
  return layout({
    file: "try.html",
    title: "Try a movie",
    intro:
      `Score a movie of your own: the ${page.members.length} ensemble members run in your browser with TensorFlow.js, and the score comes with its calibrated 80% and 95% prediction intervals. Empty fields are missing and get the training median (numbers) or the value "unknown"; names and categories are matched ignoring case.`,
    report,
    body: html`
      <form id="try-form" class="try">
        ${page.fields.map(input)}
        <p><button type="submit">Predict</button></p>
      </form>
      <p id="try-status" role="status">This page needs JavaScript and must be served over HTTP (browsers refuse
      to load model files from <code>file://</code>): run <code>deno task serve</code> and open the address it
      prints.</p>
      <output id="try-result" for="try-form"></output>
      <h2>What the page loads</h2>
      <p>The encoders fitted by collect (profile ${page.profile}), ${page.autoencoder
        ? "the auto-encoder, "
        : ""}the ${page.members.length} members' best checkpoints (tfjs layers format) and TensorFlow.js:
      ${kb(page.bytes.total)} in all (${kb(
        page.bytes.gzip,
      )} from a server that compresses with gzip), besides this page and its stylesheet.</p>
      <div class="scroll">
        <table class="kv">
          <caption>Files of the Try page</caption>
          <tbody>${sizes.map(([f, n]) =>
            html`
              <tr>
                <th scope="row"><code>${f}</code></th>
                <td class="num">${kb(n)}</td>
              </tr>
            `
          )}</tbody>
        </table>
      </div>
      <script src="try/tf-core.es2017.min.js"></script>
      <script src="try/tf-backend-cpu.es2017.min.js"></script>
      <script src="try/tf-layers.es2017.min.js"></script>
      <script type="module" src="try/try.js"></script>
    `,
  });
}
