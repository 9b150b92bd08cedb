import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '@stablegen/backend';
import { beforeAll, expect, test } from 'vitest';
import { covarianceConditionNumber, fitWhitening } from './fit-whitening.js';
import { whiteningConditions } from './whitening-model.js';
import { unwhiten, whiten } from './whitener.js';
import { jacobiEigen, naiveCovariance } from './testing/float64.js';
import { correlated } from './testing/sample.js';

beforeAll(async () => {
  await initBackend('cpu', { log: () => {} });
});

test('basic: mean and eigenvalues match float64 references (definition + Jacobi)', () => {
  const { x, values } = correlated(5000);
  const fit = fitWhitening(x, { epsilon: 1e-6 });
  const cov = naiveCovariance(values, 5000, 5);
  const ref = jacobiEigen(cov);
  fit.eigenvalues.forEach((l, k) => expect(Math.abs(l - ref.values[k]) / ref.values[k]).toBeLessThan(1e-9));
  fit.mean.forEach((m, j) => expect(m).toBeCloseTo(values.filter((_, i) => i % 5 === j).reduce((s, v) => s + v, 0) / 5000, 10));
  // eigenvectors: |<v_k, v_ref_k>| = 1 (signs are arbitrary)
  ref.vectors.forEach((vr, k) => expect(Math.abs(vr.reduce((s, v, i) => s + v * fit.eigenvectors[i * 5 + k], 0))).toBeCloseTo(1, 8));
  expect(fit.exampleShape).toEqual([5]);
  expect(fit.n).toBe(5000);
  x.dispose();
});

test('condition numbers: before matches float64 Jacobi, after is ~1 (analytic and measured)', () => {
  const { x, values } = correlated(5000);
  const eps = 1e-6;
  const fit = fitWhitening(x, { epsilon: eps });
  const ref = jacobiEigen(naiveCovariance(values, 5000, 5)).values;
  const c = whiteningConditions(fit);
  const before = ref[0] / ref[4];
  expect(c.before / before).toBeCloseTo(1, 8);
  expect(c.before).toBeGreaterThan(1e4); // an ill-conditioned sample (population value 3.6e4)
  expect(covarianceConditionNumber(x) / before).toBeCloseTo(1, 8);
  expect(c.shrunk).toBeCloseTo((ref[0] + eps) / (ref[4] + eps), 0);
  // after = max / min of lambda / (lambda + eps): 1 + eps / lambda_min to first order
  expect(c.after - 1).toBeCloseTo(eps / ref[4] - eps / ref[0], 5);
  // measured: the float64 condition number of the ZCA-whitened sample's covariance
  const z = whiten(x, fit, 'zca');
  const measured = covarianceConditionNumber(z);
  expect(Math.abs(measured - c.after)).toBeLessThan(5e-3);
  tf.dispose([x, z]);
});

test('images [n, h, w, c] are fitted as rows [n, h*w*c]', () => {
  const { x } = correlated(200);
  const images = tf.reshape(tf.tile(x, [1, 2]), [200, 2, 5, 1]); // [n, 2, 5, 1]: each row twice
  const fit = fitWhitening(images, { epsilon: 1e-3 });
  expect(fit.exampleShape).toEqual([2, 5, 1]);
  expect(fit.mean.length).toBe(10);
  // Duplicated columns: C2 = [[C, C], [C, C]] has eigenvalues 2 lambda(C) and five zeros.
  const single = fitWhitening(x, { epsilon: 1e-3 });
  single.eigenvalues.forEach((l, k) => expect(fit.eigenvalues[k] / (2 * l)).toBeCloseTo(1, 6));
  fit.eigenvalues.slice(5).forEach((l) => expect(l).toBeLessThan(1e-10));
  expect(whiteningConditions(fit).before).toBe(Number.POSITIVE_INFINITY);
  expect(whiteningConditions(fit).after).toBe(Number.POSITIVE_INFINITY); // zero-variance directions stay zero
  tf.dispose([x, images]);
});

test('a constant feature: eigenvalue 0 with eigenvector e_j; whitened to 0, restored exactly', () => {
  const { x } = correlated(400, 6);
  const withConstant = tf.concat([x, tf.fill([400, 1], 0.5)], 1); // [400, 6], feature 5 = 0.5
  const fit = fitWhitening(withConstant, { epsilon: 1e-4 });
  expect(fit.eigenvalues[5]).toBe(0);
  expect([0, 1, 2, 3, 4, 5].map((i) => fit.eigenvectors[i * 6 + 5])).toEqual([0, 0, 0, 0, 0, 1]);
  expect(fit.mean[5]).toBe(0.5);
  const same = fitWhitening(x, { epsilon: 1e-4 }); // the other eigenvalues are those without it
  same.eigenvalues.forEach((l, k) => expect(fit.eigenvalues[k]).toBeCloseTo(l, 10));
  const z = whiten(withConstant, fit, 'zca');
  const back = unwhiten(z, fit, 'zca');
  const [zv, bv] = [z.dataSync(), back.dataSync()];
  for (let r = 0; r < 400; r += 57) {
    expect(zv[r * 6 + 5]).toBe(0); // (0.5 - 0.5) / sqrt(eps)
    expect(bv[r * 6 + 5]).toBe(0.5);
  }
  tf.dispose([x, withConstant, z, back]);
});

test('throws when n < 2, rank < 2, epsilon < 0, or the covariance is singular with epsilon = 0', () => {
  const t = [tf.zeros([1, 3]), tf.zeros([4]), tf.tensor2d([1, 1, 2, 2, 3, 3], [3, 2])];
  expect(() => fitWhitening(t[0])).toThrow(/at least 2/);
  expect(() => fitWhitening(t[1])).toThrow(/\[n, \.\.\.example shape\]/);
  expect(() => fitWhitening(t[2], { epsilon: -1 })).toThrow(/epsilon/);
  expect(() => fitWhitening(t[2], { epsilon: 0 })).toThrow(/singular/);
  tf.dispose(t);
});

test('leaks no tensors (fitWhitening, covarianceConditionNumber)', () => {
  const { x } = correlated(50);
  const before = tf.memory().numTensors;
  fitWhitening(x);
  covarianceConditionNumber(x);
  expect(tf.memory().numTensors).toBe(before);
  x.dispose();
});
