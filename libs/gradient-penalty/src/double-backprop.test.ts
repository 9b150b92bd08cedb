/**
 * Integration: the penalty inside a critic update, with a nonlinear critic. LeakyReLU's gradient
 * uses `Greater`, which has no gradient in tfjs 4.22; this passes only with the gradient fixes of
 * @stablegen/backend registered (useCpuBackend does that).
 */
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, test } from 'vitest';
import { centralDiff, drawE, expectClose, interpolate, mean, norm, penaltyAndGrads, rows, useCpuBackend, variable } from './testing/float64.js';
import { wganGradientPenalty } from './wgan-gp.js';

useCpuBackend();

const SLOPE = 0.2;
const REAL = [[1, 2], [-1, 0.5], [0.3, -1.7], [2, 0.1]];
const FAKE = [[0.2, -1], [1.5, 1], [-2, 0.3], [-0.4, -0.9]];
// D(x) = leaky(x W + c) v + b0 with W [2, 3], c [3], v [3, 1]: a 2-D toy critic.
const P = { W: [0.9, -0.4, 0.3, 0.5, 0.8, -0.7], c: [0.1, -0.2, 0.05], v: [1.1, -0.6, 0.8] };

/** float64 pre-activations h = x W + c of one sample. */
const hidden = (x: number[], W: number[], c: number[]) => c.map((cj, j) => cj + x[0] * W[j] + x[1] * W[3 + j]);

/** float64 WGAN-GP of the MLP: grad_x D = W (leaky'(h) * v), lambda 10, target 1. */
function reference(xHat: number[][], W: number[], c: number[], v: number[]): number {
  return 10 * mean(xHat.map((x) => {
    const d = hidden(x, W, c).map((h, j) => (h > 0 ? 1 : SLOPE) * v[j]);
    const g = [0, 1].map((i) => d.reduce((s, dj, j) => s + W[i * 3 + j] * dj, 0));
    return (norm(g) - 1) ** 2;
  }));
}

describe('wganGradientPenalty with a LeakyReLU MLP critic (double backprop)', () => {
  test('gradients w.r.t. W, c, v, b0 match float64 central differences', () => {
    const [W, c, v, b0] = [variable(P.W, [2, 3]), variable(P.c, [3]), variable(P.v, [3, 1]), variable([0.3], [1])];
    const critic = (x: tf.Tensor) => tf.add(tf.matMul(tf.leakyRelu(tf.add(tf.matMul(x, W), c), SLOPE), v), b0);
    const [r, f] = [tf.tensor2d(REAL), tf.tensor2d(FAKE)];
    const xHat = interpolate(rows(r), rows(f), drawE(4, 2, 21));
    // central differences are only valid away from the kink of leaky at 0
    expect(Math.min(...xHat.flatMap((x) => hidden(x, P.W, P.c).map(Math.abs)))).toBeGreaterThan(1e-3);
    const got = penaltyAndGrads(() => wganGradientPenalty(critic, r, f, { seed: 21 }).penalty, [W, c, v, b0]);
    expectClose(got.value, reference(xHat, P.W, P.c, P.v));
    expectClose(got.grads[0], centralDiff((p) => reference(xHat, p, P.c, P.v), P.W), 1e-4);
    expectClose(got.grads[1], centralDiff((p) => reference(xHat, P.W, p, P.v), P.c), 1e-4); // 0: c only moves the kinks
    expectClose(got.grads[2], centralDiff((p) => reference(xHat, P.W, P.c, p), P.v), 1e-4);
    expectClose(got.grads[3], [0]);
    expect(got.grads[0].some((g) => Math.abs(g) > 0.1)).toBe(true); // a non-trivial check
    tf.dispose([W, c, v, b0, r, f]);
  });

  test('usable inside optimizer.minimize: one SGD step moves the weights by -lr * the gradient', () => {
    const [W, c, v] = [variable(P.W, [2, 3]), variable(P.c, [3]), variable(P.v, [3, 1])];
    const critic = (x: tf.Tensor) => tf.matMul(tf.leakyRelu(tf.add(tf.matMul(x, W), c), SLOPE), v);
    const [r, f] = [tf.tensor2d(REAL), tf.tensor2d(FAKE)];
    const xHat = interpolate(rows(r), rows(f), drawE(4, 2, 4));
    const opt = tf.train.sgd(0.01);
    const before = tf.memory().numTensors;
    const loss = opt.minimize(() => wganGradientPenalty(critic, r, f, { seed: 4 }).penalty, true, [W, c, v]);
    expectClose(loss?.dataSync()[0] ?? NaN, reference(xHat, P.W, P.c, P.v)); // the loss at the old weights
    loss?.dispose();
    expect(tf.memory().numTensors).toBe(before); // the critic's graph and gradNorm were tidied
    const gW = centralDiff((p) => reference(xHat, p, P.c, P.v), P.W);
    expectClose(Array.from(W.dataSync()), P.W.map((w, k) => w - 0.01 * gW[k]), 1e-6);
    opt.dispose();
    tf.dispose([W, c, v, r, f]);
  });
});
