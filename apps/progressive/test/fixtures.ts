/** Test fixtures: a tiny image folder and a tiny config (8x8, two stages, cpu backend). */
import '@tensorflow/tfjs-backend-cpu';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import sharp from 'sharp';
import { registerGradientFixes } from '@stablegen/gradient-fixes';
import { afterAll, beforeAll } from 'vitest';
import { type ProgressiveConfig, progressiveSchema } from '../src/config.js';

/** Writes `n` 8x8 grayscale PNGs with seeded pixels into `dir`. */
export async function writeImageFolder(dir: string, n = 16): Promise<string> {
  fs.mkdirSync(dir, { recursive: true });
  let s = 12345;
  const next = () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  for (let i = 0; i < n; i++) {
    const pixels = Buffer.from(Array.from({ length: 64 }, () => Math.floor(next() * 256)));
    await sharp(pixels, { raw: { width: 8, height: 8, channels: 1 } }).png().toFile(path.join(dir, `${i}.png`));
  }
  return dir;
}

/**
 * 8x8 in two stages with batch 4: stage 0 for steps 1-4 (16 images), fade-in for steps 5-8
 * (alpha 0, 0.25, 0.5, 0.75), stabilisation for steps 9-12.
 */
export function tinyConfig(folder: string, extra: Partial<ProgressiveConfig> = {}): ProgressiveConfig {
  return progressiveSchema.parse({
    ...{ dataset: `folder:${folder}`, resolution: 8, batchSize: 4, width: 8, latentDim: 4, fadeImages: 16, stableImages: 16, steps: 12 },
    ...{ backend: 'cpu', logEvery: 1, sampleEvery: 100, evalEvery: 100, checkpointEvery: 100, sampleCount: 4 },
    ...extra,
  });
}

/**
 * For a test file: the cpu backend with the double-backprop fixes, and a fresh folder of 16 8x8
 * PNGs under a temporary directory (removed after the file's tests). Returns getters.
 */
export function useTinyImages(prefix: string): { tmp: string; folder: () => string } {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  let folder = '';
  beforeAll(async () => {
    await tf.setBackend('cpu');
    registerGradientFixes();
    folder = await writeImageFolder(path.join(tmp, 'images'));
  });
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
  return { tmp, folder: () => folder };
}
