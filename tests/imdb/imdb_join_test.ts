import { assertEquals, assertThrows } from "../_assert.ts";
import { createImdbJoin, IMDB_JOINED_COLUMNS, imdbId, rowId } from "../../core/imdb/imdb_join.ts";
import { IMDB_TABLES, imdbDumpFiles, isImdbDump } from "../../core/imdb/imdb_tables.ts";
import type { ImdbTable } from "../../core/imdb/imdb_tables.ts";

/** Join tables given as TSV text (header line first), in read order, as the script feeds them. */
function joinTsv(tables: Partial<Record<ImdbTable, string>>, options = {}) {
  const join = createImdbJoin(options);
  for (const table of ["ratings", "basics", "crew", "principals", "names"] as ImdbTable[]) {
    const text = tables[table];
    if (text === undefined) continue;
    const lines = `${IMDB_TABLES[table].header.join("\t")}\n${text}`.split("\n");
    join.header(table, lines[0].split("\t"), `${table}.tsv`);
    lines.slice(1).forEach((row, i) => {
      if (row !== "" && join.wants(table, rowId(row))) join.add(table, row.split("\t"), i + 2);
    });
  }
  const result = join.result("dump");
  const rows = result.table.records.map((r) =>
    Object.fromEntries(IMDB_JOINED_COLUMNS.map((c, j) => [c, r.cells[j]]))
  );
  return { ...result, rows };
}

const movie = (id: string, year = "2000", extra = "") =>
  `${id}\tmovie\tFilm ${id}\tFilm ${id}\t0\t${year}\t\\N\t90\tDrama${extra}`;

Deno.test("imdbId reads tt and nm identifiers as numbers and refuses anything else", () => {
  assertEquals(imdbId("tt0000001"), 1);
  assertEquals(imdbId("nm12345678"), 12345678);
  assertEquals(imdbId("tconst"), NaN);
  assertEquals(imdbId("tt12a"), NaN);
  assertEquals(rowId("tt0000042\tmovie\tx"), 42);
});

Deno.test("a folder is an IMDb dump when it holds title.basics and title.ratings, gzipped or not", () => {
  assertEquals(isImdbDump(["title.basics.tsv.gz", "title.ratings.tsv"]), true);
  assertEquals(isImdbDump(["title.basics.tsv.gz", "name.basics.tsv.gz"]), false);
  assertEquals(imdbDumpFiles(["title.crew.tsv", "title.crew.tsv.gz"]).crew, "title.crew.tsv.gz");
  assertEquals(imdbDumpFiles([]).names, null);
});

Deno.test("only rated, non-adult movies with enough votes are kept; the rest are counted by reason", () => {
  const { rows, dropped, records } = joinTsv({
    ratings: "tt0000001\t7.0\t500\ntt0000002\t6.0\t500\ntt0000003\t5.0\t500\ntt0000005\t9.0\t99",
    basics: [
      movie("tt0000001"),
      "tt0000002\tmovie\tAdult\tAdult\t1\t2000\t\\N\t90\tAdult",
      "tt0000003\ttvEpisode\tEp\tEp\t0\t2000\t\\N\t20\tComedy",
      movie("tt0000004"),
      movie("tt0000005"),
      movie("tt0000001"),
    ].join("\n"),
  }, { minVotes: 100 });
  assertEquals(rows.map((r) => r.tconst), ["tt0000001"]);
  assertEquals(records, 6);
  assertEquals(dropped, {
    "adult title": { count: 1, lines: [3] },
    "other title type": { count: 1, lines: [4] },
    "no rating": { count: 1, lines: [5] },
    "too few votes": { count: 1, lines: [6] },
    "duplicate": { count: 1, lines: [7] },
  });
});

