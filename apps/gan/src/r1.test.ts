/**
 * --r1-gamma: the critic loss gains exactly the R1 term, gamma/2 E[||grad_x D(x)||^2] on the real
 * batch. Unconditional: equal to @stablegen/gradient-penalty's r1Penalty on the same critic.
 * Class-conditional: the gradient is over the pixels only, checked against central finite
 * differences of the critic score over every pixel (the labels held fixed), and it differs from
 * R1 over the whole packed input (which would also count the one-hot labels).
 */
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '@stablegen/backend';
import { r1Penalty } from '@stablegen/gradient-penalty';
import { createRng } from '@stablegen/random';
import { beforeAll, expect, test } from 'vitest';
import { ganSchema, type GanConfig } from './config.js';
import { ganRecipe } from './recipe.js';
import { criticOf, ganCriticLoss } from './step.js';

beforeAll(async () => {
  await initBackend('wasm', { log: () => {} });
});

const config = (extra: Partial<GanConfig>) => Object.freeze(ganSchema.parse({ batchSize: 4, width: 8, evalSamples: 50, sampleCount: 4, ...extra })) as GanConfig;

async function lossesWithAndWithout(extra: Partial<GanConfig>, gamma: number) {
  const on = config({ ...extra, r1Gamma: gamma });
  const models = await ganRecipe.build(on, createRng(1));
  const real = models.real.next(createRng(2));
  const fake = models.forward.generator(models.prior.sample(on.batchSize, createRng(3)));
  const withR1 = ganCriticLoss(models, on, real, fake);
  const without = ganCriticLoss(models, { ...on, r1Gamma: 0 }, real, fake);
  return { models, real, withR1, without };
}

test('unconditional: the critic loss with --r1-gamma 5 is the plain loss + the lib\'s R1 on the real batch', async () => {
  const { models, real, withR1, without } = await lossesWithAndWithout({ conditional: false }, 5);
  expect(without.r1).toBeUndefined();
  const expected = r1Penalty(criticOf(models), real, 5).penalty.dataSync()[0];
  expect(expected).toBeGreaterThan(0);
  expect(withR1.r1!.dataSync()[0]).toBeCloseTo(expected, 6);
  expect(withR1.total.dataSync()[0] - without.total.dataSync()[0]).toBeCloseTo(expected, 5);
  ganRecipe.dispose!(models);
});

test('class-conditional: R1 is over the pixels only, as finite differences of the critic give it', async () => {
  const gamma = 2;
  const { models, real, withR1 } = await lossesWithAndWithout({}, gamma);
  const critic = criticOf(models);
  const b = real.shape[0];
  const pixels = 28 * 28;
  const base = real.arraySync() as number[][];
  // ||grad_pixels D(x_i)||^2 per sample by central differences, all pixels of all samples in batches.
  const eps = 1e-2;
  const sq = new Float64Array(b);
  for (let p = 0; p < pixels; p += 98) {
    const rows: number[][] = [];
    for (let q = p; q < p + 98; q++) {
      for (const sign of [1, -1]) for (let i = 0; i < b; i++) rows.push(base[i].map((v, j) => (j === q ? v + sign * eps : v)));
    }
    const scores = tf.tidy(() => critic(tf.tensor2d(rows)).dataSync());
    for (let k = 0; k < 98; k++) {
      for (let i = 0; i < b; i++) {
        const d = (scores[(2 * k) * b + i] - scores[(2 * k + 1) * b + i]) / (2 * eps);
        sq[i] += d * d;
      }
    }
  }
  const byFiniteDifferences = (gamma / 2) * (sq.reduce((s, v) => s + v, 0) / b);
  const r1 = withR1.r1!.dataSync()[0];
  expect(byFiniteDifferences).toBeGreaterThan(0);
  expect(Math.abs(r1 - byFiniteDifferences) / byFiniteDifferences).toBeLessThan(0.02);
  const overWholeInput = r1Penalty(critic, real, gamma).penalty.dataSync()[0];
  expect(Math.abs(overWholeInput - r1) / r1).toBeGreaterThan(0.05); // the labels' gradient is not counted
  ganRecipe.dispose!(models);
}, 60_000);
