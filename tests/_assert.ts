/**
 * Assertions for the tests, in the shape of Deno std's `@std/assert` (which cannot be installed here: JSR is
 * unreachable), built on `node:assert`.
 *
 * @module
 */
import assert from "node:assert/strict";

/** Fail unless `value` is truthy. */
export function assertTrue(value: unknown, message?: string): asserts value {
  assert.ok(value, message as string);
}

/** Deep, strict equality. */
export function assertEquals<T>(actual: T, expected: T, message?: string): void {
  assert.deepStrictEqual(actual, expected, message as string);
}

/** Deep, strict inequality. */
export function assertNotEquals<T>(actual: T, expected: T, message?: string): void {
  assert.notDeepStrictEqual(actual, expected, message as string);
}

/** `|actual − expected| <= tolerance`. */
export function assertAlmostEquals(
  actual: number,
  expected: number,
  tolerance = 1e-7,
  message?: string,
): void {
  if (!(Math.abs(actual - expected) <= tolerance)) {
    throw new assert.AssertionError({
      message: message ?? `expected ${actual} to be within ${tolerance} of ${expected}`,
      actual,
      expected,
    });
  }
}

/** Fail unless `text` matches `pattern`. */
export function assertMatch(text: string, pattern: RegExp, message?: string): void {
  assert.match(text, pattern, message as string);
}

function checkError(error: unknown, ErrorClass?: new (...args: never[]) => Error, includes?: string): Error {
  if (ErrorClass && !(error instanceof ErrorClass)) {
    throw new assert.AssertionError({
      message: `expected ${ErrorClass.name}, got ${(error as Error)?.constructor?.name}: ${
        (error as Error)?.message
      }`,
    });
  }
  const message = (error as Error)?.message ?? String(error);
  if (includes !== undefined && !message.includes(includes)) {
    throw new assert.AssertionError({
      message: `expected error message to include ${JSON.stringify(includes)}, got ${
        JSON.stringify(message)
      }`,
    });
  }
  return error as Error;
}

/** Fail unless `fn` throws (an instance of `ErrorClass`, whose message includes `includes`); returns the error. */
export function assertThrows(
  fn: () => unknown,
  ErrorClass?: new (...args: never[]) => Error,
  includes?: string,
): Error {
  try {
    fn();
  } catch (error) {
    return checkError(error, ErrorClass, includes);
  }
  throw new assert.AssertionError({ message: "expected function to throw" });
}

/** Fail unless `fn` rejects (an instance of `ErrorClass`, whose message includes `includes`); returns the error. */
export async function assertRejects(
  fn: () => Promise<unknown>,
  ErrorClass?: new (...args: never[]) => Error,
  includes?: string,
): Promise<Error> {
  try {
    await fn();
  } catch (error) {
    return checkError(error, ErrorClass, includes);
  }
  throw new assert.AssertionError({ message: "expected promise to reject" });
}
