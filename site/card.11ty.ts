/** The data and model card: where the data came from, what was dropped, the features, config and versions. */
import type { Report } from "../core/report/report_schema.ts";
import { html } from "./_lib/html.ts";
import { layout } from "./_lib/layout.ts";
import { int, num, seconds } from "./_lib/format.ts";

export const data = { permalink: "card.html" };

function keyValues(caption: string, entries: [string, unknown][]) {
  return html`
    <div class="scroll">
      <table class="kv">
        <caption>${caption}</caption>
        <tbody>${entries.map(([k, v]) =>
          html`
            <tr>
              <th scope="row">${k}</th>
              <td>${v !== null && typeof v === "object"
                ? html`<code>${JSON.stringify(v)}</code>`
                : String(v)}</td>
            </tr>
          `
        )}</tbody>
      </table>
    </div>
  `;
}

export function render({ report }: { report: Report }): string {
  const c = report.card;
  const dropped = Object.entries(c.dropped);
  const totalDropped = dropped.reduce((s, [, d]) => s + d.count, 0);
  return layout({
    file: "card.html",
    title: "Data and model card",
    report,
    body: html`
      <h2>Data</h2>
      ${keyValues("Source", [
        ["File", report.source.path],
        ["SHA-256", report.source.sha256],
        ["Records read", int(report.source.records)],
        ["Profile", report.source.profile],
        [
          "Column map",
          report.source.map ?? `the built-in ${report.source.profile} profile (no --map file)`,
        ],
        ["Credits file (joined)", report.source.credits ?? "none"],
        ["Collected at", c.collectedAt],
        ["Training movies", int(report.counts.training)],
        ["Test movies (held out)", int(report.counts.test)],
      ])}
      <div class="scroll">
        <table>
          <caption>Rows dropped by reason (${int(totalDropped)} in all)</caption>
          <thead>
            <tr>
              <th scope="col">Reason</th>
              <th scope="col">Rows</th>
              <th scope="col">First source lines</th>
            </tr>
          </thead>
          <tbody>${dropped.length
            ? dropped.map(([reason, d]) =>
              html`
                <tr>
                  <th scope="row">${reason}</th>
                  <td class="num">${int(d.count)}</td>
                  <td>${d.lines.join(", ")}</td>
                </tr>
              `
            )
            : html`
              <tr>
                <td colspan="3">No rows were dropped.</td>
              </tr>
            `}</tbody>
        </table>
      </div>
      <div class="scroll">
        <table>
          <caption>Input features by group (${int(c.featureCount)} in all)</caption>
          <thead>
            <tr>
              <th scope="col">Group</th>
              <th scope="col">Features</th>
            </tr>
          </thead>
          <tbody>${Object.entries(c.featureGroups).map(([g, n]) =>
            html`
              <tr>
                <th scope="row">${g}</th>
                <td class="num">${int(n)}</td>
              </tr>
            `
          )}</tbody>
        </table>
      </div>
      <h2>Model</h2>
      ${keyValues("Training run", [
        ["Backend", c.backend ?? "unknown (no train summary)"],
        ["Adapter", c.adapter ?? "—"],
        ["Ensemble members", String(report.counts.members)],
        ["Ridge baseline", `λ = ${report.ridge.lambda} on ${report.ridge.features} standardised features`],
      ])}
      ${c.members
        ? html`
          <div class="scroll">
            <table>
              <caption>Ensemble members</caption>
              <thead>
                <tr>
                  <th scope="col">Member</th>
                  <th scope="col">Epochs</th>
                  <th scope="col">Best epoch</th>
                  <th scope="col">Best validation loss</th>
                  <th scope="col">Time</th>
                </tr>
              </thead>
              <tbody>${c.members.map((m) =>
                html`
                  <tr>
                    <th scope="row">${m.k}</th>
                    <td class="num">${m.epochs}</td>
                    <td class="num">${m.bestEpoch}</td>
                    <td class="num">${num(m.bestValLoss, 4)}</td>
                    <td class="num">${seconds(m.seconds)}</td>
                  </tr>
                `
              )}</tbody>
            </table>
          </div>
        `
        : html`<p>No train summary was found, so member details are not available.</p>`}
      ${keyValues("Collect configuration", Object.entries(c.collectConfig))}
      ${c.trainConfig ? keyValues("Train configuration", Object.entries(c.trainConfig)) : ""}
      <h2>Reproducibility</h2>
      ${keyValues("Versions", Object.entries(c.versions))}
      <div class="scroll">
        <table>
          <caption>Timings</caption>
          <thead>
            <tr>
              <th scope="col">Stage</th>
              <th scope="col">Step</th>
              <th scope="col">Time</th>
            </tr>
          </thead>
          <tbody>${c.timings.map((t) =>
            html`
              <tr>
                <td>${t.stage}</td>
                <th scope="row">${t.step}</th>
                <td class="num">${seconds(t.seconds)}</td>
              </tr>
            `
          )}</tbody>
        </table>
      </div>
    `,
  });
}
