/**
 * The shipped training step of each family (the apps' recipes, as the benches drive them) on wasm
 * with our training kernels against the plain cpu backend: the same metrics over the first three
 * steps (losses before each update, so steps 2 and 3 see the weights two updates produced), and a
 * flat tensor count. Tiny configurations keep it fast; the kernels are the ones the defaults use.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import sharp from 'sharp';
import { initBackend } from '@stablegen/backend';
import { ganRecipe } from '@stablegen/gan-app';
import { progressiveRecipe } from '@stablegen/progressive-app';
import { seq2seqRecipe } from '@stablegen/seq2seq-app';
import { createStepRunner, type StepRunner } from '@stablegen/trainer';
import { withDatasetPreset, wganGpRecipe } from '@stablegen/wgan-gp-app';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'family-steps-'));
let folder = '';

beforeAll(async () => {
  await initBackend('cpu', { log: () => {} });
  await initBackend('wasm', { log: () => {} });
  // 16 seeded 28x28 grey PNGs: DCGAN-sized images without loading MNIST and the digit judge twice
  folder = path.join(tmp, 'images');
  fs.mkdirSync(folder);
  let s = 7;
  const next = () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  for (let i = 0; i < 16; i++) {
    await sharp(Buffer.from(Array.from({ length: 28 * 28 }, () => Math.floor(next() * 256))), { raw: { width: 28, height: 28, channels: 1 } }).png().toFile(path.join(folder, `${i}.png`));
  }
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

type Make = () => Promise<StepRunner<unknown>>;
const cases: [string, Make][] = [
  ['gan: DCGAN on 28x28 images', () => createStepRunner(ganRecipe, ['--dataset', `folder:${folder}`, '--batch-size', '8', '--width', '16', '--sample-count', '4'])],
  // lr 1e-4 instead of the preset's 3e-3: Adam's early steps are sign-like and amplify float rounding
  ['wgan-gp: ring8 preset (MLP, double backprop)', () => createStepRunner(wganGpRecipe, withDatasetPreset(['--dataset', 'ring8', '--batch-size', '32', '--eval-samples', '10', '--lr-d', '1e-4', '--lr-g', '1e-4']))],
  ['wgan-gp: DCGAN critic on 28x28 images (conv double backprop)', () => createStepRunner(wganGpRecipe, ['--dataset', `folder:${folder}`, '--batch-size', '4', '--width', '16', '--n-critic', '2', '--sample-count', '4'])],
  ['progressive: in the 4 -> 8 fade-in', () => createStepRunner(progressiveRecipe, ['--dataset', `folder:${folder}`, '--resolution', '8', '--batch-size', '4', '--width', '8', '--latent-dim', '8', '--fade-images', '16', '--stable-images', '16', '--steps', '12', '--sample-count', '4'], 5)],
  ['seq2seq: GRU + attention (embedding gradients)', () => createStepRunner(seq2seqRecipe, ['--batch-size', '8', '--embedding', '8', '--hidden', '16', '--eval-size', '8', '--test-size', '8', '--pairs-per-date', '1'])],
];

/** Three steps' metrics on `backend`; the tensor count is flat from step 2 on. */
async function threeSteps(backend: 'cpu' | 'wasm', make: Make): Promise<Record<string, number>[]> {
  await tf.setBackend(backend);
  const runner = await make();
  try {
    const out = [runner.step()];
    const tensors = tf.memory().numTensors;
    for (let i = 0; i < 2; i++) {
      out.push(runner.step());
      expect(tf.memory().numTensors, `${backend}: tensors after step ${i + 2}`).toBe(tensors);
    }
    return out;
  } finally {
    runner.dispose();
  }
}

describe('shipped family steps on wasm', () => {
  test.each(cases)('%s: the first three steps agree with the cpu backend (rel < 2e-3) and leak nothing', async (_label, make) => {
    const cpu = await threeSteps('cpu', make);
    const wasm = await threeSteps('wasm', make);
    expect(Object.keys(wasm[0]).sort()).toEqual(Object.keys(cpu[0]).sort());
    cpu.forEach((row, i) => {
      for (const [key, want] of Object.entries(row)) {
        const got = wasm[i][key];
        expect(Number.isFinite(got), `${key} at step ${i + 1}`).toBe(true);
        expect(Math.abs(got - want), `${key} at step ${i + 1}: wasm ${got}, cpu ${want}`).toBeLessThanOrEqual(2e-3 * Math.max(1, Math.abs(want)));
      }
    });
  });
});
