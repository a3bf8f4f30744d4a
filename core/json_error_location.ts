/**
 * Where a `JSON.parse` error happened, as ", line L, column C" (1-based) for error messages. The engine's
 * messages do not always give a position ("Unexpected token '}', ... is not valid JSON", "Unexpected end of
 * JSON input"), so the text is scanned for the first offset that is not JSON.
 *
 * @module
 */

class Stop {
  constructor(readonly at: number) {}
}

/** The offset of the first character of `text` that cannot continue a JSON document, or -1 when it is JSON. */
export function jsonSyntaxErrorOffset(text: string): number {
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const n = text.length;
  const ws = () => {
    while (i < n && " \t\n\r".includes(text[i])) i++;
  };
  const expect = (c: string) => {
    if (text[i] !== c) throw new Stop(i);
    i++;
  };
  const string = () => {
    expect('"');
    while (i < n) {
      const c = text[i];
      if (c === '"') return void i++;
      if (c === "\\") {
        const e = text[i + 1];
        if (e === "u") {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) throw new Stop(i);
          i += 6;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) i += 2;
        else throw new Stop(i);
      } else if (c < " ") throw new Stop(i);
      else i++;
    }
    throw new Stop(n);
  };
  const value = (): void => {
    ws();
    const c = text[i];
    if (c === "{" || c === "[") {
      const close = c === "{" ? "}" : "]";
      i++;
      ws();
      if (text[i] === close) return void i++;
      while (true) {
        if (c === "{") {
          ws();
          string();
          ws();
          expect(":");
        }
        value();
        ws();
        if (text[i] === ",") i++;
        else return expect(close);
      }
    }
    if (c === '"') return string();
    for (const literal of ["true", "false", "null"]) {
      if (text.startsWith(literal, i)) return void (i += literal.length);
    }
    const number = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
    number.lastIndex = i;
    if (!number.test(text)) throw new Stop(i);
    i = number.lastIndex;
  };
  try {
    value();
    ws();
    return i < n ? i : -1;
  } catch (stop) {
    if (stop instanceof Stop) return stop.at;
    throw stop;
  }
}

/** The location suffix of a `JSON.parse(text)` error: `", line 3, column 14"`, or `""` when `text` is JSON. */
export function jsonErrorLocation(text: string, _error?: unknown): string {
  const offset = jsonSyntaxErrorOffset(text);
  if (offset < 0) return "";
  const before = text.slice(0, offset).split("\n");
  return `, line ${before.length}, column ${before[before.length - 1].length + 1}`;
}

/** The engine's message of a `JSON.parse` error on one line (it quotes the text around the error, newlines and all). */
export function jsonErrorMessage(error: unknown): string {
  return String((error as Error)?.message ?? error).replace(/\s*\n\s*/g, " ");
}
