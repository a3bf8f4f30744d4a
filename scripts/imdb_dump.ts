/**
 * `deno task imdb-dump`: write a synthetic IMDb non-commercial dataset dump (`core/imdb/synthetic_dump.ts`),
 * the five `<name>.tsv.gz` files, full size by default (11M titles, about 90M principals rows) or `--titles N`
 * for a smaller one. Each file is streamed through gzip into a temp file and renamed into place when complete,
 * so a failure never leaves a half-written dump file.
 *
 * @module
 */
import {
  DUMP_FILES,
  type DumpFile,
  type DumpTable,
  SYNTHETIC_DUMP_DEFAULTS,
  syntheticDump,
} from "../core/imdb/synthetic_dump.ts";
import { cli, type CliSpec } from "./_cli.ts";
import { fsw, join, TEMP_MARK } from "./_fs.ts";
import { type Progress, startProgress } from "./_progress.ts";

/** The options of imdb-dump. */
export const defaults = {
  /** Folder the five files go to (made if missing). */
  out: "data/imdb-synthetic",
  titles: SYNTHETIC_DUMP_DEFAULTS.titles,
  seed: SYNTHETIC_DUMP_DEFAULTS.seed,
  /** Write plain `.tsv` instead of `.tsv.gz`. */
  plain: false,
};

/** The resolved configuration. */
export type ImdbDumpConfig = typeof defaults;

/** The command line of imdb-dump. */
export const spec: CliSpec<ImdbDumpConfig> = {
  name: "imdb-dump",
  summary: "Write a synthetic IMDb non-commercial dataset dump: title.basics, title.ratings, title.crew, " +
    "title.principals and name.basics as OUT/<name>.tsv.gz, in IMDb's exact format and with its quirks.",
  defaults,
  flags: {
    out: { description: "Output folder", value: "DIR" },
    titles: { description: "Rows of title.basics (the full dump has 11M; the other tables scale with it)" },
    seed: { description: "Seed of every row (the same seed writes the same bytes)" },
    plain: { description: "Write uncompressed .tsv files instead of .tsv.gz" },
  },
  epilog: "Example: deno task imdb-dump --titles 100000 --out data/imdb-small",
};

/** What was written for one table. */
export interface DumpFileResult {
  name: DumpFile;
  path: string;
  /** Data rows (the header not counted). */
  rows: number;
  /** Bytes on disk (compressed unless `plain`). */
  bytes: number;
  /** Bytes of text before compression. */
  textBytes: number;
  seconds: number;
}

/** What {@link run} wrote. */
export interface ImdbDumpResult {
  out: string;
  files: DumpFileResult[];
  seconds: number;
}

/** `n` with thousands separators. */
const count = (n: number) => n.toLocaleString("en-US");
/** A byte size in MB (or KB), one decimal. */
const size = (bytes: number) =>
  bytes >= 1e6 ? `${(bytes / 1e6).toFixed(1)} MB` : `${(bytes / 1e3).toFixed(1)} KB`;

/**
 * Stream `table` into `path` (through gzip unless `plain`), via a temp file beside it and a rename. Counts
 * rows (lines after the header) and text bytes (UTF-8) as the chunks go by, and reports each block to `progress`.
 */
async function writeTable(
  table: DumpTable,
  path: string,
  plain: boolean,
  progress: Progress | null,
): Promise<Omit<DumpFileResult, "name" | "path" | "seconds">> {
  let lines = 0, chunks = 0;
  const step = Math.max(1, Math.floor(table.blocks / 200));
  function* counted(): Generator<string> {
    for (const chunk of table) {
      for (let at = chunk.indexOf("\n"); at >= 0; at = chunk.indexOf("\n", at + 1)) lines++;
      yield chunk;
      if (++chunks % step === 0) progress?.update(Math.min(table.blocks, chunks - 1));
    }
  }
  let encoded = 0;
  const measure = new TransformStream<Uint8Array<ArrayBuffer>, Uint8Array<ArrayBuffer>>({
    transform(bytes, controller) {
      encoded += bytes.length;
      controller.enqueue(bytes);
    },
  });
  const tmp = `${path}${TEMP_MARK}${Deno.pid}-${crypto.randomUUID().slice(0, 8)}`;
  try {
    await fsw.writeFile(tmp, new Uint8Array());
    const file = await Deno.open(tmp, { write: true, truncate: true });
    let stream = ReadableStream.from(counted()).pipeThrough(new TextEncoderStream()).pipeThrough(measure);
    if (!plain) stream = stream.pipeThrough(new CompressionStream("gzip"));
    await stream.pipeTo(file.writable);
    await fsw.rename(tmp, path);
  } catch (error) {
    await fsw.remove(tmp).catch(() => {});
    throw error;
  }
  progress?.update(table.blocks);
  progress?.stop();
  const { size: bytes } = await Deno.stat(path);
  return { rows: lines - 1, bytes, textBytes: encoded };
}

/**
 * Write the dump of `config` into `config.out`: one line per file on stderr (rows, size, seconds; a bar with
 * ETA on a terminal), a summary on stdout. Returns what was written.
 *
 * @throws {RangeError} when `titles` or `seed` is out of range (before anything is written).
 */
export async function run(config: Partial<ImdbDumpConfig> = {}): Promise<ImdbDumpResult> {
  const c = { ...defaults, ...config };
  const dump = syntheticDump({ titles: c.titles, seed: c.seed });
  const started = performance.now();
  await fsw.mkdir(c.out);
  console.error(
    `imdb-dump: ${count(c.titles)} titles, ${count(dump.names)} names, seed ${c.seed} → ${c.out}`,
  );
  const tty = Deno.stderr.isTerminal();
  const files: DumpFileResult[] = [];
  for (const name of DUMP_FILES) {
    const path = join(c.out, `${name}.tsv${c.plain ? "" : ".gz"}`);
    const t0 = performance.now();
    const progress = tty ? startProgress(name.padEnd(16), dump[name].blocks) : null;
    const written = await writeTable(dump[name], path, c.plain, progress);
    const seconds = (performance.now() - t0) / 1000;
    files.push({ name, path, ...written, seconds });
    console.error(
      `${name}: ${count(written.rows)} rows, ${size(written.bytes)}${
        c.plain ? "" : ` (${size(written.textBytes)} of text)`
      } in ${seconds.toFixed(1)} s`,
    );
  }
  const seconds = (performance.now() - started) / 1000;
  const rows = files.reduce((sum, f) => sum + f.rows, 0);
  const bytes = files.reduce((sum, f) => sum + f.bytes, 0);
  console.log(
    `imdb-dump: ${files.length} files, ${count(rows)} rows, ${size(bytes)} in ${
      seconds.toFixed(1)
    } s → ${c.out}`,
  );
  return { out: c.out, files, seconds };
}

if (import.meta.main) await cli(spec, run);
