import * as tf from '@tensorflow/tfjs-core';
import { cloneLayersModel } from '@stablegen/layers';
import { createRng } from '@stablegen/random';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectClose, expectNoLeak, useCpu, values } from '@stablegen/backend/testing';
import { buildDcganGenerator } from './dcgan-generator.js';

beforeAll(useCpu);

/** Parameters of a k x k transposed conv cIn -> cOut: k*k*cOut*cIn weights (+ cOut biases). */
const convT = (cIn: number, cOut: number, bias = true): number => 16 * cIn * cOut + (bias ? cOut : 0);

describe('buildDcganGenerator', () => {
  it('MNIST default: dense 64 -> 7x7x64, convT 64 -> 32, convT 32 -> 1; parameters counted by hand', () => {
    const g = buildDcganGenerator({ resolution: 28, seed: 1 });
    expect(g.inputs[0].shape).toEqual([null, 64]);
    expect(g.outputs[0].shape).toEqual([null, 28, 28, 1]);
    // dense 64 * 3136 + 3136 bias; convT 4x4 64 -> 32 (+32); convT 4x4 32 -> 1 (+1)
    expect(g.countParams()).toBe(64 * 3136 + 3136 + convT(64, 32) + convT(32, 1));
    const y = g.predict(tf.randomNormal([3, 64], 0, 1, 'float32', 5)) as tf.Tensor;
    expect(y.shape).toEqual([3, 28, 28, 1]);
    expect(tf.max(tf.abs(y)).dataSync()[0]).toBeLessThanOrEqual(1); // tanh output
  });

  it('shapes at 32 and 64 with 3 channels (symbolic, default widths) and a forward pass', () => {
    expect(buildDcganGenerator({ resolution: 32, channels: 3, seed: 1 }).outputs[0].shape).toEqual([null, 32, 32, 3]);
    const big = buildDcganGenerator({ resolution: 64, channels: 3, seed: 1 });
    expect(big.outputs[0].shape).toEqual([null, 64, 64, 3]);
    // dcganWidths(64) = [64, 32, 16, 8]: dense 64 -> 4 * 4 * 64 (+ bias), then 64 -> 32 -> 16 -> 8 -> 3
    expect(big.countParams()).toBe(64 * 1024 + 1024 + convT(64, 32) + convT(32, 16) + convT(16, 8) + convT(8, 3));
    const small = buildDcganGenerator({ resolution: 64, channels: 3, widths: [16, 8, 8, 4], latentDim: 8, seed: 2 });
    expect((small.predict(tf.ones([2, 8])) as tf.Tensor).shape).toEqual([2, 64, 64, 3]);
  });

  it('batch norm: no bias before a norm; 4 parameters per normalised channel', () => {
    const g = buildDcganGenerator({ resolution: 28, batchNorm: true, seed: 1 });
    // dense without bias, BN(64): gamma, beta, moving mean, moving variance; convT 64 -> 32 without bias, BN(32)
    expect(g.countParams()).toBe(64 * 3136 + 4 * 64 + convT(64, 32, false) + 4 * 32 + convT(32, 1));
    const y = g.apply(tf.ones([2, 64]), { training: true }) as tf.Tensor;
    expect(y.shape).toEqual([2, 28, 28, 1]);
  });

  it('same seed gives identical weights; a different seed differs; rng is accepted', () => {
    const flat = (seed: number) => buildDcganGenerator({ resolution: 28, widths: [8, 4], seed }).getWeights().map((w) => Array.from(w.dataSync()));
    expect(flat(3)).toEqual(flat(3));
    expect(flat(3)[0]).not.toEqual(flat(4)[0]);
    const a = buildDcganGenerator({ resolution: 28, widths: [8, 4], rng: createRng(9) }).getWeights()[0].dataSync();
    const b = buildDcganGenerator({ resolution: 28, widths: [8, 4], rng: createRng(9) }).getWeights()[0].dataSync();
    expect(Array.from(a)).toEqual(Array.from(b));
  });

  it('weights are N(0, 0.02) (Radford et al. 2016): 200704 draws, std within 1%', () => {
    const kernel = buildDcganGenerator({ resolution: 28, seed: 1 }).getWeights()[0].dataSync();
    let sq = 0;
    for (const v of kernel) sq += v * v;
    expect(Math.abs(Math.sqrt(sq / kernel.length) / 0.02 - 1)).toBeLessThan(0.01);
  });

  it('throws when widths do not fit the resolution, or no seed is given', () => {
    expect(() => buildDcganGenerator({ resolution: 28, widths: [8, 8, 8], seed: 1 })).toThrow(/divisible/);
    expect(() => buildDcganGenerator({ resolution: 28 } as never)).toThrow(/seed/);
  });

  it('save / load round trip gives identical outputs', async () => {
    const g = buildDcganGenerator({ resolution: 28, widths: [8, 4], batchNorm: true, seed: 6 });
    const z = tf.tensor2d(values(2 * 64, 3), [2, 64]);
    const loaded = await cloneLayersModel(g);
    expectClose((loaded.predict(z) as tf.Tensor).dataSync(), (g.predict(z) as tf.Tensor).dataSync(), 0);
  });

  it('forward pass does not leak tensors', () => {
    const g = buildDcganGenerator({ resolution: 32, channels: 3, widths: [8, 8, 4], batchNorm: true, seed: 1 });
    const z = tf.ones([2, 64]);
    expectNoLeak(() => g.predict(z) as tf.Tensor);
    expectNoLeak(() => g.apply(z, { training: true }) as tf.Tensor);
  });
});