Deno.test("--title-types keeps the listed types only", () => {
  const { rows } = joinTsv({
    ratings: "tt0000001\t7.0\t500\ntt0000002\t6.0\t500",
    basics: `${movie("tt0000001")}\ntt0000002\ttvMovie\tTV\tTV\t0\t2000\t\\N\t90\tDrama`,
  }, { titleTypes: ["movie", "tvMovie"] });
  assertEquals(rows.map((r) => [r.tconst, r.titleType]), [["tt0000001", "movie"], ["tt0000002", "tvMovie"]]);
});

Deno.test("a literal quote is text, and \\N is missing in every column", () => {
  const { rows } = joinTsv({
    ratings: "tt0000001\t7.0\t500",
    basics: 'tt0000001\tmovie\t"Weird Al" Yankovic\t\\N\t0\t\\N\t\\N\t\\N\t\\N',
    crew: "tt0000001\t\\N\t\\N",
    principals: "tt0000001\t1\tnm0000001\tactor\t\\N\t\\N",
    names: "nm0000001\t\\N\t\\N\t\\N\t\\N\t\\N",
  });
  assertEquals(rows[0], {
    tconst: "tt0000001",
    titleType: "movie",
    primaryTitle: '"Weird Al" Yankovic',
    startYear: null,
    runtimeMinutes: null,
    genres: null,
    averageRating: "7.0",
    numVotes: "500",
    director: null,
    writer: null,
    actor1: "nm0000001",
    actor2: null,
    actor3: null,
    directorCount: "0",
    writerCount: "0",
    directorEarlierFilms: null,
  });
});

Deno.test("the first three actors and actresses by ordering, whatever the rows' order; other roles ignored", () => {
  const { rows } = joinTsv({
    ratings: "tt0000001\t7.0\t500",
    basics: movie("tt0000001"),
    principals: [
      "tt0000001\t5\tnm0000005\tactor\t\\N\t\\N",
      "tt0000001\t1\tnm0000009\tdirector\t\\N\t\\N",
      "tt0000001\t4\tnm0000004\tactress\t\\N\t\\N",
      'tt0000001\t2\tnm0000002\tactor\t\\N\t["A"]',
      "tt0000001\t3\tnm0000003\tself\t\\N\t\\N",
      "tt0000001\t6\tnm0000006\tactor\t\\N\t\\N",
    ].join("\n"),
    names: "nm0000002\tBo\t\\N\t\\N\t\\N\t\\N\nnm0000004\tDee\t\\N\t\\N\t\\N\t\\N",
  });
  assertEquals([rows[0].actor1, rows[0].actor2, rows[0].actor3], ["Bo", "Dee", "nm0000005"]);
});

Deno.test("several directors: the first is the director, all are counted; no principals: no actors", () => {
  const { rows } = joinTsv({
    ratings: "tt0000001\t7.0\t500",
    basics: movie("tt0000001"),
    crew: "tt0000001\tnm0000001,nm0000002\tnm0000003",
    principals: "",
    names: "nm0000001\tAnn\t\\N\t\\N\t\\N\t\\N\nnm0000003\tCy\t\\N\t\\N\t\\N\t\\N",
  });
  assertEquals(
    [rows[0].director, rows[0].directorCount, rows[0].writer, rows[0].writerCount, rows[0].actor1],
    ["Ann", "2", "Cy", "1", null],
  );
});

Deno.test("a director's earlier films count movies of earlier years only, rated or not, never the movie itself", () => {
  const { rows } = joinTsv({
    ratings: "tt0000003\t7.0\t500\ntt0000004\t6.0\t500",
    basics: [
      movie("tt0000001", "1990"),
      movie("tt0000002", "1995"),
      movie("tt0000003", "2000"),
      movie("tt0000004", "2000"),
      "tt0000005\ttvEpisode\tEp\tEp\t0\t1980\t\\N\t20\tComedy",
    ].join("\n"),
    crew: [1, 2, 3, 4, 5].map((i) => `tt000000${i}\tnm0000001\t\\N`).join("\n"),
  }, { minVotes: 1 });
  assertEquals(rows.map((r) => r.directorEarlierFilms), ["2", "2"]);
});

