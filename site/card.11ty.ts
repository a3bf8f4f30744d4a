/**
 * The data and model card: what the model is for, what it cannot do, the fields it reads, where the data came
 * from, what was dropped, how it was trained, and the versions and commit that made it.
 */
import type { Report } from "../core/report/report_schema.ts";
import { html } from "./_lib/html.ts";
import { layout } from "./_lib/layout.ts";
import { int, seconds } from "./_lib/format.ts";
import { keyValueTable } from "./_lib/tables.ts";

export const data = { permalink: "card.html" };

export function render({ report }: { report: Report }): string {
  const c = report.card;
  const totalDropped = c.dropped.reduce((s, d) => s + d.count, 0);
  return layout({
    file: "card.html",
    title: "Data and model card",
    report,
    body: html`
      <h2>Intended use</h2>
      <ul>${c.intendedUse.map((u) => html`<li>${u}</li>`)}</ul>
      <h2>Limitations</h2>
      <ul>${c.limitations.map((l) => html`<li>${l}</li>`)}</ul>
      <h2>Data dictionary</h2>
      ${c.dictionary.length
        ? html`
          <div class="scroll">
            <table class="wrap">
              <caption>The fields the model reads (${c.dictionary.length})</caption>
              <thead>
                <tr>
                  <th scope="col">Field</th>
                  <th scope="col">Source column</th>
                  <th scope="col">Meaning</th>
                  <th scope="col">Encoding</th>
                  <th scope="col">Known</th>
                </tr>
              </thead>
              <tbody>${c.dictionary.map((d) =>
                html`
                  <tr>
                    <th scope="row">${d.field}</th>
                    <td><code>${d.column}</code></td>
                    <td>${d.meaning}</td>
                    <td>${d.encoding}</td>
                    <td>${d.known}</td>
                  </tr>
                `
              )}</tbody>
            </table>
          </div>
        `
        : html`<p>collect's encoders were not found, so the fields cannot be listed.</p>`}
      <div class="scroll">
        <table class="wrap">
          <caption>Input features by group (${int(
            c.featureGroups.reduce((s, g) => s + g.features, 0),
          )} in all)</caption>
          <thead>
            <tr>
              <th scope="col">Group</th>
              <th scope="col">Features</th>
              <th scope="col">What they hold</th>
            </tr>
          </thead>
          <tbody>${c.featureGroups.map((g) =>
            html`
              <tr>
                <th scope="row">${g.group}</th>
                <td class="num">${int(g.features)}</td>
                <td>${g.meaning}</td>
              </tr>
            `
          )}</tbody>
        </table>
      </div>
      <h2>Data</h2>
      ${keyValueTable("Source", [
        ["File", report.source.file],
        ["SHA-256", html`<code>${report.source.sha256}</code>`],
        ["Records read", int(report.source.records)],
        ["Profile", report.source.profile],
        ["Column map", report.source.map ?? `the built-in ${report.source.profile} profile (no --map file)`],
        ["Credits file (joined)", report.source.credits ?? "none"],
        [
          "Release years",
          c.period ? `${c.period.from} to ${c.period.to} (median ${c.period.median})` : "not given",
        ],
        ...c.composition.map((x) => [x.name, x.value] as [string, string]),
        ["Collected at", c.collectedAt],
        ["Training movies", int(report.counts.training)],
        ["Test movies (held out)", int(report.counts.test)],
      ])}
      <div class="scroll">
        <table class="wrap">
          <caption>Rows dropped by reason (${int(totalDropped)} in all)</caption>
          <thead>
            <tr>
              <th scope="col">Reason</th>
              <th scope="col">Rows</th>
              <th scope="col">First source lines</th>
            </tr>
          </thead>
          <tbody>${c.dropped.length
            ? c.dropped.map((d) =>
              html`
                <tr>
                  <th scope="row">${d.reason}</th>
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
      <h2>Model</h2>
      ${keyValueTable("Training run", [
        ["Backend", c.backend],
        ["Adapter", c.adapter],
        ["Ensemble members", String(report.counts.members)],
        ["Ridge baseline", `λ = ${report.ridge.lambda} on ${report.ridge.features} standardised features`],
      ])}
      ${c.members.length
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
                    <td class="num">${m.bestValLoss}</td>
                    <td class="num">${seconds(m.seconds)}</td>
                  </tr>
                `
              )}</tbody>
            </table>
          </div>
        `
        : html`<p>No train summary was found, so member details are not available.</p>`}
      ${keyValueTable("Collect configuration", c.collectConfig.map((x) => [x.name, x.value]))}
      ${c.trainConfig.length
        ? keyValueTable("Train configuration", c.trainConfig.map((x) => [x.name, x.value]))
        : ""}
      <h2>Reproducibility</h2>
      ${keyValueTable("Code and versions", [
        ["Git commit", html`<code>${c.commit}</code>`],
        ...c.versions.map((v) => [v.name, v.value] as [string, string]),
      ])}
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
