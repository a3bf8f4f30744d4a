import { assertEquals, assertThrows } from "../_assert.ts";
import { decodeNpy, encodeNpy } from "../../core/npy.ts";

Deno.test("encodeNpy() writes a v1.0 header padded to 64 bytes that decodeNpy() reads back", () => {
  const data = new Float32Array([1, 2.5, -3, 4, 5, 6]);
  const bytes = encodeNpy({ data, shape: [2, 3] });
  const headerLength = new DataView(bytes.buffer).getUint16(8, true);
  assertEquals((10 + headerLength) % 64, 0);
  const header = new TextDecoder().decode(bytes.subarray(10, 10 + headerLength));
  assertEquals(header.startsWith("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }"), true);
  assertEquals(header.endsWith("\n"), true);
  const back = decodeNpy(bytes);
  assertEquals(back.shape, [2, 3]);
  assertEquals(Array.from(back.data), Array.from(data));
});

Deno.test("encodeNpy() writes a one-dimensional shape as (n,)", () => {
  const bytes = encodeNpy({ data: new Float32Array([7, 8]), shape: [2] });
  assertEquals(new TextDecoder().decode(bytes.subarray(10, 128)).includes("'shape': (2,)"), true);
  assertEquals(decodeNpy(bytes).shape, [2]);
});

Deno.test("decodeNpy() rejects a file that is not .npy, naming it", () => {
  assertThrows(() => decodeNpy(new TextEncoder().encode("hello world"), "x.npy"), SyntaxError, "x.npy");
});

Deno.test("encodeNpy() rejects data that does not fill the shape", () => {
  assertThrows(() => encodeNpy({ data: new Float32Array(5), shape: [2, 3] }), TypeError);
});
