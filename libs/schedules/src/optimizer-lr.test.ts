import * as tf from '@tensorflow/tfjs-core';
// tfjs-core does not register its gradients on import (the @tensorflow/tfjs union package does).
import '@tensorflow/tfjs-core/dist/register_all_gradients.js';
import { initBackend } from '@stablegen/backend';
import { beforeAll, describe, expect, it } from 'vitest';
import { learningRateDriver, setLearningRate } from './optimizer-lr.js';
import { linearWarmup } from './warmup.js';

beforeAll(async () => {
  await initBackend('cpu', { log: () => {} });
});

const G = [0.5, -3, 2]; // gradient of loss = sum(G * x) with respect to x

/** One optimizer step on loss = sum(G * x) from x = 0; returns the new x. */
function stepFromZero(opt: tf.Optimizer): number[] {
  const x = tf.variable(tf.zeros([3]));
  const g = tf.tensor1d(G);
  opt.minimize(() => tf.sum(tf.mul(g, x)) as tf.Scalar, false, [x]);
  const out = Array.from(x.dataSync());
  x.dispose();
  g.dispose();
  return out;
}

describe('setLearningRate', () => {
  it('basic: Adam reads the new rate on its next step', () => {
    for (const lr of [0.1, 0.003]) {
      const adam = tf.train.adam(1); // constructed with 1, then overridden
      setLearningRate(adam, lr);
      // Adam's first step: m_hat = g, v_hat = g^2, x1 = -lr * g / (|g| + eps), eps = 1e-7 (cpu).
      const expected = G.map((g) => (-lr * g) / (Math.abs(g) + 1e-7));
      // Relative 1e-5: Adam's bias corrections (1 - 0.9, 1 - 0.999) are computed in float32.
      stepFromZero(adam).forEach((v, i) => expect(Math.abs(v - expected[i])).toBeLessThan(1e-5 * Math.abs(expected[i])));
      adam.dispose();
    }
  });

  it('basic: SGD uses setLearningRate (its cached -lr scalar is replaced)', () => {
    const sgd = tf.train.sgd(1);
    setLearningRate(sgd, 0.25);
    // SGD: x1 = -lr * g.
    stepFromZero(sgd).forEach((v, i) => expect(v).toBeCloseTo(-0.25 * G[i], 6));
    sgd.dispose();
  });

  it('does not leak tensors (SGD / momentum recreate a kept scalar)', () => {
    const sgd = tf.train.sgd(1);
    const momentum = tf.train.momentum(1, 0.9);
    const before = tf.memory().numTensors;
    for (let i = 0; i < 5; i++) {
      setLearningRate(sgd, 0.1 * i);
      setLearningRate(momentum, 0.1 * i);
    }
    expect(tf.memory().numTensors).toBe(before);
    sgd.dispose();
    momentum.dispose();
  });

  it('throws when the optimizer has no learning rate or lr is invalid', () => {
    const adam = tf.train.adam(0.1);
    expect(() => setLearningRate(adam, -1)).toThrow(/setLearningRate: lr must be a finite number >= 0, got -1/);
    expect(() => setLearningRate(adam, NaN)).toThrow(/lr must be a finite number/);
    expect(() => setLearningRate({} as tf.Optimizer, 0.1)).toThrow(/has neither setLearningRate\(\) nor a numeric learningRate field/);
    adam.dispose();
  });
});

describe('learningRateDriver', () => {
  it('basic: sets schedule(step) and returns it', () => {
    const adam = tf.train.adam(1);
    const drive = learningRateDriver(adam, linearWarmup({ base: 0.01, steps: 10 }));
    expect(adam.getConfig().learningRate).toBe(0); // schedule(0) applied at construction
    expect(drive(4)).toBeCloseTo(0.004, 15); // 0.01 * 4/10
    expect(adam.getConfig().learningRate).toBeCloseTo(0.004, 15);
    expect(drive(50)).toBe(0.01);
    expect(adam.getConfig().learningRate).toBe(0.01);
    adam.dispose();
  });

  it('does not leak tensors over a driven training loop', () => {
    const sgd = tf.train.sgd(1);
    const x = tf.variable(tf.ones([3]));
    const g = tf.tensor1d(G);
    const before = tf.memory().numTensors;
    const drive = learningRateDriver(sgd, linearWarmup({ base: 0.1, steps: 3 }));
    let expected = [1, 1, 1];
    for (let step = 0; step < 5; step++) {
      const lr = drive(step);
      sgd.minimize(() => tf.sum(tf.mul(g, x)) as tf.Scalar, false, [x]);
      expected = expected.map((v, i) => v - lr * G[i]); // plain SGD in float64
    }
    expect(tf.memory().numTensors).toBe(before);
    Array.from(x.dataSync()).forEach((v, i) => expect(v).toBeCloseTo(expected[i], 5));
    x.dispose();
    g.dispose();
    sgd.dispose();
  });
});
