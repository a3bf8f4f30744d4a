import { assertEquals, assertThrows, assertTrue } from "../_assert.ts";
import { cosine, trainWord2Vec } from "../../core/features/word2vec.ts";
import { formatWord2Vec, parseWord2Vec } from "../../core/features/word2vec_text.ts";
import { createRandom } from "../../core/random.ts";

// Two topics that never share a sentence: words within a topic co-occur, words across topics never do.
function topicSentences(n = 400): string[][] {
  const rng = createRandom(5);
  const topics = [
    ["space", "alien", "rocket", "planet", "astronaut"],
    ["wedding", "bride", "love", "romance", "kiss"],
    ["murder", "detective", "police", "killer", "clue"],
    ["war", "soldier", "battle", "army", "tank"],
  ];
  return Array.from({ length: n }, (_, i) => rng.shuffle(topics[i % 4]).slice(0, 3));
}

Deno.test("trainWord2Vec() puts co-occurring keywords closer than keywords that never co-occur", () => {
  const words = trainWord2Vec(topicSentences(), { dim: 16, epochs: 10, seed: 1 });
  const v = (w: string) => words.vectors.get(w)!;
  for (
    const [a, b, other] of [["space", "alien", "wedding"], ["bride", "love", "rocket"], [
      "planet",
      "rocket",
      "romance",
    ], ["police", "clue", "tank"]]
  ) {
    assertTrue(
      cosine(v(a), v(b)) > cosine(v(a), v(other)) + 0.1,
      `${a}~${b} ${cosine(v(a), v(b))} vs ${a}~${other} ${cosine(v(a), v(other))}`,
    );
  }
});

Deno.test("trainWord2Vec() is deterministic for a seed and differs between seeds", () => {
  const a = trainWord2Vec(topicSentences(50), { dim: 8, epochs: 2, seed: 3 });
  const b = trainWord2Vec(topicSentences(50), { dim: 8, epochs: 2, seed: 3 });
  const c = trainWord2Vec(topicSentences(50), { dim: 8, epochs: 2, seed: 4 });
  assertEquals(formatWord2Vec(a), formatWord2Vec(b));
  assertTrue(formatWord2Vec(a) !== formatWord2Vec(c));
});

Deno.test("trainWord2Vec() leaves out words seen fewer than minCount times and orders by count", () => {
  const words = trainWord2Vec([["a", "b"], ["a", "c"], ["a", "b"]], { dim: 4, epochs: 1, minCount: 2 });
  assertEquals([...words.vectors.keys()], ["a", "b"]);
  assertThrows(() => trainWord2Vec([["a"]], { dim: 0 }), RangeError);
});

Deno.test("formatWord2Vec() writes the word2vec text format that parseWord2Vec() reads back", () => {
  const words = {
    dim: 2,
    vectors: new Map([["sci-fi", new Float32Array([0.5, -1])], ["war_hero", new Float32Array([0, 2])]]),
  };
  const text = formatWord2Vec(words);
  assertEquals(text, "2 2\nsci-fi 0.500000 -1.000000\nwar_hero 0.000000 2.000000\n");
  assertEquals(parseWord2Vec(text), words);
});

Deno.test("formatWord2Vec() refuses a word with whitespace; parseWord2Vec() names the bad line", () => {
  assertThrows(() => formatWord2Vec({ dim: 1, vectors: new Map([["a b", new Float32Array(1)]]) }), TypeError);
  assertThrows(() => parseWord2Vec("1 2\nword 0.1\n", "w.txt"), SyntaxError, '"w.txt", line 2');
  assertThrows(() => parseWord2Vec("x\n", "w.txt"), SyntaxError, "line 1");
});
