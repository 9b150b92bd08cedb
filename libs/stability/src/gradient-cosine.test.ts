import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, test } from 'vitest';
import { gradientCosine } from './gradient-cosine.js';
import { dot, expectNoLeak, normalMatrix, rng, useCpu, type Matrix } from '../test/helpers.js';

beforeAll(useCpu);

interface Batch {
  x: Matrix;
  y: number[];
}

/** Linear model f(x) = x.w, loss = mean((x.w - y)^2); gradient 2/B X^T (X w - y). */
const mse = (w: tf.Variable) => (b: Batch) => tf.mean(tf.square(tf.sub(tf.matMul(tf.tensor2d(b.x), w), tf.tensor2d(b.y, [b.y.length, 1])))) as tf.Scalar;

function gradient64(w: number[], b: Batch): number[] {
  const res = b.x.map((row, i) => dot(row, w) - b.y[i]);
  return w.map((_, k) => (2 / b.y.length) * b.x.reduce((s, row, i) => s + row[k] * res[i], 0));
}

function noiseBatch(seed: number, size: number, dim: number): Batch {
  const r = rng(seed);
  return { x: normalMatrix(r, size, dim), y: Array.from({ length: size }, () => Math.fround(r.normal())) };
}

describe('gradientCosine', () => {
  test('identical batches: 1 (to 1e-6)', () => {
    const w = tf.variable(tf.tensor2d(normalMatrix(rng(1), 10, 1)));
    const batch = noiseBatch(2, 8, 10);
    expect(Math.abs(gradientCosine(mse(w), batch, batch, [w]) - 1)).toBeLessThan(1e-6);
  });

  test('basic: equals the float64 cosine of the two analytic gradients', () => {
    const w0 = normalMatrix(rng(3), 6, 1).map((r) => r[0]);
    const w = tf.variable(tf.tensor2d(w0, [6, 1]));
    const [a, b] = [noiseBatch(4, 5, 6), noiseBatch(5, 5, 6)];
    const [ga, gb] = [gradient64(w0, a), gradient64(w0, b)];
    const expected = dot(ga, gb) / Math.sqrt(dot(ga, ga) * dot(gb, gb));
    expect(gradientCosine(mse(w), a, b, [w])).toBeCloseTo(expected, 5);
  });

  test('independent noise in 2048 dimensions: |cos| < 0.1', () => {
    // At w = 0 the gradient is -2/B X^T y; with independent X, y per batch, g_A and g_B are
    // independent isotropic vectors in d = 2048 dimensions, so cos has mean 0 and standard
    // deviation 1/sqrt(d) = 0.022: 0.1 is 4.5 standard deviations.
    const dim = 2048;
    const w = tf.variable(tf.zeros([dim, 1]));
    const cos = gradientCosine(mse(w), noiseBatch(6, 16, dim), noiseBatch(7, 16, dim), [w]);
    expect(Math.abs(cos)).toBeLessThan(0.1);
  });

  test('flattens over all given weights: opposite gradients on one weight, equal ones on another', () => {
    // L_s = s (u1 + u2) + 2 v with s = +1 (batch A) and -1 (batch B): g_A = (1, 1, 2), g_B = (-1, -1, 2),
    // cos = (-1 - 1 + 4) / (1 + 1 + 4) = 1/3.
    const [u, v] = [tf.variable(tf.tensor1d([1, 2])), tf.variable(tf.scalar(0.5))];
    const loss = (s: number) => tf.add(tf.mul(s, tf.sum(u)), tf.mul(2, v)) as tf.Scalar;
    expect(gradientCosine(loss, 1, -1, [u, v])).toBeCloseTo(1 / 3, 6);
  });

  test('throws when a gradient is zero', () => {
    const w = tf.variable(tf.ones([2]));
    expect(() => gradientCosine((s: number) => tf.mul(s, tf.sum(w)) as tf.Scalar, 0, 1, [w])).toThrow(/gradient of batch A is zero/);
  });

  test('no leaked tensors', async () => {
    const w = tf.variable(tf.ones([4, 1]));
    const [a, b] = [noiseBatch(8, 3, 4), noiseBatch(9, 3, 4)];
    await expectNoLeak(() => void gradientCosine(mse(w), a, b, [w])); // mse's input tensors are freed too
  });
});
