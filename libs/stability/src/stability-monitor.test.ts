import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, test } from 'vitest';
import { adamSharpnessLimit } from './hessian.js';
import { layerKey, measureStability, stabilityMonitor, type MonitoredLoss } from './stability-monitor.js';
import { dot, expectNoLeak, matMul, normalMatrix, rng, symmetricEigenvalues, transpose, useCpu, type Matrix } from '../test/helpers.js';

beforeAll(useCpu);

/**
 * Least squares split over two "layers" a (2 weights) and b (1 weight): L(a, b) = mean((X[:, :2] a + X[:, 2] b - y)^2)
 * on minibatch X_d. Gradient 2 X^T r / N (r = X w - y), Hessian 2 X^T X / N, both in float64 below.
 */
function leastSquares(n = 16) {
  const r = rng(5);
  const batches = [normalMatrix(r, n, 3), normalMatrix(r, n, 3)];
  const ys = [normalMatrix(r, n, 1), normalMatrix(r, n, 1)];
  const w = [0.4, -0.3, 0.8];
  const [a, b] = [tf.variable(tf.tensor2d(w.slice(0, 2), [2, 1])), tf.variable(tf.tensor2d(w.slice(2), [1, 1]))];
  // Named like layer weights (`<layer>/kernel`), as model.trainableWeights are.
  const weights = [{ name: 'a/kernel', read: () => a }, { name: 'b/kernel', read: () => b }];
  const loss = (d: number) =>
    tf.tidy(() => {
      const x = tf.tensor2d(batches[d]);
      const pred = tf.add(tf.matMul(tf.slice(x, [0, 0], [n, 2]), a), tf.matMul(tf.slice(x, [0, 2], [n, 1]), b));
      return tf.mean(tf.square(tf.sub(pred, tf.tensor2d(ys[d])))) as tf.Scalar;
    });
  const grad = (d: number): number[] => {
    const x = batches[d];
    const res = x.map((row, i) => dot(row, w) - ys[d][i][0]);
    return [0, 1, 2].map((j) => (2 / n) * x.reduce((s, row, i) => s + row[j] * res[i], 0));
  };
  const hessian = (d: number): Matrix => matMul(transpose(batches[d]), batches[d]).map((row) => row.map((v) => (2 * v) / n));
  return { a, b, weights, loss, grad, hessian, dispose: () => tf.dispose([a, b]) };
}

describe('measureStability', () => {
  test('gradient norms per layer, cosine and sharpness equal the closed forms of least squares (SGD)', async () => {
    const ls = leastSquares();
    const target: MonitoredLoss = { name: 'd', loss: ls.loss, weights: ls.weights, optimizer: tf.train.sgd(0.05) };
    const m = await measureStability(target, { hessianIterations: 200 });
    const [g0, g1] = [ls.grad(0), ls.grad(1)];
    expect(m['stab/d/grad_norm']).toBeCloseTo(Math.hypot(...g0), 5);
    expect(m['stab/d/grad_norm/layer01_a']).toBeCloseTo(Math.hypot(g0[0], g0[1]), 5);
    expect(m['stab/d/grad_norm/layer02_b']).toBeCloseTo(Math.abs(g0[2]), 5);
    expect(m['stab/d/grad_cosine']).toBeCloseTo(dot(g0, g1) / Math.hypot(...g0) / Math.hypot(...g1), 5);
    const top = Math.max(...symmetricEigenvalues(ls.hessian(0)));
    expect(Math.abs(m['stab/d/sharpness'] - top) / top).toBeLessThan(0.01);
    expect(m['stab/d/sharpness_limit']).toBe(2 / 0.05);
    expect(m['stab/d/sharpness_ratio']).toBeCloseTo(top / 40, 3);
    ls.dispose();
  });

  test('Adam: the limit is (2 + 2 beta1) / ((1 - beta1) lr), on the preconditioned Hessian', async () => {
    const ls = leastSquares();
    const adam = tf.train.adam(1e-3, 0.5, 0.999);
    adam.minimize(() => ls.loss(0), false, [ls.a, ls.b]);
    const m = await measureStability({ name: 'g', loss: ls.loss, weights: ls.weights, optimizer: adam }, { hessianIterations: 50 });
    expect(m['stab/g/sharpness_limit']).toBeCloseTo(adamSharpnessLimit(1e-3, 0.5), 6);
    // P^-1/2 H P^-1/2 with P = sqrt(v_hat) + eps is far sharper than H for the tiny first-step moments.
    expect(m['stab/g/sharpness']).toBeGreaterThan(Math.max(...symmetricEigenvalues(ls.hessian(0))));
    adam.dispose();
    ls.dispose();
  });

  test('hessianIterations 0 leaves out the Hessian figures; nothing leaks', async () => {
    const ls = leastSquares();
    const sgd = tf.train.sgd(0.1); // holds its learning rate as a tensor: made outside the count
    await expectNoLeak(async () => {
      const m = await measureStability({ name: 'd', loss: ls.loss, weights: ls.weights, optimizer: sgd }, { hessianIterations: 0 });
      expect(Object.keys(m).sort()).toEqual(['stab/d/grad_cosine', 'stab/d/grad_norm', 'stab/d/grad_norm/layer01_a', 'stab/d/grad_norm/layer02_b']);
      await measureStability({ name: 'd', loss: ls.loss, weights: ls.weights, optimizer: sgd }, { hessianIterations: 5 });
    });
    ls.dispose();
  });
});

