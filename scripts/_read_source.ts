/**
 * Reading a movie table, for collect and predict alike: the file (CSV, or a JSON table when the name ends in
 * `.json`; the embedded vega-datasets movies when no path is given), its column map (a `--map` file, a named
 * `--profile`, or the profile detected from the header) and, for a profile with a join (TMDB's credits), the
 * joined file streamed record by record.
 *
 * Everything after this, cleaning and encoding, goes through the column map, so a new kind of source plugs in
 * here: take what it needs from {@link SourceOptions}, return a {@link Source}.
 *
 * @module
 */
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { parse as parseCsvStream } from "csv-parse/stream";
import { type ColumnMap, withoutColumns } from "../core/collect/column_map.ts";
import { createJoinCollector, joinColumns, type JoinedColumns } from "../core/collect/join_tables.ts";
import { parseCsv } from "../core/collect/parse_csv.ts";
import { parseJsonTable } from "../core/collect/parse_json_table.ts";
import { detectProfile, imdbDatasets, PROFILES } from "../core/collect/profiles.ts";
import type { SourceTable } from "../core/collect/source_table.ts";
import { validateColumnMap } from "../core/collect/validate_column_map.ts";
import { decodeText, TEXT_ENCODINGS } from "../core/decode_text.ts";
import { sha256 } from "../core/digest.ts";
import type { FlagSpec } from "./_cli.ts";
import type { DropCount } from "../core/artifacts.ts";
import { isImdbDump } from "../core/imdb/imdb_tables.ts";
import { IMDB_JOIN_DEFAULTS } from "../core/imdb/imdb_join.ts";
import { exists, join, listDir, readFileNamed, readJsonFile } from "./_fs.ts";
import { readImdbDump } from "./_read_imdb.ts";

/** The `--profile` value that picks the profile from the table's header. */
export const AUTO_PROFILE = "auto";

/** What `--profile` accepts: `auto` or a profile name. */
export const PROFILE_CHOICES: readonly string[] = [AUTO_PROFILE, ...Object.keys(PROFILES)];

/** Where a movie table comes from (the flags collect and predict share). */
export interface SourceOptions {
  /** The table's path; `null` reads the embedded default dataset ({@link embeddedDataPath}). */
  data: string | null;
  /** {@link AUTO_PROFILE} (detect it from the header) or a profile name of `core/collect/profiles.ts`. */
  profile: string;
  /** A column map JSON file (see `core/collect/column_map.schema.json`); replaces `profile`. */
  map: string | null;
  /** The joined file of a profile with a join (TMDB credits); `null`: its usual name beside `data`, if there. */
  credits: string | null;
  /** Text encoding of the files: utf-8 (strict) or latin1 (see `core/decode_text.ts`). */
  encoding: string;
  /** With `profile: "auto"`, a map to take when the table has all its `detect` columns (predict: training's). */
  prefer?: ColumnMap;
  /** An IMDb dump folder: the titleType values kept. @default ["movie"] */
  titleTypes?: string[];
  /** An IMDb dump folder: movies with fewer votes are left out while reading. @default the profile's (100) */
  minVotes?: number | null;
}

/** The command-line flags of {@link SourceOptions}, for the specs of the commands that read a table. */
export const SOURCE_FLAGS = {
  data: {
    description: "Movie table, CSV or JSON, or a folder of IMDb's dataset files (title.basics.tsv.gz, …)",
    value: "PATH",
    defaultText: "the embedded vega-datasets movies",
  },
  profile: { description: "Column map of the source; auto picks it by the header", choices: PROFILE_CHOICES },
  map: {
    description: "Your own column map (JSON, see core/collect/column_map.schema.json); replaces --profile",
    value: "FILE",
  },
  credits: {
    description: "TMDB credits CSV",
    value: "FILE",
    defaultText: "tmdb_5000_credits.csv beside --data, used when present",
  },
  encoding: { description: "Text encoding of the source files", choices: TEXT_ENCODINGS },
} satisfies Record<"data" | "profile" | "map" | "credits" | "encoding", FlagSpec>;

