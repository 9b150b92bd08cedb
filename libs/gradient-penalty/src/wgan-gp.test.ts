import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, test } from 'vitest';
import { centralDiff, drawE, expectClose, interpolate, mean, norm, penaltyAndGrads, rows, take, useCpuBackend, variable } from './testing/float64.js';
import { wganGradientPenalty } from './wgan-gp.js';

useCpuBackend();

/** Deterministic inputs without tf randomness: x_k = amp * sin(1.3 k + phase). */
const wave = (shape: number[], phase: number, amp = 1.5) => {
  const n = shape.reduce((a, b) => a * b, 1);
  return tf.tensor(Array.from({ length: n }, (_, k) => amp * Math.sin(1.3 * k + phase)), shape);
};

describe('wganGradientPenalty, linear critic D(x) = x.w + b', () => {
  // grad_x D = w for every interpolate, so (Gulrajani et al. eq. 3) penalty = lambda (||w|| - t)^2,
  // d/dw = 2 lambda (||w|| - t) w / ||w||, d/db = 0; one-sided: the same above t, 0 below.
  test.each([
    { name: 'norm above target, defaults', wv: [0.8, -0.9], lambda: undefined, target: undefined },
    { name: 'norm below target, defaults', wv: [0.3, -0.4], lambda: undefined, target: undefined },
    { name: 'lambda 5, target 0.5, norm above', wv: [0.6, 0.8], lambda: 5, target: 0.5 },
    { name: 'lambda 5, target 2, norm below', wv: [0.6, 0.8], lambda: 5, target: 2 },
  ])('2-D inputs [batch, 2], $name: value, gradNorm and gradients equal the closed form', ({ wv, lambda, target }) => {
    const [w, b] = [variable(wv, [2, 1]), variable([0.7], [1])];
    const [r, f] = [wave([5, 2], 0), wave([5, 2], 2)];
    const critic = (x: tf.Tensor) => tf.add(tf.matMul(x, w), b); // [batch, 1]
    const [lam, t, n] = [lambda ?? 10, target ?? 1, norm(wv)];
    for (const oneSided of [false, true]) {
      const active = !oneSided || n > t;
      const got = penaltyAndGrads(() => wganGradientPenalty(critic, r, f, { seed: 3, lambda, target, oneSided }).penalty, [w, b]);
      expectClose(got.value, active ? lam * (n - t) ** 2 : 0);
      expectClose(got.grads[0], wv.map((wi) => (active ? (2 * lam * (n - t) * wi) / n : 0)));
      expectClose(got.grads[1], [0]);
    }
    const { penalty, gradNorm } = wganGradientPenalty(critic, r, f, { seed: 3 });
    penalty.dispose();
    expectClose(take(gradNorm), n);
    tf.dispose([w, b, r, f]);
  });

  test('image inputs [batch, 4, 4, 1]: value, gradNorm and gradients equal the closed form', () => {
    const wv = Array.from({ length: 16 }, (_, i) => Math.cos(i) * 0.4);
    const w = variable(wv, [16, 1]);
    const [r, f] = [wave([3, 4, 4, 1], 0.5), wave([3, 4, 4, 1], 1)];
    const critic = (x: tf.Tensor) => tf.matMul(tf.reshape(x, [-1, 16]), w); // [batch, 16] -> [batch, 1]
    const n = norm(wv);
    const got = penaltyAndGrads(() => wganGradientPenalty(critic, r, f, { seed: 5 }).penalty, [w]);
    expectClose(got.value, 10 * (n - 1) ** 2);
    expectClose(got.grads[0], wv.map((wi) => (20 * (n - 1) * wi) / n));
    const { penalty, gradNorm } = wganGradientPenalty(critic, r, f, { seed: 5 });
    penalty.dispose();
    expectClose(take(gradNorm), n);
    tf.dispose([w, r, f]);
  });
});

describe('wganGradientPenalty, per-sample interpolation', () => {
  // D(x) = sum_j a_j x_j^2 has grad_x D = 2 a x, so ||g_i|| = 2 sqrt(sum_j a_j^2 x^_ij^2) depends on
  // the interpolate; e is reproduced by the same tf.randomUniform draw, the rest is float64 JS.
  test.each([
    { shape: [4, 2], seed: 11, lambda: 2, target: 1 },
    { shape: [3, 4, 4, 1], seed: 7, lambda: 10, target: 1.5 },
  ])('D(x) = sum(a x^2) on $shape: value, gradNorm and d/da match float64 JS and central differences', ({ shape, seed, lambda, target }) => {
    const d = shape.slice(1).reduce((p, q) => p * q, 1);
    const av = Array.from({ length: d }, (_, j) => 0.9 * Math.cos(0.7 * j + 0.2));
    const a = variable(av, shape.slice(1));
    const [r, f] = [wave(shape, 0.3), wave(shape, 1.9, 1)];
    const axes = shape.slice(1).map((_, i) => i + 1);
    const critic = (x: tf.Tensor) => tf.sum(tf.mul(a, tf.square(x)), axes); // [batch]
    const xHat = interpolate(rows(r), rows(f), drawE(shape[0], shape.length, seed));
    const norms = (aa: number[]) => xHat.map((row) => 2 * norm(row.map((x, j) => aa[j] * x)));
    for (const oneSided of [false, true]) {
      const ref = (aa: number[]) => lambda * mean(norms(aa).map((g) => (oneSided ? Math.max(0, g - target) : g - target) ** 2));
      const got = penaltyAndGrads(() => wganGradientPenalty(critic, r, f, { seed, lambda, target, oneSided }).penalty, [a]);
      expectClose(got.value, ref(av));
      expectClose(got.grads[0], centralDiff(ref, av), 1e-4);
    }
    if (shape.length === 2) expect(norms(av).some((g) => g < target) && norms(av).some((g) => g > target)).toBe(true); // both sides of the target
    const { penalty, gradNorm } = wganGradientPenalty(critic, r, f, { seed, lambda, target });
    penalty.dispose();
    expectClose(take(gradNorm), mean(norms(av)));
    tf.dispose([a, r, f]);
  });
});

test('throws when real and fake shapes differ', () => {
  const [r, f] = [tf.zeros([4, 2]), tf.zeros([1, 2])]; // would silently broadcast
  expect(() => wganGradientPenalty((x) => tf.sum(x, 1), r, f, { seed: 1 })).toThrow('wganGradientPenalty: real [4,2] and fake [1,2] must have the same shape');
  tf.dispose([r, f]);
});
