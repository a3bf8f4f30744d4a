/**
 * Reading IMDb's non-commercial datasets from a folder: each `.tsv.gz` (or `.tsv`) file streamed once,
 * decompressed and decoded as it is read, its rows fed to the join of `core/imdb/imdb_join.ts`, which keeps only
 * the rows of the movies it keeps, so memory stays bounded by the kept movies, not by the files (title.principals
 * is about 4 GB uncompressed). A row whose id the join does not want is skipped without being split.
 *
 * Progress (file, bytes read, rows, movies kept, ETA) goes to stderr.
 *
 * @module
 */
import { createHash } from "node:crypto";
import type { DropCount } from "../core/artifacts.ts";
import { createImdbJoin, type ImdbJoinOptions, rowId } from "../core/imdb/imdb_join.ts";
import {
  IMDB_READ_ORDER,
  IMDB_REQUIRED,
  IMDB_TABLES,
  imdbDumpFiles,
  type ImdbTable,
} from "../core/imdb/imdb_tables.ts";
import type { SourceTable } from "../core/collect/source_table.ts";
import { join, listDir } from "./_fs.ts";
import { startProgress } from "./_progress.ts";

/** A dump read and joined. */
export interface ImdbDump {
  table: SourceTable;
  /** title.basics rows left out before cleaning, by reason. */
  dropped: Record<string, DropCount>;
  /** title.basics rows read. */
  records: number;
  /** Bytes of the files read (as stored, compressed or not). */
  bytes: number;
  /** SHA-256 over the files' names and digests, in read order. */
  sha256: string;
  /** Things to tell the user (a table absent, malformed rows skipped), one line each. */
  notes: string[];
  /** The first few malformed rows, with file, line and column. */
  problems: string[];
}

/** Counts and digests the bytes passing through. */
function meter(onBytes: (n: number) => void, hash: ReturnType<typeof createHash>) {
  return new TransformStream<Uint8Array, Uint8Array>({
    transform(chunk, out) {
      onBytes(chunk.byteLength);
      hash.update(chunk);
      out.enqueue(chunk);
    },
  });
}

/**
 * The lines of a `.tsv` or `.tsv.gz` file, a chunk's worth at a time (the line break and a trailing `\r`
 * removed), decoded strictly as UTF-8.
 */
async function* tsvLines(
  path: string,
  onBytes: (n: number) => void,
  hash: ReturnType<typeof createHash>,
): AsyncGenerator<string[]> {
  const file = await Deno.open(path);
  let bytes: ReadableStream<Uint8Array> = file.readable.pipeThrough(meter(onBytes, hash));
  if (path.endsWith(".gz")) {
    bytes = bytes.pipeThrough(
      new DecompressionStream("gzip") as unknown as TransformStream<Uint8Array, Uint8Array>,
    );
  }
  const text = bytes.pipeThrough(new TextDecoderStream("utf-8", { fatal: true }));
  let carry = "";
  for await (const chunk of text) {
    const lines = (carry + chunk).split("\n");
    carry = lines.pop()!;
    for (let i = 0; i < lines.length; i++) {
      if (lines[i].endsWith("\r")) lines[i] = lines[i].slice(0, -1);
    }
    yield lines;
  }
  if (carry !== "") yield [carry.endsWith("\r") ? carry.slice(0, -1) : carry];
}

/** Options of {@link readImdbDump}: the join's, and whether to show progress. */
export interface ReadImdbOptions extends ImdbJoinOptions {
  /** @default true */
  progress?: boolean;
}

/**
 * Read the IMDb dump in `dir` (title.basics and title.ratings required; title.crew, title.principals and
 * name.basics used when present) into one movie table.
 *
 * @throws {Deno.errors.NotFound} when a required table is absent; {@link TypeError} for a file that is not its
 *   table (header) or not gzip/UTF-8; {@link SyntaxError} for a malformed cell (file, line, column).
 */
export async function readImdbDump(dir: string, options: ReadImdbOptions = {}): Promise<ImdbDump> {
  const { progress = true, ...joinOptions } = options;
  const files = imdbDumpFiles(await listDir(dir));
  const missing = IMDB_READ_ORDER.filter((t) => files[t] === null);
  const required = missing.filter((t) => IMDB_REQUIRED.includes(t));
  if (required.length > 0) {
    throw new Deno.errors.NotFound(
      `Cannot read IMDb dump ${JSON.stringify(dir)}: no ${
        required.map((t) => `${IMDB_TABLES[t].file}.tsv.gz`).join(" or ")
      } in it (download them from https://datasets.imdbws.com/)`,
    );
  }
  const notes = missing.map((t) =>
    `no ${IMDB_TABLES[t].file}.tsv.gz in ${JSON.stringify(dir)}: ${
      t === "names"
        ? "people are named by their nconst ids"
        : t === "crew"
        ? "no directors, writers or earlier films"
        : "no actors"
    }`
  );
  const joinState = createImdbJoin(joinOptions);
  const digests: string[] = [];
  let totalBytes = 0;
  for (const table of IMDB_READ_ORDER) {
    const name = files[table];
    if (name === null) continue;
    const path = join(dir, name);
    const size = (await Deno.stat(path)).size;
    const megabytes = (n: number) => Math.round(n / 1e6);
    const bar = progress
      ? startProgress(`collect: ${name} MB`, Math.max(1, megabytes(size)), ["rows", "kept"])
      : null;
    let read = 0;
    let line = 0;
    let lastShown = 0;
    const hash = createHash("sha256");
    /** Whether an error comes from the join (pass it on) rather than from reading the stream (name it). */
    let joining = false;
    try {
      for await (const lines of tsvLines(path, (n) => read += n, hash)) {
        joining = true;
        for (const row of lines) {
          line++;
          if (line === 1) {
            joinState.header(table, row.split("\t"), path);
            continue;
          }
          if (row === "") continue;
          const id = rowId(row);
          if (!Number.isNaN(id) && !joinState.wants(table, id)) continue;
          joinState.add(table, row.split("\t"), line);
        }
        joining = false;
        const now = performance.now();
        if (bar && now - lastShown > 1000) {
          lastShown = now;
          bar.update(megabytes(read), { rows: line - 1, kept: joinState.kept });
        }
      }
    } catch (error) {
      if (!joining && error instanceof TypeError) {
        throw new TypeError(
          `Cannot read ${JSON.stringify(path)} after line ${line}: ${
            name.endsWith(".gz") ? "not a gzip file of UTF-8 text" : "not UTF-8 text"
          } (${error.message})`,
        );
      }
      throw error;
    } finally {
      bar?.update(megabytes(read), { rows: Math.max(0, line - 1), kept: joinState.kept });
      bar?.stop();
    }
    if (line === 0) throw new SyntaxError(`Cannot read ${JSON.stringify(path)}: the file is empty`);
    totalBytes += size;
    digests.push(`${name} ${hash.digest("hex")}`);
  }
  const joined = joinState.result(dir);
  for (const [table, count] of Object.entries(joined.skipped)) {
    if (count) {
      notes.push(`${count} malformed rows of ${files[table as ImdbTable]} skipped (see the first below)`);
    }
  }
  const sha256 = createHash("sha256").update(digests.join("\n")).digest("hex");
  return {
    table: joined.table,
    dropped: joined.dropped,
    records: joined.records,
    bytes: totalBytes,
    sha256,
    notes,
    problems: joined.problems,
  };
}
