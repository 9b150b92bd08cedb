import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, test } from 'vitest';
import { adamPreconditioner } from './adam-preconditioner.js';
import { expectNoLeak, matMul, normalMatrix, randomOrthogonal, rng, useCpu, withEigenvalues } from '../test/helpers.js';

beforeAll(useCpu);

describe('adamPreconditioner', () => {
  test('basic: (1 - b1^t)(sqrt(v_t / (1 - b2^t)) + eps) with v_t = (1 - b2) sum_k b2^(t-k) g_k^2 (float64)', async () => {
    const [b1, b2, eps, steps] = [0.9, 0.99, 1e-3, 3];
    const r = rng(21);
    const a = withEigenvalues(randomOrthogonal(r, 4), [3, 1, 0.5, 0.2]);
    const w = tf.variable(tf.tensor2d(normalMatrix(r, 4, 1)));
    const at = tf.tensor2d(a);
    const adam = tf.train.adam(0.05, b1, b2, eps);
    const v = [0, 0, 0, 0];
    for (let t = 1; t <= steps; t++) {
      const g = matMul(a, Array.from(w.dataSync()).map((x) => [x])).map((row) => row[0]); // grad of 0.5 w^T A w
      g.forEach((gi, i) => (v[i] = b2 * v[i] + (1 - b2) * gi * gi));
      adam.minimize(() => tf.mul(0.5, tf.sum(tf.mul(w, tf.matMul(at, w)))) as tf.Scalar, false, [w]);
    }
    const [p] = await adamPreconditioner(adam, [w]);
    const expected = v.map((vi) => (1 - b1 ** steps) * (Math.sqrt(vi / (1 - b2 ** steps)) + eps));
    Array.from(p.dataSync()).forEach((x, i) => expect(x / expected[i]).toBeCloseTo(1, 5));
  });

  test('throws before the first step and for a weight the optimiser does not hold', async () => {
    const w = tf.variable(tf.ones([2]));
    const other = tf.variable(tf.ones([2]));
    const adam = tf.train.adam(0.1);
    await expect(adamPreconditioner(adam, [w])).rejects.toThrow(/has not taken a step yet/);
    adam.minimize(() => tf.sum(tf.square(w)) as tf.Scalar, false, [w]);
    await expect(adamPreconditioner(adam, [other])).rejects.toThrow(/holds no second moment for '.*' \(slot '.*\/v'\)/);
  });

  test('no leaked tensors (besides the returned ones)', async () => {
    const w = tf.variable(tf.ones([3]));
    const adam = tf.train.adam(0.1);
    adam.minimize(() => tf.sum(tf.square(w)) as tf.Scalar, false, [w]);
    await expectNoLeak(() => adamPreconditioner(adam, [w]));
  });
});
