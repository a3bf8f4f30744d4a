/**
 * The data and model card: what the model is for, what it cannot do, the fields it reads, where the data came
 * from, what was dropped, how it was trained, and the versions and commit that made it.
 */
import type { Report } from "../core/report/report_schema.ts";
import { html } from "./_lib/html.ts";
import { layout } from "./_lib/layout.ts";
import { int, seconds } from "./_lib/format.ts";
import { gridTable, keyValueTable } from "./_lib/tables.ts";

export const data = { permalink: "card.html" };

export function render({ report }: { report: Report }): string {
  const c = report.card;
  const totalDropped = c.dropped.reduce((s, d) => s + d.count, 0);
  const features = c.featureGroups.reduce((s, g) => s + g.features, 0);
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
        ? gridTable(
          `The fields the model reads (${c.dictionary.length})`,
          [
            { label: "Field" },
            { label: "Source column" },
            { label: "Meaning" },
            { label: "Encoding" },
            { label: "Known" },
          ],
          c.dictionary.map((d) => [d.field, html`<code>${d.column}</code>`, d.meaning, d.encoding, d.known]),
          { wrap: true },
        )
        : html`<p>collect's encoders were not found, so the fields cannot be listed.</p>`}
      ${gridTable(
        `Input features by group (${int(features)} in all)`,
        [{ label: "Group" }, { label: "Features", num: true }, { label: "What they hold" }],
        c.featureGroups.map((g) => [g.group, int(g.features), g.meaning]),
        { wrap: true },
      )}
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
      ${gridTable(
        `Rows dropped by reason (${int(totalDropped)} in all)`,
        [{ label: "Reason" }, { label: "Rows", num: true }, { label: "First source lines" }],
        c.dropped.map((d) => [d.reason, int(d.count), d.lines.join(", ")]),
        { empty: "No rows were dropped." },
      )}
      <h2>Model</h2>
      ${keyValueTable("Training run", [
        ["Backend", c.backend],
        ["Adapter", c.adapter],
        ["Ensemble members", String(report.counts.members)],
        ["Ridge baseline", `λ = ${report.ridge.lambda} on ${report.ridge.features} standardised features`],
      ])}
      ${gridTable(
        "Ensemble members",
        [
          { label: "Member" },
          { label: "Epochs", num: true },
          { label: "Best epoch", num: true },
          { label: "Best validation loss", num: true },
          { label: "Time", num: true },
        ],
        c.members.map((m) => [m.k, m.epochs, m.bestEpoch, m.bestValLoss, seconds(m.seconds)]),
        { empty: "No train summary was found, so member details are not available." },
      )}
      ${keyValueTable("Collect configuration", c.collectConfig.map((x) => [x.name, x.value]))}
      ${c.trainConfig.length
        ? keyValueTable("Train configuration", c.trainConfig.map((x) => [x.name, x.value]))
        : ""}
      <h2>Reproducibility</h2>
      ${keyValueTable("Code and versions", [
        ["Git commit", html`<code>${c.commit}</code>`],
        ...c.versions.map((v) => [v.name, v.value] as [string, string]),
      ])}
      ${gridTable(
        "Timings",
        [{ label: "Step" }, { label: "Stage" }, { label: "Time", num: true }],
        c.timings.map((t) => [t.step, t.stage, seconds(t.seconds)]),
      )}
    `,
  });
}
