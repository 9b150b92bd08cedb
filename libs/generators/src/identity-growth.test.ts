import * as tf from '@tensorflow/tfjs-core';
import { nearestUpsample } from '@stablegen/layers';
import { createRng } from '@stablegen/random';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectClose, useCpu, values } from '@stablegen/backend/testing';
import { firstNarrowStage, orthonormalColumns } from './identity-growth.js';
import { ProgressiveGenerator } from './progressive-generator.js';

beforeAll(useCpu);

const LATENT = 16;
const make = (identityGrowth: boolean, equalizedLR = true, widths = [4, 8, 16]) =>
  new ProgressiveGenerator({ latentDim: LATENT, widths, channels: 3, equalizedLR, identityGrowth, seed: 21 });
const latent = (n = 5) => tf.tensor2d(values(n * LATENT, 13).map((v) => 3 * v), [n, LATENT]);
const predict = (g: ProgressiveGenerator, z: tf.Tensor) => g.model.predict(z) as tf.Tensor;
const maxAbsDiff = (a: tf.Tensor, b: tf.Tensor) => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0];

describe('orthonormalColumns', () => {
  it('Q^T Q = I', () => {
    const [m, c] = [9, 4];
    const q = orthonormalColumns(m, c, createRng(3));
    for (let i = 0; i < c; i++) {
      for (let j = 0; j < c; j++) {
        let dot = 0;
        for (let r = 0; r < m; r++) dot += q[r * c + i] * q[r * c + j];
        expect(dot).toBeCloseTo(i === j ? 1 : 0, 12);
      }
    }
    expect(() => orthonormalColumns(3, 4, createRng(3))).toThrow(/at least 4 rows/);
  });
});

it('firstNarrowStage: the first stage under twice the one before, -1 when all double', () => {
  expect(firstNarrowStage([8, 16, 32, 64])).toBe(-1);
  expect(firstNarrowStage([8, 17, 40])).toBe(-1);
  expect(firstNarrowStage([32, 32, 16])).toBe(1);
  expect(firstNarrowStage([8, 16, 31])).toBe(2);
  expect(firstNarrowStage([4])).toBe(-1);
});

describe('identity growth of ProgressiveGenerator', () => {
  for (const equalizedLR of [true, false]) {
    it(`right after growing the output is the previous stage's, upsampled, at every alpha (equalised LR ${equalizedLR})`, () => {
      const g = make(true, equalizedLR);
      const z = latent();
      for (let stage = 1; stage <= 2; stage++) {
        if (stage > 1) g.alpha = 1; // the previous stage as it finished its fade
        const before = predict(g, z); // [5, r, r, 3]
        g.grow();
        for (const alpha of [0, 0.37, 1]) {
          g.alpha = alpha;
          expectClose(predict(g, z).dataSync(), nearestUpsample(before).dataSync(), 2e-5);
        }
      }
    });
  }

  it('without it the new block is random: at alpha 1 the output moves far from the previous stage', () => {
    const g = make(false);
    const z = latent();
    const before = predict(g, z);
    g.grow();
    g.alpha = 1;
    expect(maxAbsDiff(predict(g, z), nearestUpsample(before))).toBeGreaterThan(0.1);
  });

  it('every new weight gets a gradient, so training moves the block away from the identity', () => {
    const g = make(true);
    g.grow();
    g.alpha = 1;
    const z = latent();
    const target = tf.randomNormal([5, 8, 8, 3], 0, 1, 'float32', 4);
    const fresh = [...g.blocks[1], g.toRGB[1]].flatMap((l) => l.trainableWeights.map((w) => w.read() as tf.Variable));
    const { grads } = tf.variableGrads(() => tf.mean(tf.square(tf.sub(predict(g, z), target))) as tf.Scalar, fresh);
    const norms = fresh.map((v) => tf.norm(grads[v.name]).dataSync()[0]);
    expect(norms).toHaveLength(6); // two convs and toRGB, kernel + bias each
    for (const n of norms) expect(n).toBeGreaterThan(1e-6);
  });

  it('refuses widths that do not double, naming them; growing leaks nothing', () => {
    expect(() => make(true, true, [8, 8, 16])).toThrow(/at least twice as wide .* \[8, 8, 16\] has 8 after 8/);
    const g = make(true);
    const before = tf.memory().numTensors;
    g.grow(); // + two 3x3 convs and toRGB_1 (kernel + bias each), nothing else
    expect(tf.memory().numTensors - before).toBe(6);
    g.dispose();
  });
});
