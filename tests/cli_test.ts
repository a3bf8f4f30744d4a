/**
 * The command line every stage shares (scripts/_cli.ts): help shows each flag once with its default, typos get
 * a suggestion, list values are read strictly, and hints keep the flags that locate the artifacts.
 */
import { assertEquals, assertMatch, assertRejects, assertTrue } from "./_assert.ts";
import {
  type CliSpec,
  helpText,
  parseCli,
  serveCommand,
  stageCommand,
  versionText,
} from "../scripts/_cli.ts";
import type { Config } from "../core/config.ts";
import { spec as collect } from "../scripts/collect.ts";
import { spec as train } from "../scripts/train.ts";
import { spec as pipeline } from "../scripts/pipeline.ts";
import { spec as predict } from "../scripts/predict.ts";
import { spec as analyze } from "../scripts/analyze.ts";
import { spec as site } from "../scripts/site.ts";
import { spec as serve } from "../scripts/serve.ts";
import { spec as bench } from "../scripts/bench.ts";

const SPECS = { collect, train, pipeline, predict, analyze, site, serve, bench } as unknown as Record<
  string,
  CliSpec<Config>
>;

Deno.test("every --help lists each flag once, with at most one default, and no default inside a description", () => {
  for (const [name, spec] of Object.entries(SPECS)) {
    const help = helpText(spec);
    for (const key of Object.keys(spec.flags)) {
      const flag = key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
      const rows = help.split("\n").filter((l) => new RegExp(`^  (-\\w, )?--(\\[no-\\])?${flag}\\b`).test(l));
      assertEquals(rows.length, 1, `${name} --${flag}`);
    }
    const flat = help.replace(/\n\s+/g, " ");
    assertTrue(!/\(default[:s]/i.test(flat), `${name}: a description says its own default`);
    for (const match of flat.matchAll(/^ {2}--\S+.*$/gm)) {
      assertTrue((match[0].match(/\[default:/g) ?? []).length <= 1, `${name}: ${match[0]}`);
    }
  }
});

Deno.test("help shows a flag that is on by default as --[no-]flag, described by what it does when on", () => {
  const help = helpText(collect);
  assertMatch(help, /^ {2}--\[no-\]dedupe\s+Drop repeated movies, keeping the first \[default: on\]$/m);
  assertTrue(!/^ {2}--no-dedupe/m.test(help), "no bare --no-dedupe row");
  assertMatch(helpText(bench), /--\[no-\]site\s+Build the site in each run too \[default: on\]/);
});

Deno.test("help placeholders are FILE, DIR, PATH (file or folder), N, NAME and lists of them, nothing else", () => {
  for (const [name, spec] of Object.entries(SPECS)) {
    for (const line of helpText(spec).split("\n")) {
      const value = /^ {2}(?:-\w, )?--[\w[\]-]+ (\S+)/.exec(line)?.[1];
      if (value) assertMatch(value, /^(FILE|DIR|PATH|N|NAME|N,N…|NAME,…)$/, `${name}: ${line}`);
    }
  }
});

Deno.test("train's help says the auto-encoder is optional and its example turns it on", () => {
  const help = helpText(train);
  assertMatch(help.replace(/\s+/g, " "), /with --autoencoder, on an auto-encoder's codes/);
  assertMatch(help, /deno task train --preset mlp --autoencoder/);
  assertTrue(!help.includes("--no-autoencoder --"), help);
});

Deno.test("a misspelt flag or value gets 'did you mean', and an unrelated one does not", async () => {
  await assertRejects(() => parseCli(["--dat", "x.csv"], collect), TypeError, "did you mean --data?");
  await assertRejects(() => parseCli(["--no-dedup"], collect), TypeError, "did you mean --no-dedupe?");
  await assertRejects(() => parseCli(["--backend", "wsam"], train), RangeError, "did you mean wasm?");
  const error = await assertRejects(
    () => parseCli(["--xyzzy"], collect),
    TypeError,
    "unknown option --xyzzy",
  );
  assertTrue(!error.message.includes("did you mean"), error.message);
});

Deno.test("a list flag with an empty item is an error, not a shorter list", async () => {
  await assertRejects(() => parseCli(["--hidden", "256,,12"], train), TypeError, "item 2 is empty");
  await assertRejects(() => parseCli(["--hidden", "256,"], train), TypeError, "item 2 is empty");
  const parsed = await parseCli(["--hidden", " 256, 12 "], train);
  assertEquals(parsed.help ? null : parsed.config.hidden, [256, 12]);
});

Deno.test("--version and -V print the project, Deno and tfjs versions", async () => {
  for (const flag of ["--version", "-V"]) {
    const parsed = await parseCli([flag], collect);
    assertTrue(parsed.help && parsed.text === versionText(), flag);
  }
  assertMatch(versionText(), /^imdb-predictor \d+\.\d+\.\d+ \(deno \d+\.\d+\.\d+, tfjs \d+\.\d+\.\d+\)$/);
});

Deno.test("hints name the command with --out when it is not the default, quoted for the shell", () => {
  assertEquals(stageCommand("collect", "artifacts"), "`deno task collect`");
  assertEquals(stageCommand("collect", "runs/a"), "`deno task collect --out runs/a`");
  assertEquals(
    stageCommand("train", "my runs", "--stages regress"),
    "`deno task train --out 'my runs' --stages regress`",
  );
  assertEquals(serveCommand("_site"), "`deno task serve --dir _site`");
});
