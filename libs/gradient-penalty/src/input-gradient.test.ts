import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, test } from 'vitest';
import { inputGradientSquaredNorms } from './input-gradient.js';
import { expectClose, rows, useCpuBackend } from './testing/float64.js';

useCpuBackend();

describe('inputGradientSquaredNorms', () => {
  // D(x) = sum_j a_j x_j^2 + 3: grad_x D(x_i) = 2 a x_i, squared norm 4 sum_j a_j^2 x_ij^2
  test.each([[[4, 2]], [[3, 4, 4, 1]]])('basic: per-sample squared norms over all non-batch axes, input %j', (shape) => {
    const n = shape.reduce((p, q) => p * q, 1);
    const d = n / shape[0];
    const av = Array.from({ length: d }, (_, j) => Math.cos(j));
    const a = tf.tensor(av, shape.slice(1));
    const x = tf.tensor(Array.from({ length: n }, (_, k) => Math.sin(0.9 * k)), shape);
    const axes = shape.slice(1).map((_, i) => i + 1);
    const want = rows(x).map((row) => 4 * row.reduce((s, xj, j) => s + av[j] ** 2 * xj ** 2, 0));
    for (const column of [false, true]) { // scores [batch] or [batch, 1]
      const critic = (t: tf.Tensor) => {
        const s = tf.add(tf.sum(tf.mul(a, tf.square(t)), axes), 3); // [batch]
        return column ? tf.reshape(s, [-1, 1]) : s;
      };
      const sq = inputGradientSquaredNorms(critic, x);
      expect(sq.shape).toEqual([shape[0]]);
      expectClose(Array.from(sq.dataSync()), want);
      sq.dispose();
    }
    tf.dispose([a, x]);
  });
});
