import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, test } from 'vitest';
import { r1Penalty, r2Penalty } from './r1-r2.js';
import { centralDiff, expectClose, mean, norm, penaltyAndGrads, rows, take, useCpuBackend, variable } from './testing/float64.js';

useCpuBackend();

/** Deterministic inputs without tf randomness: x_k = amp * sin(1.3 k + phase). */
const wave = (shape: number[], phase: number, amp = 1.5) => {
  const n = shape.reduce((a, b) => a * b, 1);
  return tf.tensor(Array.from({ length: n }, (_, k) => amp * Math.sin(1.3 * k + phase)), shape);
};

describe('R1 and R2', () => {
  // Linear critic D(x) = x.w + b: grad_x D = w, so (Mescheder et al. 2018, eq. 9) the penalty is
  // gamma/2 ||w||^2 for any input, d/dw = gamma w, d/db = 0, gradNorm = ||w||.
  test.each([
    { shape: [5, 2], gamma: undefined },
    { shape: [3, 4, 4, 1], gamma: 4 },
  ])('linear critic on $shape, gamma $gamma: value, gradNorm and gradients equal the closed form', ({ shape, gamma }) => {
    const d = shape.slice(1).reduce((p, q) => p * q, 1);
    const wv = Array.from({ length: d }, (_, j) => 0.5 * Math.cos(j + 0.4));
    const [w, b] = [variable(wv, [d, 1]), variable([-0.2], [1])];
    const critic = (x: tf.Tensor) => tf.add(tf.matMul(tf.reshape(x, [-1, d]), w), b); // [batch, 1]
    const g = gamma ?? 10;
    for (const [penalty, x] of [[r1Penalty, wave(shape, 0)], [r2Penalty, wave(shape, 2)]] as const) {
      const got = penaltyAndGrads(() => penalty(critic, x, gamma).penalty, [w, b]);
      expectClose(got.value, (g / 2) * norm(wv) ** 2);
      expectClose(got.grads[0], wv.map((wi) => g * wi));
      expectClose(got.grads[1], [0]);
      const res = penalty(critic, x, gamma);
      res.penalty.dispose();
      expectClose(take(res.gradNorm), norm(wv));
      x.dispose();
    }
    tf.dispose([w, b]);
  });

  // D(x) = sum_j a_j x_j^2: ||grad D(x_i)||^2 = 4 sum_j a_j^2 x_ij^2, so R = gamma/2 mean_i of that and
  // d/da_j = 4 gamma a_j mean_i x_ij^2. R1 sees only real inputs, R2 only fake ones.
  test.each([[[4, 2]], [[3, 4, 4, 1]]])('D(x) = sum(a x^2) on %j: R1 on real, R2 on fake, per-sample norms', (shape) => {
    const d = shape.slice(1).reduce((p, q) => p * q, 1);
    const av = Array.from({ length: d }, (_, j) => 0.9 * Math.cos(0.7 * j + 0.2));
    const a = variable(av, shape.slice(1));
    const axes = shape.slice(1).map((_, i) => i + 1);
    const critic = (x: tf.Tensor) => tf.sum(tf.mul(a, tf.square(x)), axes); // [batch]
    const [real, fake] = [wave(shape, 0.3), wave(shape, 1.9, 1)];
    for (const [penalty, x] of [[r1Penalty, real], [r2Penalty, fake]] as const) {
      const xs = rows(x);
      const ref = (aa: number[]) => 5 * mean(xs.map((row) => 4 * row.reduce((s, xj, j) => s + aa[j] ** 2 * xj ** 2, 0))); // gamma 10
      const got = penaltyAndGrads(() => penalty(critic, x).penalty, [a]);
      expectClose(got.value, ref(av));
      expectClose(got.grads[0], av.map((aj, j) => 40 * aj * mean(xs.map((row) => row[j] ** 2))));
      expectClose(got.grads[0], centralDiff(ref, av), 1e-4); // the closed form itself, by differences
      const res = penalty(critic, x);
      res.penalty.dispose();
      expectClose(take(res.gradNorm), mean(xs.map((row) => 2 * norm(row.map((xj, j) => av[j] * xj)))));
    }
    const [v1, v2] = [take(r1Penalty(critic, real).penalty), take(r2Penalty(critic, fake).penalty)];
    expect(Math.abs(v1 - v2)).toBeGreaterThan(0.1); // the two inputs really differ
    tf.dispose([a, real, fake]);
  });
});
