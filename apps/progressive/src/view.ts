/**
 * What the run shows of the generator, always through its EMA weights: a sample grid of the fixed
 * latent batch at the current resolution, nearest-upscaled to the final resolution (and 2x) so every
 * phase's grid has the same size, named by resolution; and on MNIST the digit metrics.
 */
import * as tf from '@tensorflow/tfjs-core';
import { generate } from '@stablegen/gan-training';
import { imageGridPng, type SampleArtifact } from '@stablegen/trainer';
import type { ProgressiveModels } from './models.js';
import { upsampleTo } from './resample.js';

/** One PNG grid, suffix `-<res>x<res>` (e.g. step-000400-8x8.png). */
export async function sampleArtifacts(m: ProgressiveModels, finalResolution: number): Promise<SampleArtifact[]> {
  const res = m.generator.resolution;
  const g = m.generator.model;
  const images = await m.ema.ema.withEmaWeights(g, () => tf.tidy(() => upsampleTo(generate(g, m.zGrid) as tf.Tensor4D, finalResolution)));
  try {
    return [{ ext: 'png', data: await imageGridPng(images, undefined, 2), suffix: `-${res}x${res}` }];
  } finally {
    images.dispose();
  }
}

/**
 * FD-MNIST, classes covered and confident share of the EMA generator, and the same of the raw
 * generator prefixed `raw_` (MNIST only; else nothing).
 */
export async function evaluateDigits(m: ProgressiveModels): Promise<Record<string, number>> {
  const digits = m.digits;
  if (!digits) return {};
  const g = m.generator.model;
  const raw = Object.entries(digits.evaluate(g)).map(([k, v]) => [`raw_${k}`, v]);
  return { ...(await m.ema.ema.withEmaWeights(g, () => digits.evaluate(g))), ...Object.fromEntries(raw) };
}