Deno.test("a row with a bad identifier or number is skipped, counted and named by file, line and column", () => {
  const { rows, dropped, skipped, problems } = joinTsv({
    ratings: "tt0000001\tseven\t500\ntt0000002\t7.0\t500\ntt0000003\t6.0\t500",
    basics: [
      movie("tt0000001"),
      movie("tt0000002"),
      "x1\tmovie\tA\tA\t0\t2000\t\\N\t90\tDrama",
      "tt0000003\tmovie\tB\tB\t0\tlate\t\\N\t90\tDrama",
    ].join("\n"),
  });
  assertEquals(rows.map((r) => r.tconst), ["tt0000002"]);
  assertEquals(dropped["no rating"], { count: 1, lines: [2] }, "its rating was unreadable");
  assertEquals(dropped["malformed cell"], { count: 2, lines: [4, 5] });
  assertEquals(skipped, { ratings: 1, basics: 2 });
  assertEquals(problems, [
    'Cannot read "ratings.tsv", line 2, column "averageRating": "seven" is not a number',
    'Cannot read "basics.tsv", line 4, column "tconst": "x1" is not an IMDb identifier (tt… or nm… and digits)',
    'Cannot read "basics.tsv", line 5, column "startYear": "late" is not a number',
  ]);
});

Deno.test("a file without its table's columns is refused, naming it", () => {
  const join = createImdbJoin();
  assertThrows(
    () => join.header("ratings", ["tconst", "rating"], "title.ratings.tsv.gz"),
    TypeError,
    'Cannot read "title.ratings.tsv.gz", line 1: no column "averageRating", "numVotes"',
  );
});

Deno.test("a row with more or fewer fields than its header (a stray tab, a cut-off line) is malformed", () => {
  const { rows, dropped, problems } = joinTsv({
    ratings: "tt0000001\t7.0\t500\ntt0000002\t7.0\t500\ntt0000003\t7.0\t500",
    basics: [
      "tt0000001\tmovie\tA\tx\tB\t0\t1999\t\\N\t90\tDrama",
      "tt0000002\tmovie\tA",
      movie("tt0000003"),
    ].join("\n"),
  });
  assertEquals(rows.map((r) => r.tconst), ["tt0000003"]);
  assertEquals(dropped["malformed cell"], { count: 2, lines: [2, 3] });
  assertEquals(problems[1], 'Cannot read "basics.tsv", line 3: 3 tab-separated fields, its header has 9');
});

Deno.test("votes, years, minutes and orderings must be whole numbers", () => {
  const { rows, problems } = joinTsv({
    ratings: "tt0000001\t7.0\t12.5\ntt0000002\t7.0\t500",
    basics: `${movie("tt0000001")}\n${movie("tt0000002", "1999.5")}`,
  });
  assertEquals(rows, []);
  assertEquals(problems, [
    'Cannot read "ratings.tsv", line 2, column "numVotes": "12.5" is not a whole number',
    'Cannot read "basics.tsv", line 3, column "startYear": "1999.5" is not a whole number',
  ]);
});

Deno.test("two people sharing a name are told apart by their ids; a unique name stays plain", () => {
  const { rows } = joinTsv({
    ratings: "tt0000001\t7.0\t500\ntt0000002\t6.0\t500",
    basics: `${movie("tt0000001")}\n${movie("tt0000002")}`,
    crew: "tt0000001\tnm0000001\tnm0000003\ntt0000002\tnm0000002\tnm0000003",
    names: [1, 2, 3].map((i) => `nm000000${i}\t${i < 3 ? "John Smith" : "Cy"}\t\\N\t\\N\t\\N\t\\N`).join(
      "\n",
    ),
  });
  assertEquals(rows.map((r) => [r.director, r.writer]), [
    ["John Smith (nm0000001)", "Cy"],
    ["John Smith (nm0000002)", "Cy"],
  ]);
});