/** A movie table read, with the column map to read it through. */
export interface Source {
  /** The file read. */
  path: string;
  table: SourceTable;
  map: ColumnMap;
  /** Size and SHA-256 (hex) of the file, as collect's manifest records them. */
  bytes: number;
  sha256: string;
  /** The joined file read into `table`, or `null`. */
  joined: string | null;
  /** Things to tell the user: a join left out for want of its file, say. One line each. */
  notes: string[];
  /** Records read (an IMDb dump: title.basics rows; else the table's). */
  records: number;
  /** Rows left out while reading (an IMDb dump's other title types, unrated movies…), by reason. */
  dropped: Record<string, DropCount>;
  /** The first few malformed rows skipped while reading, with file, line and column. */
  problems: string[];
}

/** The embedded default dataset: vega-datasets' `data/movies.json` (resolved through the package). */
export function embeddedDataPath(): string {
  try {
    return fileURLToPath(new URL("../data/movies.json", import.meta.resolve("vega-datasets")));
  } catch {
    return fileURLToPath(new URL("../node_modules/vega-datasets/data/movies.json", import.meta.url));
  }
}

/**
 * Parse the source file by extension (`.json` → JSON table, anything else → CSV), decoded strictly as
 * `encoding` (see `core/decode_text.ts`).
 */
export function parseSource(bytes: Uint8Array, path: string, encoding = "utf-8"): SourceTable {
  const text = decodeText(bytes, path, encoding);
  if (text.trim() === "") throw new SyntaxError(`Cannot read ${JSON.stringify(path)}: the file is empty`);
  return /\.json$/i.test(path) ? parseJsonTable(text, path) : parseCsv(text, path);
}

/** Resolve a `--profile` name against the table's header (`auto` detects it). */
export function resolveProfile(name: string, table: SourceTable): ColumnMap {
  if (name === AUTO_PROFILE) return detectProfile(table.header, JSON.stringify(table.name));
  const map = PROFILES[name];
  if (!map) {
    throw new RangeError(
      `Cannot use --profile ${JSON.stringify(name)}: expected ${AUTO_PROFILE} or ${
        Object.keys(PROFILES).join(", ")
      }`,
    );
  }
  return map;
}

/** Bytes in `encoding` to UTF-8 bytes, strictly: a byte sequence that is not UTF-8 errors the stream. */
function asUtf8(encoding: string): TransformStream<Uint8Array, Uint8Array> {
  const decoder = new TextDecoder(encoding === "latin1" ? "latin1" : "utf-8", { fatal: true });
  const encoder = new TextEncoder();
  return new TransformStream({
    transform: (chunk, out) => out.enqueue(encoder.encode(decoder.decode(chunk, { stream: true }))),
    flush: (out) => out.enqueue(encoder.encode(decoder.decode())),
  });
}

/**
 * Stream the joined file of `map.join` (TMDB credits, 40 MB) record by record, keeping of each only what the
 * map reads.
 */
export async function readJoinedFile(
  path: string,
  map: ColumnMap,
  encoding = "utf-8",
): Promise<JoinedColumns> {
  const file = await Deno.open(path).catch((error) => {
    if (error instanceof Deno.errors.NotFound) {
      throw new Deno.errors.NotFound(
        `Cannot read ${map.join!.name} file ${JSON.stringify(path)}: no such file`,
      );
    }
    throw error;
  });
  const records = file.readable
    .pipeThrough(asUtf8(encoding))
    .pipeThrough(parseCsvStream({ bom: true, skip_empty_lines: true, record_delimiter: ["\r\n", "\n"] }));
  let collector: ReturnType<typeof createJoinCollector> | null = null;
  try {
    for await (const record of records as AsyncIterable<string[]>) {
      if (collector) collector.add(record);
      else collector = createJoinCollector(map, record.map((h) => h.trim()), path);
    }
  } catch (error) {
    if (error instanceof TypeError && error.message.startsWith("Cannot")) throw error;
    // Not text in that encoding: read it whole to name the line and column of the first bad byte.
    if (error instanceof TypeError) decodeText(await Deno.readFile(path), path, encoding);
    const e = error as Error & { lines?: number };
    throw new SyntaxError(
      `Cannot parse CSV ${JSON.stringify(path)}${e.lines ? `, line ${e.lines}` : ""}: ${e.message}`,
    );
  }
  if (!collector) {
    throw new SyntaxError(`Cannot read ${map.join!.name} file ${JSON.stringify(path)}: the file is empty`);
  }
  return collector.result();
}

