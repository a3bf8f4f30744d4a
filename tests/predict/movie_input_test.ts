import { assertEquals, assertThrows } from "../_assert.ts";
import { movieFromInput } from "../../core/predict/movie_input.ts";
import { inputFields, movieInputFromForm } from "../../core/predict/input_fields.ts";
import { fitEncoders } from "../../core/features/fit_encoders.ts";
import { imdb5000 } from "../../core/collect/profiles.ts";
import { readMovies } from "../../core/collect/read_movies.ts";
import { parseCsv } from "../../core/collect/parse_csv.ts";
import { imdbCsv } from "../collect/_movies_csv.ts";

Deno.test("movieFromInput() builds a canonical record; absent fields are missing, year fills numbers.year", () => {
  const m = movieFromInput({
    title: " Heat ",
    year: 1995,
    director: "",
    actors: ["Al Pacino", null, "  "],
    genres: ["Crime", ""],
    numbers: { budget: 6e7, gross: null },
    categories: { country: "USA" },
  });
  assertEquals(m.title, "Heat");
  assertEquals(m.id, "Heat");
  assertEquals(m.year, 1995);
  assertEquals(m.director, null);
  assertEquals(m.actors, ["Al Pacino"]);
  assertEquals(m.genres, ["Crime"]);
  assertEquals(m.keywords, []);
  assertEquals(m.numbers, { budget: 6e7, gross: null, year: 1995 });
  assertEquals(m.categories, { country: "USA" });
  assertEquals(m.target, null);
  assertEquals(movieFromInput({ numbers: { year: 2001 } }).year, 2001);
});

Deno.test("movieFromInput() names the field of every wrong value", () => {
  const cases: [unknown, string][] = [
    [[], "must be a JSON object"],
    [{ rating: 8 }, '"rating" is not a movie field'],
    [{ title: 3 }, "title must be text"],
    [{ year: "1995" }, "year must be a finite number"],
    [{ year: 1995.5 }, "year must be a whole number"],
    [{ numbers: { budget: "big" } }, "numbers.budget must be a finite number"],
    [{ numbers: [1] }, "numbers must be an object"],
    [{ actors: "Al Pacino" }, "actors must be a list"],
    [{ genres: ["Drama", 2] }, "genres[1] must be text"],
    [{ categories: { country: 1 } }, "categories.country must be text"],
  ];
  for (const [value, message] of cases) {
    assertThrows(() => movieFromInput(value, "m.json"), TypeError, message);
  }
});

Deno.test("inputFields() lists what the encoders read, and movieInputFromForm() reads them back", () => {
  const table = parseCsv(imdbCsv({ rows: 60, seed: 2 }), "movies.csv");
  const encoders = fitEncoders(readMovies(table, imdb5000), imdb5000, { wordDim: 4 });
  const fields = inputFields(encoders);
  const names = fields.map((f) => f.name);
  for (const name of ["title", "year", "director", "actors.0", "actors.2", "genres", "keywords"]) {
    assertEquals(names.includes(name), true, name);
  }
  assertEquals(names.includes("numbers.budget"), true);
  assertEquals(names.includes("numbers.year"), false, "year is asked once");
  assertEquals(names.includes("categories.country"), true);
  const input = movieInputFromForm(
    {
      title: "X",
      year: "2001",
      "actors.1": "B",
      genres: "Drama, Comedy",
      "numbers.budget": "1e6",
      director: "",
    },
    fields,
  );
  assertEquals(input.title, "X");
  assertEquals(input.year, 2001);
  assertEquals(input.director, null);
  assertEquals(input.actors, [null, "B", null]);
  assertEquals(input.genres, ["Drama", "Comedy"]);
  assertEquals(input.keywords, []);
  assertEquals(input.numbers?.budget, 1e6);
  assertEquals(input.numbers?.gross, null);
  assertThrows(() => movieInputFromForm({ "numbers.budget": "lots" }, fields), TypeError, "Budget");
});
