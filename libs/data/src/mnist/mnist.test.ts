import { mkdtempSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadMnist, MNIST_CACHE_FILE, type MnistData } from './mnist.js';
import { largestRemainder, MNIST_SPLIT_SEED } from './mnist-split.js';

// Independent reference: the `mnist` package's own API (digit d, sample i -> 784 values in [0, 1]).
const pkg = createRequire(import.meta.url)('mnist') as { length: number; get(i: number): number[] }[];
const classSizes = Array.from({ length: 10 }, (_, d) => pkg[d].length);

/** Class and within-class index of source index `idx` (files 0.json..9.json concatenated). */
function locate(idx: number): [number, number] {
  let d = 0;
  while (idx >= classSizes[d]) idx -= classSizes[d++];
  return [d, idx];
}

/** Byte equality of two typed arrays (vitest's toEqual walks 6M elements one by one: too slow). */
function sameBytes(a: ArrayBufferView, b: ArrayBufferView): boolean {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));
}

let dir: string;
let train: MnistData;
let heldOut: MnistData;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'sg-mnist-'));
  train = loadMnist({ cacheDir: dir, memo: false, log: () => undefined });
  heldOut = loadMnist({ cacheDir: dir, memo: false, split: 'heldout' });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('loadMnist', () => {
  it('basic: shapes, [-1, 1] range and byte grid', () => {
    expect(classSizes.reduce((a, b) => a + b, 0)).toBe(10_000); // the package ships 10,000 digits
    expect(train.x.shape).toEqual([8000, 28, 28, 1]);
    expect(heldOut.x.shape).toEqual([2000, 28, 28, 1]);
    expect(train.y.shape).toEqual([8000]);
    expect(train.x.data).toBeInstanceOf(Float32Array);
    expect(train.y.data).toBeInstanceOf(Int32Array);
    let min = Infinity;
    let max = -Infinity;
    let offGrid = 0;
    for (const v of train.x.data) {
      min = Math.min(min, v);
      max = Math.max(max, v);
      const k = (v + 1) * 127.5; // must be a byte k in 0..255 (x = k / 127.5 - 1)
      if (Math.abs(k - Math.round(k)) > 1e-4) offGrid++;
    }
    // MNIST has both pure black (0) and pure white (255) pixels: exactly -1 and 1.
    expect([min, max]).toEqual([-1, 1]);
    expect(offGrid).toBe(0);
  });

  it('pixels equal the package values scaled by 2v - 1', () => {
    // The package rounds k/255 to 3 decimals, so |x - (2v - 1)| <= 2 * 0.0005.
    for (const row of [0, 1, 777, 4321, 7999]) {
      const [d, i] = locate(train.indices[row]);
      expect(train.y.data[row]).toBe(d);
      const ref = pkg[d].get(i);
      const ours = train.x.data.subarray(row * 784, (row + 1) * 784);
      ref.forEach((v, p) => expect(Math.abs(ours[p] - (2 * v - 1))).toBeLessThanOrEqual(0.001 + 1e-6));
    }
  });

  it('splits are disjoint, cover all 10,000 digits and hold every class', () => {
    const a = new Set(train.indices);
    const b = new Set(heldOut.indices);
    expect(a.size).toBe(8000);
    expect(b.size).toBe(2000);
    expect([...b].filter((i) => a.has(i))).toEqual([]);
    expect(new Set([...a, ...b]).size).toBe(10_000);
    // Stratified: class counts are the largest-remainder quotas of 8000 (Hamilton's method on the
    // package's class sizes), and every class is in both splits.
    const quotas = largestRemainder(classSizes, 8000);
    const counts = new Array(10).fill(0);
    for (const l of train.y.data) counts[l]++;
    expect(counts).toEqual(quotas);
    const heldCounts = new Array(10).fill(0);
    for (const l of heldOut.y.data) heldCounts[l]++;
    expect(heldCounts).toEqual(classSizes.map((c, k) => c - quotas[k]));
    expect(heldCounts.every((c) => c > 0)).toBe(true);
  });

  it('the split is fixed by the seed', () => {
    const again = loadMnist({ cacheDir: dir, memo: false });
    expect(sameBytes(again.indices, train.indices)).toBe(true);
    expect(sameBytes(again.x.data, train.x.data)).toBe(true);
    const explicit = loadMnist({ cacheDir: dir, memo: false, splitSeed: MNIST_SPLIT_SEED });
    expect(sameBytes(explicit.indices, train.indices)).toBe(true);
    const other = loadMnist({ cacheDir: dir, memo: false, splitSeed: MNIST_SPLIT_SEED + 1 });
    expect(sameBytes(other.indices, train.indices)).toBe(false);
  });

  it('writes the cache once and re-reads identical data from it', () => {
    const file = join(dir, MNIST_CACHE_FILE);
    // 52-byte header + 10,000 labels + 10,000 * 784 pixels (layout in mnist-cache.ts).
    expect(statSync(file).size).toBe(52 + 10_000 * 785);
    const fromCache = loadMnist({ cacheDir: dir, memo: false });
    expect(fromCache.source).toBe('cache');
    expect(sameBytes(fromCache.x.data, train.x.data)).toBe(true);
    expect(sameBytes(fromCache.y.data, train.y.data)).toBe(true);
    // With the in-process memo (default), the second load parses nothing and reads no file.
    expect(loadMnist({ cacheDir: dir }).source).toBe('cache');
    expect(loadMnist({ cacheDir: dir }).source).toBe('memory');
  });

  it('rebuilds a truncated cache with a message', () => {
    const file = join(dir, MNIST_CACHE_FILE);
    truncateSync(file, 100_000);
    const lines: string[] = [];
    const rebuilt = loadMnist({ cacheDir: dir, memo: false, log: (l) => lines.push(l) });
    expect(rebuilt.source).toBe('package');
    expect(lines.join()).toMatch(/corrupt \(file is 100000 bytes, expected 7850052/);
    expect(sameBytes(rebuilt.x.data, train.x.data)).toBe(true);
    expect(statSync(file).size).toBe(52 + 10_000 * 785);
  });

  it('rebuilds a cache whose payload was altered (checksum)', () => {
    const file = join(dir, MNIST_CACHE_FILE);
    const bytes = readFileSync(file);
    bytes[52 + 10_000 + 400] ^= 0xff; // flip one pixel byte
    writeFileSync(file, bytes);
    const lines: string[] = [];
    const rebuilt = loadMnist({ cacheDir: dir, memo: false, log: (l) => lines.push(l) });
    expect(lines.join()).toMatch(/checksum mismatch/);
    expect(sameBytes(rebuilt.x.data, train.x.data)).toBe(true);
  });

  it('pads to 32x32 with -1 around the unchanged digit', () => {
    const padded = loadMnist({ cacheDir: dir, memo: false, pad32: true, split: 'heldout' });
    expect(padded.x.shape).toEqual([2000, 32, 32, 1]);
    for (const n of [0, 1999]) {
      for (let r = 0; r < 32; r++) {
        for (let c = 0; c < 32; c++) {
          const v = padded.x.data[n * 1024 + r * 32 + c];
          const inside = r >= 2 && r < 30 && c >= 2 && c < 30;
          expect(v).toBe(inside ? heldOut.x.data[n * 784 + (r - 2) * 28 + (c - 2)] : -1);
        }
      }
    }
  });

  it('throws when the split name is unknown', () => {
    expect(() => loadMnist({ cacheDir: dir, split: 'test' as 'train' })).toThrow(/unknown MNIST split 'test'/);
  });
});