/**
 * Read the table `options` name, choose its column map and join what the map joins. A join file named by
 * `credits` must exist; the usual one beside `data` is used when present, else the map goes on without the
 * joined columns and a note says so.
 *
 * @throws {Deno.errors.NotFound} for a missing file; {@link SyntaxError} for an unparsable one (file, line,
 *   column); {@link RangeError} for an unknown profile; {@link TypeError} for a table no profile matches.
 */
export async function readSource(options: SourceOptions): Promise<Source> {
  const path = options.data ?? embeddedDataPath();
  if (await isDirectory(path)) return readDumpFolder(path, options);
  const bytes = await readFileNamed(path, "movie table");
  let table = parseSource(bytes, path, options.encoding);
  let map: ColumnMap;
  if (options.map) map = validateColumnMap(await readJsonFile(options.map, "column map"), options.map);
  else if (
    options.profile === AUTO_PROFILE && options.prefer && options.prefer.detect.length > 0 &&
    options.prefer.detect.every((c) => table.header.includes(c))
  ) map = options.prefer;
  else map = resolveProfile(options.profile, table);
  const notes: string[] = [];
  if (options.titleTypes && options.titleTypes.join(",") !== IMDB_JOIN_DEFAULTS.titleTypes.join(",")) {
    notes.push("--title-types is for a folder of IMDb's datasets: ignored for a table");
  }
  let joined: string | null = null;
  if (map.join) {
    const candidate = options.credits ?? join(dirname(path), map.join.file);
    if (options.credits !== null || (await exists(candidate))) {
      table = joinColumns(table, await readJoinedFile(candidate, map, options.encoding));
      joined = candidate;
    } else {
      notes.push(
        `no ${map.join.name} file ${JSON.stringify(candidate)} (or --credits FILE): reading without the ${
          map.join.columns.join(" and ")
        } columns (no director or cast features)`,
      );
      map = withoutColumns(map, map.join.columns);
    }
  }
  return {
    path,
    table,
    map,
    bytes: bytes.length,
    sha256: await sha256(bytes),
    joined,
    notes,
    records: table.records.length,
    dropped: {},
    problems: [],
  };
}

async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await Deno.stat(path)).isDirectory;
  } catch {
    return false;
  }
}

/** A folder: IMDb's datasets (the only folder source), streamed and joined into one table. */
async function readDumpFolder(path: string, options: SourceOptions): Promise<Source> {
  if (!isImdbDump(await listDir(path))) {
    throw new Deno.errors.NotFound(
      `Cannot read ${
        JSON.stringify(path)
      }: a folder, but not one of IMDb's datasets (no title.basics.tsv.gz ` +
        `and title.ratings.tsv.gz in it); --data takes a CSV or JSON file, or such a folder`,
    );
  }
  if (![AUTO_PROFILE, imdbDatasets.name].includes(options.profile) && !options.map) {
    throw new RangeError(
      `Cannot read ${JSON.stringify(path)} with --profile ${options.profile}: it holds IMDb's datasets ` +
        `(--profile ${imdbDatasets.name} or auto)`,
    );
  }
  const map = options.map
    ? validateColumnMap(await readJsonFile(options.map, "column map"), options.map)
    : imdbDatasets;
  const dump = await readImdbDump(path, {
    titleTypes: options.titleTypes,
    minVotes: options.minVotes ?? map.minVotes?.default ?? 0,
  });
  if (dump.table.records.length === 0) {
    const reasons = Object.entries(dump.dropped).map(([reason, d]) => `${d.count} ${reason}`).join(", ");
    throw new RangeError(
      `Cannot collect ${
        JSON.stringify(path)
      }: no movie is left of its ${dump.records} titles (${reasons}); ` +
        `check --title-types (IMDb's types are lower camel case: movie, tvMovie, video, short…) and --min-votes`,
    );
  }
  return {
    path,
    table: dump.table,
    map,
    bytes: dump.bytes,
    sha256: dump.sha256,
    joined: null,
    notes: dump.notes,
    records: dump.records,
    dropped: dump.dropped,
    problems: dump.problems,
  };
}
