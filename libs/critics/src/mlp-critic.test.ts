import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { checkPenaltyGradient } from '../test/double-backprop.js';
import { expectClose, expectNoLeak, useCpu, values } from '@stablegen/backend/testing';
import { createRng } from '@stablegen/random';
import { recordingWeights } from '../test/recording-weights.js';
import { buildMlpCritic } from './mlp-critic.js';
import { glorotWeightLayers } from './weight-layers.js';

beforeAll(useCpu);

/** Plain-JS forward pass: LeakyReLU_0.2(x W + b) per hidden layer, linear last (weights [in, out]). */
function criticRef(x: number[], batch: number, weights: Float32Array[]): number[] {
  let h = x;
  let width = x.length / batch;
  for (let l = 0; l < weights.length; l += 2) {
    const [w, b] = [weights[l], weights[l + 1]];
    const next: number[] = [];
    for (let r = 0; r < batch; r++) {
      for (let o = 0; o < b.length; o++) {
        let s = b[o];
        for (let i = 0; i < width; i++) s += h[r * width + i] * w[i * b.length + o];
        next.push(l + 2 < weights.length && s < 0 ? 0.2 * s : s);
      }
    }
    h = next;
    width = b.length;
  }
  return h;
}

describe('buildMlpCritic', () => {
  it('default: 2 -> 128 -> 128 -> 128 -> 1; parameters counted by hand', () => {
    const d = buildMlpCritic({ seed: 1 });
    expect(d.outputs[0].shape).toEqual([null, 1]);
    expect(d.countParams()).toBe(2 * 128 + 128 + 2 * (128 * 128 + 128) + 128 + 1);
    expect((d.predict(tf.zeros([5, 2])) as tf.Tensor).shape).toEqual([5, 1]);
  });

  it('basic: output equals a plain-JS LeakyReLU(0.2) MLP with the same weights', () => {
    const d = buildMlpCritic({ hidden: [6, 5], seed: 2 });
    d.setWeights(d.getWeights().map((w, i) => (i % 2 === 1 ? tf.tensor1d(values(w.size, 60 + i)) : w)));
    const x = values(4 * 2, 3).map((v) => 3 * v);
    const expected = criticRef(x, 4, d.getWeights().map((w) => w.dataSync() as Float32Array));
    expectClose((d.predict(tf.tensor2d(x, [4, 2])) as tf.Tensor).dataSync(), expected, 1e-5);
  });

  it('layer norm adds gamma + beta per hidden unit; batch warns; instance throws', () => {
    const base = 2 * 8 + 8 + 8 * 8 + 8 + 8 + 1;
    expect(buildMlpCritic({ hidden: [8, 8], normalization: 'layer', seed: 1 }).countParams()).toBe(base + 2 * 16);
    const logger = { warn: vi.fn() };
    const bn = buildMlpCritic({ hidden: [8, 8], normalization: 'batch', seed: 1, logger });
    expect(bn.countParams()).toBe(base + 4 * 16);
    expect(logger.warn).toHaveBeenCalledTimes(1);
    expect(logger.warn.mock.calls[0][0]).toMatch(/real and fake/);
    expect(() => buildMlpCritic({ normalization: 'instance', seed: 1, logger })).toThrow(/spatial/);
    buildMlpCritic({ normalization: 'layer', seed: 1, logger });
    expect(logger.warn).toHaveBeenCalledTimes(1);
  });

  it('same seed gives identical weights; different seeds differ', () => {
    const w = (seed: number) => Array.from(buildMlpCritic({ hidden: [4], seed }).getWeights()[0].dataSync());
    expect(w(1)).toEqual(w(1));
    expect(w(1)).not.toEqual(w(2));
  });

  it('forward pass does not leak', () => {
    const d = buildMlpCritic({ hidden: [8], normalization: 'layer', seed: 1 });
    const x = tf.ones([3, 2]);
    expectNoLeak(() => d.predict(x) as tf.Tensor);
  });

  it('differentiable twice: variableGrads of ||grad_x critic||^2 is finite and matches a central difference', () => {
    for (const normalization of ['none', 'layer'] as const) {
      const d = buildMlpCritic({ hidden: [16, 16], normalization, seed: 7 });
      const x = tf.tensor2d(values(8 * 2, 8), [8, 2]);
      const before = tf.memory().numTensors;
      checkPenaltyGradient(d, x);
      expect(tf.memory().numTensors).toBe(before);
    }
  });

  it('every weight layer comes from an injected weightLayers factory (the spectral-norm hook)', () => {
    const rec = recordingWeights(glorotWeightLayers(createRng(2)));
    const d = buildMlpCritic({ hidden: [6, 5], seed: 1, weightLayers: rec });
    expect(rec.requests.map((r) => r.request)).toEqual([{ units: 6 }, { units: 5 }, { units: 1, gain: 1 }]);
    expect(new Set(d.layers.filter((l) => l.getWeights().length > 0))).toEqual(new Set(rec.made));
  });
});
