/**
 * SHA-256 digests (lower-case hex) of bytes, typed arrays, text and JSON values, through the Web Crypto API
 * (the same in Deno and browsers). Used for checkpoint checksums and training fingerprints.
 *
 * @module
 */

/** What {@link sha256} digests: bytes, any typed array (its bytes as stored), or text (as UTF-8). */
export type Digestible = Uint8Array | ArrayBufferView | string;

function bytesOf(value: Digestible): Uint8Array<ArrayBuffer> {
  if (typeof value === "string") return new TextEncoder().encode(value);
  return new Uint8Array(value.buffer as ArrayBuffer, value.byteOffset, value.byteLength);
}

/** The SHA-256 of `value`, as 64 lower-case hex digits. */
export async function sha256(value: Digestible): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", bytesOf(value));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}

/** The SHA-256 of `value` written as JSON (keys in the order given). */
export function sha256Json(value: unknown): Promise<string> {
  return sha256(JSON.stringify(value));
}
