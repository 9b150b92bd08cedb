import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '@stablegen/backend';
import { beforeAll, describe, expect, test } from 'vitest';
import { fitWhitening } from './fit-whitening.js';
import { Whitener, unwhiten, whiten } from './whitener.js';
import { jacobiEigen, naiveCovariance } from './testing/float64.js';
import { correlated } from './testing/sample.js';

beforeAll(async () => {
  await initBackend('cpu', { log: () => {} });
});

const values = (t: tf.Tensor) => Array.from(t.dataSync());
const maxAbsDiff = (a: number[], b: number[]) => Math.max(...a.map((v, i) => Math.abs(v - b[i])));

describe('Whitener', () => {
  test.each(['zca', 'pca'] as const)('%s: whitened covariance within 1e-3 of I; inverse round-trips within 1e-4', (mode) => {
    const { x, values: xv } = correlated(5000);
    const fit = fitWhitening(x, { epsilon: 1e-9 });
    const w = new Whitener(fit, mode);
    const z = w.transform(x);
    // Reference: the float64 covariance of the whitened rows, by definition, against I.
    naiveCovariance(values(z), 5000, 5).forEach((row, a) => row.forEach((v, b) => expect(Math.abs(v - (a === b ? 1 : 0))).toBeLessThan(1e-3)));
    const back = w.inverse(z);
    expect(maxAbsDiff(values(back), xv)).toBeLessThan(1e-4);
    tf.dispose([x, z, back]);
    w.dispose();
  });

  test('zca: the matrix is (C + eps I)^(-1/2) (float64 Jacobi reference), hence symmetric', () => {
    const { x, values: xv } = correlated(2000, 2);
    const eps = 1e-3;
    const w = new Whitener(fitWhitening(x, { epsilon: eps }), 'zca');
    // Row i of the matrix = transform(mu + e_i) (the mean cancels).
    const probe = tf.tensor2d(Array.from({ length: 25 }, (_, k) => w.fit.mean[k % 5] + (Math.floor(k / 5) === k % 5 ? 1 : 0)), [5, 5]);
    const m = values(w.transform(probe));
    const ref = jacobiEigen(naiveCovariance(xv, 2000, 5)); // C = sum_k l_k v_k v_k^T
    for (let i = 0; i < 5; i++) {
      for (let j = 0; j < 5; j++) {
        const expected = ref.values.reduce((s, l, k) => s + (ref.vectors[k][i] * ref.vectors[k][j]) / Math.sqrt(l + eps), 0);
        expect(m[i * 5 + j]).toBeCloseTo(expected, 3);
        expect(m[i * 5 + j]).toBeCloseTo(m[j * 5 + i], 4);
      }
    }
    tf.dispose([x, probe]);
    w.dispose();
  });

  test('pca: component k of z is the projection on eigenvector k over sqrt(lambda_k + eps), up to sign', () => {
    const { x, values: xv } = correlated(2000, 3);
    const eps = 1e-3;
    const w = new Whitener(fitWhitening(x, { epsilon: eps }), 'pca');
    const z = values(w.transform(x));
    const ref = jacobiEigen(naiveCovariance(xv, 2000, 5));
    const mean = w.fit.mean;
    for (let k = 0; k < 5; k++) {
      const proj = (r: number) => ref.vectors[k].reduce((s, v, j) => s + v * (xv[r * 5 + j] - mean[j]), 0) / Math.sqrt(ref.values[k] + eps);
      const sign = Math.sign(z[k]) * Math.sign(proj(0));
      for (const r of [0, 7, 1999]) expect(z[r * 5 + k]).toBeCloseTo(sign * proj(r), 3);
    }
    x.dispose();
    w.dispose();
  });

  test('shapes: images [n, h, w, c] and single examples keep their shape; throws on a foreign shape', () => {
    const { x } = correlated(300, 4);
    const images = tf.reshape(x, [300, 5, 1, 1]);
    const w = new Whitener(fitWhitening(images, { epsilon: 1e-6 }), 'zca');
    const z = w.transform(images);
    expect(z.shape).toEqual([300, 5, 1, 1]);
    const one = w.transform(tf.reshape(tf.slice(images, [3, 0, 0, 0], [1, -1, -1, -1]), [5, 1, 1]));
    expect(one.shape).toEqual([5, 1, 1]);
    expect(maxAbsDiff(values(one), values(z).slice(15, 20))).toBeLessThan(1e-6);
    const back = w.inverse(z);
    expect(back.shape).toEqual([300, 5, 1, 1]);
    expect(maxAbsDiff(values(back), values(images))).toBeLessThan(1e-4);
    expect(() => w.transform(x)).toThrow(/expected \[n, 5,1,1\]/);
    expect(() => new Whitener(w.fit, 'pcaa' as 'pca')).toThrow(/mode/);
    tf.dispose([x, images, z, one, back]);
    w.dispose();
  });

  test('whiten / unwhiten equal the Whitener; nothing leaks (Whitener, whiten, unwhiten)', () => {
    const { x } = correlated(100, 5);
    const fit = fitWhitening(x, { epsilon: 1e-4 });
    const before = tf.memory().numTensors;
    const w = new Whitener(fit, 'zca');
    const [a, b] = [w.transform(x), whiten(x, fit, 'zca')];
    const [c, d] = [w.inverse(a), unwhiten(a, fit, 'zca')];
    expect(values(b)).toEqual(values(a));
    expect(values(d)).toEqual(values(c));
    expect(maxAbsDiff(values(c), values(x))).toBeLessThan(1e-4); // the round trip
    tf.dispose([a, b, c, d]);
    w.dispose();
    expect(tf.memory().numTensors).toBe(before);
    x.dispose();
  });
});