test('layer keys drop tfjs\'s global layer counter and keep the depth order', () => {
  expect([layerKey('dense_Dense4', 0), layerKey('conv2d_Conv2D12', 9), layerKey('critic_out', 2)]).toEqual(['layer01_dense_Dense', 'layer10_conv2d_Conv2D', 'layer03_critic_out']);
});

describe('stabilityMonitor', () => {
  test('disposes every target, also when a measurement throws', async () => {
    const ls = leastSquares();
    const disposed: string[] = [];
    const failing = { name: 'bad', loss: () => { throw new Error('boom'); }, weights: ls.weights, optimizer: tf.train.sgd(0.1), dispose: () => disposed.push('bad') };
    const fine = { name: 'ok', loss: ls.loss, weights: ls.weights, optimizer: tf.train.sgd(0.1), dispose: () => disposed.push('ok') };
    const lines: string[] = [];
    await stabilityMonitor(() => [failing, fine], { warn: (l) => lines.push(l) }).onStepEnd({ step: 1, models: {}, metrics: {} });
    expect(lines).toEqual([expect.stringContaining('boom')]);
    expect(disposed).toEqual(['bad', 'ok']);
    ls.dispose();
  });

  test('a failing measurement warns once and turns the monitor off; the step and later steps go on', async () => {
    const ls = leastSquares();
    const lines: string[] = [];
    let calls = 0;
    const failing = { name: 'bad', loss: () => { throw new Error('boom'); }, weights: ls.weights, optimizer: tf.train.sgd(0.1) };
    const fine = { name: 'ok', loss: ls.loss, weights: ls.weights, optimizer: tf.train.sgd(0.1) };
    const monitor = stabilityMonitor(() => (calls++, [fine, failing]), { every: 1, hessianIterations: 0, warn: (l) => lines.push(l) });
    const before = tf.memory().numTensors;
    for (let step = 1; step <= 3; step++) {
      const metrics: Record<string, number> = { loss: 2 };
      await monitor.onStepEnd({ step, models: {}, metrics });
      expect(metrics).toEqual({ loss: 2 }); // no half-measured step: the fine target's figures are dropped with the failing one's
    }
    expect(calls).toBe(1);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^stability monitor: step 1: boom; diagnostics are off/);
    expect(tf.memory().numTensors).toBe(before);
    ls.dispose();
  });

  test('adds the figures to the metrics of step 1 and every N-th step only', async () => {
    const ls = leastSquares();
    const sgd = tf.train.sgd(0.05);
    const monitor = stabilityMonitor(() => [{ name: 'd', loss: ls.loss, weights: ls.weights, optimizer: sgd }], { every: 3, hessianIterations: 10 });
    const seen: number[] = [];
    for (let step = 1; step <= 7; step++) {
      const metrics: Record<string, number> = { loss: 1 };
      await monitor.onStepEnd({ step, models: {}, metrics });
      if ('stab/d/grad_norm' in metrics) seen.push(step);
      expect(metrics.loss).toBe(1);
    }
    expect(seen).toEqual([1, 3, 6]);
    const early = stabilityMonitor(() => [{ name: 'd', loss: ls.loss, weights: ls.weights, optimizer: sgd }], { every: 2, hessianIterations: 0, until: 4 });
    const seenEarly: number[] = [];
    for (let step = 1; step <= 8; step++) {
      const metrics: Record<string, number> = {};
      await early.onStepEnd({ step, models: {}, metrics });
      if ('stab/d/grad_norm' in metrics) seenEarly.push(step);
    }
    expect(seenEarly).toEqual([1, 2, 4]);
    expect(() => stabilityMonitor(() => [], { every: 0 })).toThrow(/every must be an integer >= 1/);
    // hessianIterations 0: gradient figures only.
    const noHessian: Record<string, number> = {};
    await stabilityMonitor(() => [{ name: 'd', loss: ls.loss, weights: ls.weights, optimizer: sgd }], { hessianIterations: 0 }).onStepEnd({ step: 1, models: {}, metrics: noHessian });
    expect(Object.keys(noHessian).some((k) => k.includes('sharpness'))).toBe(false);
    ls.dispose();
  });
});
