import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '@stablegen/backend';
import { beforeAll, describe, expect, test } from 'vitest';
import { logSigmoid, stableSoftplus } from './stable.js';
import { expectClose, sigmoid, sp } from './testing/float64.js';

beforeAll(async () => {
  await initBackend('cpu', { log: () => {} });
});

const read = (t: tf.Tensor) => {
  const v = Array.from(t.dataSync());
  t.dispose();
  return v;
};
// Normal float32 range: relative accuracy is checkable down to sp(-80) = 1.8e-35.
const XS = [-80, -30, -13, -12, -5, -1, -1e-3, 0, 1e-3, 1, 5, 12, 30, 80];

describe('stableSoftplus', () => {
  test('basic: matches float64 log1p(exp(x)) and tf.softplus to float32 precision', () => {
    const x = tf.tensor1d(XS);
    const ours = read(stableSoftplus(x));
    const theirs = read(tf.softplus(x)); // an independent implementation (the backend's kernel)
    XS.forEach((xi, i) => {
      expect(Math.abs(ours[i] - sp(xi)) / sp(xi)).toBeLessThan(1e-6);
      expect(Math.abs(ours[i] - theirs[i]) / sp(xi)).toBeLessThan(1e-6);
    });
    x.dispose();
  });

  test('stays finite and takes its limit at +-100', () => {
    // softplus(100) = 100 + 3.7e-44 -> 100 in float32; softplus(-100) = 3.7e-44, a float32 denormal
    const [hi, lo] = read(stableSoftplus(tf.tensor1d([100, -100])));
    expect(hi).toBe(100);
    expect(lo).toBeGreaterThanOrEqual(0);
    expect(lo).toBeLessThan(1e-40);
  });

  test('gradients: d softplus / dx = sigmoid(x), including at the kink of |x| at 0', () => {
    const xs = [-100, -5, -0.5, 0, 0.5, 5, 100];
    const g = read(tf.grad((x: tf.Tensor) => tf.sum(stableSoftplus(x)))(tf.tensor1d(xs)));
    xs.forEach((x, i) => expectClose(g[i], sigmoid(x), 1e-6));
  });
});

describe('logSigmoid', () => {
  test('basic: log(sigmoid(x)) = -softplus(-x), finite at +-100', () => {
    const xs = [-100, -12, -1, 0, 1, 12, 100];
    const got = read(logSigmoid(tf.tensor1d(xs)));
    xs.forEach((x, i) => expectClose(got[i], -sp(-x), 1e-6)); // log sigmoid(-100) = -100, not -Infinity
  });

  test('gradients: d log(sigmoid(x)) / dx = sigmoid(-x)', () => {
    const xs = [-100, -3, 0, 3, 100];
    const g = read(tf.grad((x: tf.Tensor) => tf.sum(logSigmoid(x)))(tf.tensor1d(xs)));
    xs.forEach((x, i) => expectClose(g[i], sigmoid(-x), 1e-6));
  });
});

test('leaks no tensors', () => {
  const x = tf.tensor1d(XS);
  stableSoftplus(x).dispose(); // warm-up: first calls may cache scalar constants in the backend
  logSigmoid(x).dispose();
  const before = tf.memory().numTensors;
  stableSoftplus(x).dispose();
  logSigmoid(x).dispose();
  expect(tf.memory().numTensors).toBe(before);
  x.dispose();
});
