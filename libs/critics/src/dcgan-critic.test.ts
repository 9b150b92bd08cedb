import * as tf from '@tensorflow/tfjs-core';
import { model, type SymbolicTensor } from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { checkPenaltyGradient } from '../test/double-backprop.js';
import { expectNoLeak, useCpu, values } from '@stablegen/backend/testing';
import { createRng } from '@stablegen/random';
import { recordingWeights } from '../test/recording-weights.js';
import { buildDcganCritic } from './dcgan-critic.js';
import { dcganWeightLayers } from './weight-layers.js';

beforeAll(useCpu);

/** Parameters of a 4x4 conv cIn -> cOut with bias. */
const conv4 = (cIn: number, cOut: number): number => 16 * cIn * cOut + cOut;
const quiet = { warn: () => undefined };
const read = (t: tf.Tensor): number[] => Array.from(t.dataSync());

describe('buildDcganCritic', () => {
  it('MNIST default: conv 1 -> 32 (14x14), conv 32 -> 64 (7x7), dense 3136 -> 1; parameters by hand', () => {
    const d = buildDcganCritic({ resolution: 28, seed: 1 });
    expect(d.inputs[0].shape).toEqual([null, 28, 28, 1]);
    expect(d.outputs[0].shape).toEqual([null, 1]);
    expect(d.countParams()).toBe(conv4(1, 32) + conv4(32, 64) + 7 * 7 * 64 + 1);
    expect((d.predict(tf.zeros([3, 28, 28, 1])) as tf.Tensor).shape).toEqual([3, 1]);
  });

  it('shapes at 32 and 64 with 3 channels', () => {
    const d32 = buildDcganCritic({ resolution: 32, channels: 3, seed: 1 });
    // dcganWidths(32) reversed: 16 -> 32 -> 64, then a dense head on 4 x 4 x 64
    expect(d32.countParams()).toBe(conv4(3, 16) + conv4(16, 32) + conv4(32, 64) + 4 * 4 * 64 + 1);
    const d64 = buildDcganCritic({ resolution: 64, channels: 3, widths: [4, 4, 8, 8], seed: 1 });
    expect((d64.predict(tf.zeros([2, 64, 64, 3])) as tf.Tensor).shape).toEqual([2, 1]);
    expect(d64.countParams()).toBe(conv4(3, 4) + conv4(4, 4) + conv4(4, 8) + conv4(8, 8) + 4 * 4 * 8 + 1);
  });

  it('normalisation: layer / instance add gamma + beta per channel, batch 4 per channel, none on block 1', () => {
    const base = conv4(1, 32) + conv4(32, 64) + 3137;
    expect(buildDcganCritic({ resolution: 28, normalization: 'layer', seed: 1 }).countParams()).toBe(base + 2 * 64);
    expect(buildDcganCritic({ resolution: 28, normalization: 'instance', seed: 1 }).countParams()).toBe(base + 2 * 64);
    const bn = buildDcganCritic({ resolution: 28, normalization: 'batch', seed: 1, logger: quiet });
    expect(bn.countParams()).toBe(base + 4 * 64);
    const names = buildDcganCritic({ resolution: 28, normalization: 'layer', seed: 1 }).layers.map((l) => l.getClassName());
    expect(names.filter((n) => n === 'LayerNorm').length).toBe(1);
  });

  it("batch norm logs a warning through the injected logger; other choices do not", () => {
    const logger = { warn: vi.fn() };
    buildDcganCritic({ resolution: 28, normalization: 'batch', seed: 1, logger });
    expect(logger.warn).toHaveBeenCalledTimes(1);
    expect(logger.warn.mock.calls[0][0]).toMatch(/batch normalization in a critic/);
    for (const normalization of ['none', 'layer', 'instance'] as const) buildDcganCritic({ resolution: 28, normalization, seed: 1, logger });
    expect(logger.warn).toHaveBeenCalledTimes(1);
  });

  it('throws on an unknown normalisation or a resolution the widths cannot halve', () => {
    expect(() => buildDcganCritic({ resolution: 28, normalization: 'group' as never, seed: 1 })).toThrow(/unknown normalization/);
    expect(() => buildDcganCritic({ resolution: 28, widths: [4, 4, 4], seed: 1 })).toThrow(/divisible/);
  });

  it('same seed gives identical weights; different seeds differ', () => {
    const w = (seed: number) => Array.from(buildDcganCritic({ resolution: 8, widths: [4, 8], seed }).getWeights()[0].dataSync());
    expect(w(2)).toEqual(w(2));
    expect(w(2)).not.toEqual(w(3));
  });

  it('forward pass does not leak', () => {
    const d = buildDcganCritic({ resolution: 8, widths: [4, 8], normalization: 'layer', seed: 1 });
    const x = tf.zeros([2, 8, 8, 1]);
    expectNoLeak(() => d.predict(x) as tf.Tensor);
  });

  it('differentiable twice: variableGrads of ||grad_x critic||^2 is finite and matches a central difference', () => {
    const d = buildDcganCritic({ resolution: 8, widths: [4, 8], normalization: 'layer', seed: 4 });
    const x = tf.tensor4d(values(2 * 64, 5), [2, 8, 8, 1]);
    const before = tf.memory().numTensors;
    checkPenaltyGradient(d, x);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('every weight layer comes from an injected weightLayers factory (the spectral-norm hook)', () => {
    const rec = recordingWeights(dcganWeightLayers(createRng(2)));
    const d = buildDcganCritic({ resolution: 8, widths: [4, 8], seed: 1, weightLayers: rec });
    expect(rec.requests).toEqual([
      { kind: 'conv', request: { filters: 4, kernelSize: 4, strides: 2 } },
      { kind: 'conv', request: { filters: 8, kernelSize: 4, strides: 2 } },
      { kind: 'dense', request: { units: 1, gain: 1 } },
    ]);
    expect(new Set(d.layers.filter((l) => l.getWeights().length > 0))).toEqual(new Set(rec.made));
  });

  it('projection head (classes): D(x, y) = dense1(phi(x)) + <E y, phi(x)>, computed by hand from the weights; E starts N(0, 1)', () => {
    const d = buildDcganCritic({ resolution: 8, widths: [4, 8], classes: 3, seed: 5 });
    expect(d.inputs.map((i) => i.shape)).toEqual([[null, 8, 8, 1], [null, 3]]);
    expect(d.countParams()).toBe(conv4(1, 4) + conv4(4, 8) + (2 * 2 * 8 + 1) + 3 * 32);
    const rng = createRng(9);
    const x = tf.tensor4d(Float32Array.from({ length: 2 * 64 }, () => rng.normal()), [2, 8, 8, 1]);
    const y = tf.cast(tf.oneHot(tf.tensor1d([2, 0], 'int32'), 3), 'float32');
    const flatten = d.layers.find((l) => l.getClassName() === 'Flatten')!;
    const phi = read(model({ inputs: d.inputs[0], outputs: flatten.output as SymbolicTensor }).predict(x) as tf.Tensor); // [2, 32]
    const dense = d.layers.filter((l) => l.getClassName() === 'Dense');
    const score = dense.find((l) => l.getWeights()[0].shape[1] === 1)!;
    const embedding = dense.find((l) => l !== score)!;
    const [ws, bs] = score.getWeights().map(read); // [32, 1], [1]
    const [we] = embedding.getWeights().map(read); // [3, 32]
    const std = Math.sqrt(we.reduce((a, v) => a + v * v, 0) / we.length);
    expect(std).toBeGreaterThan(0.6); // N(0, 1) entries, not the convs' N(0, 0.02)
    expect(std).toBeLessThan(1.4);
    const expected = [2, 0].map((label, n) => {
      let sum = bs[0];
      for (let f = 0; f < 32; f++) sum += phi[n * 32 + f] * (ws[f] + we[label * 32 + f]);
      return sum;
    });
    const got = read(d.predict([x, y]) as tf.Tensor);
    expect(got[0]).toBeCloseTo(expected[0], 5);
    expect(got[1]).toBeCloseTo(expected[1], 5);
    const other = read(d.predict([x, tf.cast(tf.oneHot(tf.tensor1d([1, 1], 'int32'), 3), 'float32')]) as tf.Tensor);
    expect(Math.abs(other[0] - got[0])).toBeGreaterThan(1e-4); // the label moves the score
    const sn = buildDcganCritic({ resolution: 8, widths: [4, 8], classes: 3, spectralNorm: true, seed: 5 });
    expect(sn.inputs.length).toBe(2);
    expect(Number.isFinite(read(sn.predict([x, y]) as tf.Tensor)[0])).toBe(true);
  });
});
