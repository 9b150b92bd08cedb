import * as tf from '@tensorflow/tfjs-core';
import { describe, test } from 'vitest';
import { driftPenalty } from './drift.js';
import { expectClose, mean, penaltyAndGrads, take, useCpuBackend, variable } from './testing/float64.js';

useCpuBackend();

describe('driftPenalty', () => {
  test('basic: epsilon mean(D(real)^2) for scores [batch] and [batch, 1]', () => {
    // 0.001 (4 + 1 + 0.25) / 3 = 0.00175 (Karras et al. 2018, sec. A.1, epsilon_drift = 0.001)
    expectClose(take(driftPenalty(tf.tensor1d([2, -1, 0.5]))), 0.00175, 1e-9);
    expectClose(take(driftPenalty(tf.tensor2d([[2], [-1], [0.5]]), 0.1)), 0.175, 1e-7);
  });

  test('gradients through a linear critic: d/dw = 2 eps mean(s_i x_i), d/db = 2 eps mean(s_i)', () => {
    const xs = [[1, 2], [-1, 0.5], [0.3, -1.7]];
    const [wv, bv] = [[0.8, -0.6], 0.4];
    const [w, b] = [variable(wv, [2, 1]), variable([bv], [1])];
    const x = tf.tensor2d(xs);
    const s = xs.map((row) => row[0] * wv[0] + row[1] * wv[1] + bv); // D(x_i) in float64
    const got = penaltyAndGrads(() => tf.tidy(() => driftPenalty(tf.add(tf.matMul(x, w), b), 0.01)), [w, b]);
    expectClose(got.value, 0.01 * mean(s.map((si) => si * si)), 1e-7);
    expectClose(got.grads[0], [0, 1].map((j) => 0.02 * mean(s.map((si, i) => si * xs[i][j]))), 1e-7);
    expectClose(got.grads[1], [0.02 * mean(s)], 1e-7);
    tf.dispose([w, b, x]);
  });
});
