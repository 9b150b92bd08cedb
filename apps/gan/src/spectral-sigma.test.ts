/**
 * --spectral-norm logs stab/critic/sigma/layerNN_<name> for every spectrally normalised critic layer: the
 * sigma that layer divided its kernel by on its last call (the layer's own sigma()). That is a
 * power-iteration estimate v W u^T with unit v, u, so it can never exceed the kernel's top singular
 * value (2,000 float64 power iterations computed here from the kernel), and after 40 steps of
 * training, one power step per call from the persistent u, it tracks it within 5%.
 */
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '@stablegen/backend';
import { createRng } from '@stablegen/random';
import { SpectralNormConv2D, SpectralNormDense } from '@stablegen/spectral-norm';
import { beforeAll, expect, test } from 'vitest';
import { ganSchema } from './config.js';
import { ganRecipe } from './recipe.js';

beforeAll(async () => {
  await initBackend('wasm', { log: () => {} });
});

/** Top singular value of a [m, n] matrix (row-major) by power iteration on W^T W in float64. */
function topSingularValue(w: Float32Array, m: number, n: number): number {
  let v = Array.from({ length: n }, (_, i) => 1 + i / n);
  let sigma = 0;
  for (let it = 0; it < 2000; it++) {
    const u = Array.from({ length: m }, (_, i) => v.reduce((s, vj, j) => s + w[i * n + j] * vj, 0)); // W v
    const next = Array.from({ length: n }, (_, j) => u.reduce((s, ui, i) => s + w[i * n + j] * ui, 0)); // W^T W v
    const norm = Math.hypot(...next);
    sigma = Math.sqrt(norm / Math.hypot(...v));
    v = next.map((x) => x / norm);
  }
  return sigma;
}

test('sigma of every SN layer is logged, equals the layer\'s own estimate and tracks the top singular value from below', async () => {
  const config = Object.freeze(ganSchema.parse({ dataset: 'ring8', batchSize: 32, latentDim: 2, mlpWidth: 16, mlpDepth: 2, evalSamples: 40, spectralNorm: true }));
  const m = await ganRecipe.build(config, createRng(1));
  const rng = createRng(2);
  let metrics: Record<string, number> = {};
  for (let step = 1; step <= 40; step++) metrics = tf.tidy(() => ganRecipe.step(m, { step, rng, config }));
  const snLayers = m.critic.layers.filter((l): l is SpectralNormDense | SpectralNormConv2D => l instanceof SpectralNormDense || l instanceof SpectralNormConv2D);
  expect(snLayers.length).toBe(3); // two hidden dense layers and the output layer
  const logged = Object.keys(metrics).filter((k) => k.startsWith('stab/critic/sigma/'));
  // one key per layer, input side first, without tfjs's global layer counter (the same in every run)
  const keys = snLayers.map((l, i) => `stab/critic/sigma/layer0${i + 1}_${l.name.replace(/\d+$/, '')}`);
  expect(logged).toEqual(keys);
  expect(new Set(logged).size).toBe(3);
  for (const [i, layer] of snLayers.entries()) {
    const sigma = metrics[keys[i]];
    expect(sigma).toBe(layer.sigma());
    const kernel = layer.getWeights()[0];
    const n = kernel.shape[kernel.shape.length - 1];
    const exact = topSingularValue(kernel.dataSync() as Float32Array, kernel.size / n, n);
    expect(sigma, layer.name).toBeLessThanOrEqual(exact * (1 + 1e-5));
    expect(sigma / exact, layer.name).toBeGreaterThan(0.95);
  }
  const plain = tf.tidy(() => ganRecipe.step(m, { step: 41, rng, config: { ...config, spectralNorm: false } }));
  expect(Object.keys(plain).some((k) => k.includes('sigma'))).toBe(false); // only logged with --spectral-norm
  ganRecipe.dispose!(m);
});
