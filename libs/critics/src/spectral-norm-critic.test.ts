import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '@stablegen/backend';
import { createRng } from '@stablegen/random';
import { SpectralNormConv2D, SpectralNormDense } from '@stablegen/spectral-norm';
import { beforeAll, expect, test } from 'vitest';
import { buildDcganCritic } from './dcgan-critic.js';
import { buildMlpCritic } from './mlp-critic.js';

beforeAll(async () => {
  await initBackend('cpu', { log: () => {} });
});

test('spectralNorm: every weight layer of the DCGAN and MLP critics is spectrally normalised', () => {
  const dcgan = buildDcganCritic({ resolution: 28, spectralNorm: true, rng: createRng(1) });
  const mlp = buildMlpCritic({ hidden: [16, 16], spectralNorm: true, rng: createRng(2) });
  for (const model of [dcgan, mlp]) {
    const weighted = model.layers.filter((l) => l.trainableWeights.length > 0);
    expect(weighted.length).toBeGreaterThan(0);
    expect(weighted.every((l) => l instanceof SpectralNormConv2D || l instanceof SpectralNormDense)).toBe(true);
  }
  // DCGAN at 28: conv 1->32, conv 32->64, dense -> 1 (widths reversed from the generator's)
  expect(dcgan.layers.filter((l) => l instanceof SpectralNormConv2D)).toHaveLength(2);
  expect(dcgan.layers.filter((l) => l instanceof SpectralNormDense)).toHaveLength(1);
  dcgan.dispose();
  mlp.dispose();
});

test('an SN critic is differentiable twice (gradient penalty)', () => {
  const critic = buildDcganCritic({ resolution: 28, spectralNorm: true, rng: createRng(3) });
  const x = tf.randomNormal([4, 28, 28, 1], 0, 1, 'float32', 5);
  const vars = critic.trainableWeights.map((w) => w.read() as tf.Variable);
  const { value, grads } = tf.variableGrads(() => {
    const gx = tf.grad((xx: tf.Tensor) => tf.sum(critic.apply(xx, { training: true }) as tf.Tensor))(x);
    return tf.mean(tf.square(gx)) as tf.Scalar;
  }, vars);
  expect(Number.isFinite(value.dataSync()[0])).toBe(true);
  expect(Object.values(grads).every((g) => Array.from(g.dataSync()).every(Number.isFinite))).toBe(true);
  tf.dispose([x, value, ...Object.values(grads)]);
  critic.dispose();
});
