/**
 * --ema-decay on gan: after k steps the EMA equals its closed form, the bias-corrected
 * decay-weighted mean sum_t (1 - d) d^(k - t) w_t / (1 - d^k) of the generator weights after each
 * step; metrics and samples come from both generators; the export holds the average.
 */
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '@stablegen/backend';
import { createRng } from '@stablegen/random';
import { beforeAll, expect, test } from 'vitest';
import { ganSchema } from './config.js';
import { ganRecipe } from './recipe.js';

beforeAll(async () => {
  await initBackend('wasm', { log: () => {} });
});

test('the generator EMA after 4 steps is the bias-corrected decay-weighted mean of the weights after each step', async () => {
  const d = 0.6;
  const config = Object.freeze(ganSchema.parse({ dataset: 'ring8', batchSize: 16, latentDim: 2, mlpWidth: 8, mlpDepth: 2, evalSamples: 40, emaDecay: d, lrG: 0.05 }));
  const m = await ganRecipe.build(config, createRng(1));
  const rng = createRng(2);
  const history: number[][][] = []; // [step][weight][value]
  for (let step = 1; step <= 4; step++) {
    tf.tidy(() => ganRecipe.step(m, { step, rng, config }));
    history.push(m.generator.getWeights().map((w) => Array.from(w.dataSync())));
  }
  const k = history.length;
  const closedForm = history[0].map((w, i) => w.map((_, j) => history.reduce((s, h, t) => s + (1 - d) * d ** (k - 1 - t) * h[i][j], 0) / (1 - d ** k)));
  const averaged = m.ema!.averaged();
  const ema = averaged.map((t) => Array.from(t.dataSync()));
  tf.dispose(averaged);
  expect(ema.length).toBe(closedForm.length);
  ema.forEach((w, i) => w.forEach((v, j) => expect(v).toBeCloseTo(closedForm[i][j], 5)));
  expect(ema).not.toEqual(history[k - 1]); // the average is not the last weights

  const metrics = await ganRecipe.evaluate!(m, 4);
  expect(Object.keys(metrics).sort()).toEqual(['ema/hq_share', 'ema/modes', 'ema/reverse_kl', 'hq_share', 'modes', 'reverse_kl']);
  const samples = await ganRecipe.sample!(m, 4);
  expect(samples.map((a) => `${a.suffix ?? ''}.${a.ext}`).sort()).toEqual(['-ema-points.csv', '-ema.png', '-points.csv', '.png'].sort());
  expect(ganRecipe.checkpointable(m).variables).toBe(m.ema!.variables);
  const exported = ganRecipe.exportModel!(m);
  exported.getWeights().forEach((w, i) => Array.from(w.dataSync()).forEach((v, j) => expect(v).toBeCloseTo(closedForm[i][j], 5)));
  ganRecipe.dispose!(m);
});
