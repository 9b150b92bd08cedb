import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '@stablegen/backend';
import { createRng } from '@stablegen/random';
import { beforeAll, expect, test } from 'vitest';
import { SpectralNorm } from './spectral-norm-state.js';
import { matMul, powerStep, topSingular } from './testing/float64.js';

beforeAll(async () => {
  await initBackend('cpu', { log: () => {} });
});

const rng = createRng(7);
const randn = (n: number) => Array.from({ length: n }, () => rng.normal());
const values = (t: tf.Tensor) => Array.from(t.dataSync());

test('create: u [1, n] is a seeded, non-trainable variable (same seed, same u)', () => {
  const [a, b, c] = [SpectralNorm.create(5, 11), SpectralNorm.create(5, 11), SpectralNorm.create(5, 12)];
  expect(a.u.shape).toEqual([1, 5]);
  expect(a.u.trainable).toBe(false);
  expect(values(a.u)).toEqual(values(b.u));
  expect(values(a.u)).not.toEqual(values(c.u));
  expect(a.sigma).toBeUndefined();
  [a, b, c].forEach((s) => s.dispose());
});

test('basic: apply returns W / sigma; u advances to the float64 power step only when training', () => {
  const wv = randn(4 * 3);
  const w = tf.tensor2d(wv, [4, 3]);
  const sn = SpectralNorm.create(3, 1);
  const u0 = values(sn.u);
  const ref = powerStep(wv, 4, 3, u0); // Miyato et al. Algorithm 1, float64
  tf.dispose(sn.apply(w, false));
  expect(values(sn.u)).toEqual(u0); // training = false: u untouched
  expect(sn.sigma).toBeCloseTo(ref.sigma, 5);
  const wSn = sn.apply(w, true);
  values(wSn).forEach((x, i) => expect(x).toBeCloseTo(wv[i] / ref.sigma, 5));
  values(sn.u).forEach((x, i) => expect(x).toBeCloseTo(ref.u[i], 6));
  tf.dispose([w, wSn]);
  sn.dispose();
});

test('u persists across training calls (never re-randomised) and sigma converges to the exact value', () => {
  const wv = randn(9 * 5);
  const w = tf.tensor2d(wv, [9, 5]);
  const sn = SpectralNorm.create(5, 3, { powerIterations: 2 });
  let uRef = values(sn.u);
  for (let i = 0; i < 40; i++) {
    tf.dispose(sn.apply(w, true));
    uRef = powerStep(wv, 9, 5, powerStep(wv, 9, 5, uRef).u).u; // two float64 steps per call
  }
  values(sn.u).forEach((x, i) => expect(x).toBeCloseTo(uRef[i], 4));
  const exact = topSingular(wv, 9, 5).sigma1; // float64 SVD (ml-matrix)
  expect(Math.abs((sn.sigma as number) - exact) / exact).toBeLessThan(0.01);
  tf.dispose(w);
  sn.dispose();
});

test('gradients inside optimizer.minimize and a nested tf.grad (penalty) match float64 differences', () => {
  // loss(W) = sum(g^2), g = d/dx [ sum((x W_sn)^2) / 2 ] = x W_sn W_sn^T, W_sn = W / (v W u^T)
  const [b, m, n] = [2, 3, 2];
  const [xv, wv] = [randn(b * m), randn(m * n)];
  const x = tf.tensor2d(xv, [b, m]);
  const w = tf.variable(tf.tensor2d(wv, [m, n]));
  const sn = SpectralNorm.create(n, 5);
  const u0 = values(sn.u);
  const lr = 1e-3;
  tf.train.sgd(lr).minimize(() => {
    const gx = tf.grad((xx: tf.Tensor) => tf.div(tf.sum(tf.square(tf.matMul(xx as tf.Tensor2D, sn.apply(w, true) as tf.Tensor2D))), 2))(x);
    return tf.sum(tf.square(gx)) as tf.Scalar;
  }, false, [w]);
  // Reference: v, u' from one power step at W (frozen), loss in float64, central differences.
  const { v, u: u1 } = powerStep(wv, m, n, u0);
  const loss = (ww: number[]) => {
    const sigma = v.reduce((s, vi, i) => s + vi * u1.reduce((t, uj, j) => t + ww[i * n + j] * uj, 0), 0);
    const ws = ww.map((a) => a / sigma);
    const wsT = Array.from({ length: n * m }, (_, k) => ws[(k % m) * n + Math.floor(k / m)]);
    return matMul(matMul(xv, ws, b, m, n), wsT, b, n, m).reduce((s, g) => s + g * g, 0);
  };
  const after = values(w);
  wv.forEach((_, k) => {
    const [p, q] = [[...wv], [...wv]];
    p[k] += 1e-6;
    q[k] -= 1e-6;
    const grad = (loss(p) - loss(q)) / 2e-6;
    expect((wv[k] - after[k]) / lr).toBeCloseTo(grad, 2); // SGD: W' = W - lr * grad
  });
  values(sn.u).forEach((a, i) => expect(a).toBeCloseTo(u1[i], 6)); // one training apply, one step
  tf.dispose([x, w]);
  sn.dispose();
});

test('leaks no tensors: apply (training or not), sigma; dispose frees u and the sigma record', () => {
  const before = tf.memory().numTensors;
  const sn = SpectralNorm.create(4, 2);
  const w = tf.randomNormal([3, 3, 2, 4], 0, 1, 'float32', 8);
  const during = tf.memory().numTensors;
  tf.dispose([sn.apply(w, true), sn.apply(w, false)]);
  expect(Number.isFinite(sn.sigma)).toBe(true);
  expect(tf.memory().numTensors).toBe(during);
  sn.dispose();
  w.dispose();
  expect(tf.memory().numTensors).toBe(before);
});

test('throws when u is not [1, n] or powerIterations is not an integer >= 1', () => {
  const bad = tf.variable(tf.zeros([2, 3]), false);
  expect(() => new SpectralNorm(bad)).toThrow(/\[1, n\]/);
  expect(() => SpectralNorm.create(3, 1, { powerIterations: 0 })).toThrow(/powerIterations/);
  bad.dispose();
});
