/**
 * Tiny configurations of every family's shipped step (the apps' recipes through createStepRunner),
 * shared by the backend-parity test (families.test.ts) and the thread-parity test (threads.test.ts):
 * small, fast, and on the kernels the defaults use. Image families read a folder of seeded PNGs.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import sharp from 'sharp';
import { ganRecipe } from '@stablegen/gan-app';
import { progressiveRecipe } from '@stablegen/progressive-app';
import { seq2seqRecipe } from '@stablegen/seq2seq-app';
import { createStepRunner, type StepRunner } from '@stablegen/trainer';
import { withDatasetPreset, wganGpRecipe } from '@stablegen/wgan-gp-app';

export type MakeRunner = () => Promise<StepRunner<unknown>>;

/** Writes 16 seeded 28x28 grey PNGs into `dir` (DCGAN-sized images without loading MNIST and the digit judge). */
export async function writeTestImages(dir: string): Promise<void> {
  fs.mkdirSync(dir, { recursive: true });
  let s = 7;
  const next = () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  for (let i = 0; i < 16; i++) {
    await sharp(Buffer.from(Array.from({ length: 28 * 28 }, () => Math.floor(next() * 256))), { raw: { width: 28, height: 28, channels: 1 } }).png().toFile(path.join(dir, `${i}.png`));
  }
}

/** [label, make] per family case; `folder` holds the images of writeTestImages. */
export function familyCases(folder: string): [string, MakeRunner][] {
  return [
    ['gan: DCGAN on 28x28 images', () => createStepRunner(ganRecipe, ['--dataset', `folder:${folder}`, '--batch-size', '8', '--width', '16', '--sample-count', '4'])],
    // lr 1e-4 instead of the preset's 3e-3: Adam's early steps are sign-like and amplify float rounding
    ['wgan-gp: ring8 preset (MLP, double backprop)', () => createStepRunner(wganGpRecipe, withDatasetPreset(['--dataset', 'ring8', '--batch-size', '32', '--eval-samples', '10', '--lr-d', '1e-4', '--lr-g', '1e-4']))],
    ['wgan-gp: DCGAN critic on 28x28 images (conv double backprop)', () => createStepRunner(wganGpRecipe, ['--dataset', `folder:${folder}`, '--batch-size', '4', '--width', '16', '--n-critic', '2', '--sample-count', '4'])],
    ['progressive: in the 4 -> 8 fade-in', () => createStepRunner(progressiveRecipe, ['--dataset', `folder:${folder}`, '--resolution', '8', '--batch-size', '4', '--width', '8', '--latent-dim', '8', '--fade-images', '16', '--stable-images', '16', '--steps', '12', '--sample-count', '4'], 5)],
    ['seq2seq: GRU + attention (embedding gradients)', () => createStepRunner(seq2seqRecipe, ['--batch-size', '8', '--embedding', '8', '--hidden', '16', '--eval-size', '8', '--test-size', '8', '--pairs-per-date', '1'])],
  ];
}
