/**
 * Strict text decoding of input files: UTF-8 (a byte sequence that is not UTF-8 is an error naming its line
 * and column, never a silent U+FFFD) or Latin-1, and no NUL characters (binary data, not text).
 *
 * @module
 */

/** The encodings input files may be in. `latin1` is ISO-8859-1 as browsers read it (windows-1252). */
export const TEXT_ENCODINGS = ["utf-8", "latin1"] as const;

/** One of {@link TEXT_ENCODINGS}. */
export type TextEncodingName = typeof TEXT_ENCODINGS[number];

/** The offset of the first byte of `bytes` that does not start or continue a valid UTF-8 sequence, or -1. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    if (b >= 0xc2 && b <= 0xdf) [need, min] = [1, 0x80];
    else if (b >= 0xe0 && b <= 0xef) [need, min] = [2, 0x800];
    else if (b >= 0xf0 && b <= 0xf4) [need, min] = [3, 0x10000];
    else return i;
    let code = b & (0x3f >> need);
    for (let j = 1; j <= need; j++) {
      const c = bytes[i + j];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      code = (code << 6) | (c & 0x3f);
    }
    if (code < min || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
}

/** ", line L, column C" (1-based; the column counts characters) of byte `offset` of `bytes`. */
function where(bytes: Uint8Array, offset: number, encoding: string): string {
  let line = 1;
  let start = 0;
  for (let i = 0; i < offset; i++) {
    if (bytes[i] === 0x0a) {
      line++;
      start = i + 1;
    }
  }
  const column = encoding === "latin1"
    ? offset - start + 1
    : new TextDecoder().decode(bytes.subarray(start, offset)).length + 1;
  return `, line ${line}, column ${column}`;
}

/**
 * Decode `bytes` (a file named `name`) as `encoding`, strictly. A UTF-8 byte-order mark is dropped.
 *
 * @throws {SyntaxError} naming the file, line and column of the first byte that is not valid UTF-8 (with a
 *   hint at `--encoding latin1`), or of the first NUL character.
 * @throws {RangeError} for an encoding not in {@link TEXT_ENCODINGS}.
 */
export function decodeText(bytes: Uint8Array, name: string, encoding: string = "utf-8"): string {
  if (!(TEXT_ENCODINGS as readonly string[]).includes(encoding)) {
    throw new RangeError(
      `Cannot use --encoding ${JSON.stringify(encoding)}: expected one of ${TEXT_ENCODINGS.join(", ")}`,
    );
  }
  if (encoding === "utf-8") {
    const bad = firstInvalidUtf8(bytes);
    if (bad >= 0) {
      throw new SyntaxError(
        `Cannot read ${JSON.stringify(name)}${where(bytes, bad, encoding)}: byte 0x${
          bytes[bad].toString(16).toUpperCase().padStart(2, "0")
        } is not UTF-8 (if the file is Latin-1, use --encoding latin1)`,
      );
    }
  }
  const nul = bytes.indexOf(0);
  if (nul >= 0) {
    throw new SyntaxError(
      `Cannot read ${JSON.stringify(name)}${
        where(bytes, nul, encoding)
      }: a NUL byte (0x00): this is not a text file`,
    );
  }
  return new TextDecoder(encoding === "latin1" ? "latin1" : "utf-8").decode(bytes);
}
