/**
 * The standard word2vec text format: a header line `count dim`, then one line per word, `word v1 … vN`.
 * Words must not contain whitespace (keyword phrases are joined with "_").
 *
 * @module
 */
import type { WordVectors } from "./word2vec.ts";

/** Format `words` as word2vec text (values with 6 decimals, so output is byte-stable). */
export function formatWord2Vec(words: WordVectors): string {
  const lines = [`${words.vectors.size} ${words.dim}`];
  for (const [word, v] of words.vectors) {
    if (/\s/.test(word)) {
      throw new TypeError(`Cannot write word ${JSON.stringify(word)}: it contains whitespace`);
    }
    lines.push(`${word} ${Array.from(v, (x) => x.toFixed(6)).join(" ")}`);
  }
  return lines.join("\n") + "\n";
}

/**
 * Parse word2vec text.
 *
 * @throws {SyntaxError} for a bad header or a line with the wrong number of values, naming the line.
 */
export function parseWord2Vec(text: string, name = "<word2vec>"): WordVectors {
  const lines = text.split("\n").filter((l) => l.trim() !== "");
  const header = (lines[0] ?? "").trim().split(/\s+/).map(Number);
  if (header.length !== 2 || !header.every((n) => Number.isInteger(n) && n >= 0)) {
    throw new SyntaxError(`Cannot parse word2vec ${JSON.stringify(name)}, line 1: expected "count dim"`);
  }
  const [count, dim] = header;
  const vectors = new Map<string, Float32Array>();
  for (let i = 1; i < lines.length; i++) {
    const parts = lines[i].trim().split(/\s+/);
    const values = parts.slice(1).map(Number);
    if (values.length !== dim || values.some((v) => !Number.isFinite(v))) {
      throw new SyntaxError(
        `Cannot parse word2vec ${JSON.stringify(name)}, line ${i + 1}: expected a word and ${dim} numbers`,
      );
    }
    vectors.set(parts[0], Float32Array.from(values));
  }
  if (vectors.size !== count) {
    throw new SyntaxError(
      `Cannot parse word2vec ${JSON.stringify(name)}: header says ${count} words, found ${vectors.size}`,
    );
  }
  return { dim, vectors };
}
