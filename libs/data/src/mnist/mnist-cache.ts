/**
 * Binary cache of the parsed MNIST digits. Layout (little-endian):
 *   0  8 bytes  magic "SGMNIST1"
 *   8  u32      n (number of digits)
 *  12  u32      rows (28)    16 u32 cols (28)
 *  20  32 bytes SHA-256 of the payload
 *  52  payload: labels [n] bytes, then pixels [n, rows, cols] bytes
 * A file with the wrong size, magic, shape or checksum is reported as corrupt and rebuilt.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { writeFileAtomic } from '@stablegen/run-files';
import { MNIST_PIXELS, MNIST_SIZE, type MnistDigits } from './mnist-source.js';

const MAGIC = Buffer.from('SGMNIST1', 'latin1');
const HEADER = 52;

/** Serialises digits into the cache layout above. */
export function encodeMnistCache(digits: MnistDigits): Buffer {
  const n = digits.labels.length;
  const header = Buffer.alloc(HEADER);
  MAGIC.copy(header, 0);
  header.writeUInt32LE(n, 8);
  header.writeUInt32LE(MNIST_SIZE, 12);
  header.writeUInt32LE(MNIST_SIZE, 16);
  sha256(digits.labels, digits.pixels).copy(header, 20);
  return Buffer.concat([header, digits.labels, digits.pixels]);
}

/** Parses a cache file's bytes; returns the reason it is invalid as a string. */
export function decodeMnistCache(buf: Buffer): MnistDigits | string {
  if (buf.length < HEADER) return `file is ${buf.length} bytes, shorter than the ${HEADER}-byte header`;
  if (!buf.subarray(0, 8).equals(MAGIC)) return 'bad magic (not a stablegen MNIST cache)';
  const n = buf.readUInt32LE(8);
  if (buf.readUInt32LE(12) !== MNIST_SIZE || buf.readUInt32LE(16) !== MNIST_SIZE) return 'image size is not 28x28';
  const expected = HEADER + n * (1 + MNIST_PIXELS);
  if (buf.length !== expected) return `file is ${buf.length} bytes, expected ${expected} for ${n} digits`;
  const labels = new Uint8Array(buf.buffer, buf.byteOffset + HEADER, n);
  const pixels = new Uint8Array(buf.buffer, buf.byteOffset + HEADER + n, n * MNIST_PIXELS);
  if (!sha256(labels, pixels).equals(buf.subarray(20, HEADER))) return 'checksum mismatch';
  if (labels.some((l) => l > 9)) return 'label outside 0..9';
  return { labels: labels.slice(), pixels: pixels.slice() };
}

/**
 * Reads the cache at `file`: the digits, `undefined` if absent, or a string saying why it is corrupt.
 */
export function readMnistCache(file: string): MnistDigits | string | undefined {
  if (!existsSync(file)) return undefined;
  return decodeMnistCache(readFileSync(file));
}

/** Writes the cache atomically (temp file, then rename). */
export function writeMnistCache(file: string, digits: MnistDigits): void {
  writeFileAtomic(file, [encodeMnistCache(digits)]);
}

function sha256(...parts: Uint8Array[]): Buffer {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest();
}
