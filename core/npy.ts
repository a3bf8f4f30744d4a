/**
 * NumPy `.npy` (format version 1.0) encoding and decoding of float32 matrices, so that collect's artifacts load
 * with `numpy.load` and numpy-made files load here. Pure: bytes in, bytes out.
 *
 * @module
 */

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // "\x93NUMPY"
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** A dense row-major float32 array with its shape (`[rows]` or `[rows, columns]`). */
export interface NpyArray {
  data: Float32Array;
  shape: number[];
}

/**
 * Encode a float32 array as `.npy` bytes (little-endian `<f4`, C order). The header is padded with spaces so
 * that the data starts on a 64-byte boundary, as numpy itself writes it.
 */
export function encodeNpy(array: NpyArray): Uint8Array {
  const [header, body] = encodeNpyParts(array);
  const out = new Uint8Array(header.length + body.length);
  out.set(header, 0);
  out.set(body, header.length);
  return out;
}

/**
 * {@link encodeNpy} as two parts to write one after the other, the header and the data, the data a view of
 * `array.data`'s own bytes on little-endian machines (no copy: collect's matrix can be a gigabyte).
 */
export function encodeNpyParts({ data, shape }: NpyArray): [Uint8Array, Uint8Array] {
  const size = shape.reduce((a, b) => a * b, 1);
  if (size !== data.length) {
    throw new TypeError(`Cannot encode .npy: shape [${shape}] holds ${size} values, data has ${data.length}`);
  }
  const shapeText = shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(", ")})`;
  let header = `{'descr': '<f4', 'fortran_order': False, 'shape': ${shapeText}, }`;
  const unpadded = MAGIC.length + 2 + 2 + header.length + 1;
  header += " ".repeat((64 - (unpadded % 64)) % 64) + "\n";
  const head = new Uint8Array(MAGIC.length + 4 + header.length);
  head.set(MAGIC, 0);
  head[6] = 1;
  head[7] = 0;
  new DataView(head.buffer).setUint16(8, header.length, true);
  head.set(new TextEncoder().encode(header), 10);
  if (LITTLE_ENDIAN) return [head, new Uint8Array(data.buffer, data.byteOffset, data.length * 4)];
  const body = new Uint8Array(data.length * 4);
  const view = new DataView(body.buffer);
  for (let i = 0; i < data.length; i++) view.setFloat32(i * 4, data[i], true);
  return [head, body];
}

/**
 * Decode `.npy` bytes holding a little-endian float32 (`<f4`) or float64 (`<f8`) C-order array; float64 is
 * narrowed to float32. `name` is used in error messages (a file path, say).
 */
export function decodeNpy(bytes: Uint8Array, name = "<npy>"): NpyArray {
  if (bytes.length < 10 || MAGIC.some((b, i) => bytes[i] !== b)) {
    throw new SyntaxError(`Cannot read ${name}: not a .npy file (bad magic string)`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const major = bytes[6];
  const headerLength = major === 1 ? view.getUint16(8, true) : view.getUint32(8, true);
  const start = major === 1 ? 10 : 12;
  const header = new TextDecoder().decode(bytes.subarray(start, start + headerLength));
  const descr = /'descr':\s*'([^']+)'/.exec(header)?.[1];
  const fortran = /'fortran_order':\s*(True|False)/.exec(header)?.[1];
  const shapeText = /'shape':\s*\(([^)]*)\)/.exec(header)?.[1];
  if (!descr || !fortran || shapeText === undefined) {
    throw new SyntaxError(`Cannot read ${name}: malformed .npy header ${JSON.stringify(header.trim())}`);
  }
  if (fortran === "True") throw new TypeError(`Cannot read ${name}: Fortran-order arrays are not supported`);
  const shape = shapeText.split(",").map((s) => s.trim()).filter((s) => s !== "").map(Number);
  const size = shape.reduce((a, b) => a * b, 1);
  const offset = start + headerLength;
  const width = descr === "<f4" ? 4 : descr === "<f8" ? 8 : 0;
  if (width === 0) {
    throw new TypeError(`Cannot read ${name}: dtype ${JSON.stringify(descr)} is not <f4 or <f8`);
  }
  if (bytes.length - offset < size * width) {
    throw new SyntaxError(
      `Cannot read ${name}: truncated, shape [${shape}] needs ${size * width} data bytes`,
    );
  }
  if (width === 4 && LITTLE_ENDIAN) {
    return { data: new Float32Array(bytes.slice(offset, offset + size * 4).buffer), shape };
  }
  const data = new Float32Array(size);
  for (let i = 0; i < size; i++) {
    data[i] = width === 4 ? view.getFloat32(offset + i * 4, true) : view.getFloat64(offset + i * 8, true);
  }
  return { data, shape };
}
