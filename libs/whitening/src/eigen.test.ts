import { createRng } from '@stablegen/random';
import { expect, test } from 'vitest';
import { clampRoundOff, conditionNumber, covarianceEigen, symmetricEigen } from './eigen.js';
import { jacobiEigen } from './testing/float64.js';

test('basic: eigenvalues of [[2, 1], [1, 2]] are 3 and 1 (by hand), vectors (1, 1)/sqrt2, (1, -1)/sqrt2', () => {
  const { values, vectors } = symmetricEigen([2, 1, 1, 2], 2);
  expect(values[0]).toBeCloseTo(3, 14);
  expect(values[1]).toBeCloseTo(1, 14);
  expect(Math.abs(vectors[0])).toBeCloseTo(Math.SQRT1_2, 14); // column 0 = (v00, v10)
  expect(vectors[2]).toBeCloseTo(vectors[0], 14);
  expect(vectors[3]).toBeCloseTo(-vectors[1], 14);
});

test('matches a float64 Jacobi reference; V is orthonormal and A V = V diag(lambda)', () => {
  const rng = createRng(3);
  const d = 7;
  const b = Array.from({ length: d * d }, () => rng.normal());
  const a = Array.from({ length: d * d }, (_, k) => {
    const [i, j] = [Math.floor(k / d), k % d];
    return b.slice(i * d, i * d + d).reduce((s, x, t) => s + x * b[j * d + t], 0); // B B^T
  });
  const { values, vectors } = symmetricEigen(a, d);
  const ref = jacobiEigen(Array.from({ length: d }, (_, i) => a.slice(i * d, i * d + d)));
  values.forEach((l, k) => expect(l).toBeCloseTo(ref.values[k], 10));
  for (let k = 0; k < d; k++) {
    for (let m = 0; m < d; m++) {
      const dot = Array.from({ length: d }, (_, i) => vectors[i * d + k] * vectors[i * d + m]).reduce((s, x) => s + x, 0);
      expect(dot).toBeCloseTo(k === m ? 1 : 0, 12);
    }
    for (let i = 0; i < d; i++) {
      const av = Array.from({ length: d }, (_, j) => a[i * d + j] * vectors[j * d + k]).reduce((s, x) => s + x, 0);
      expect(av).toBeCloseTo(values[k] * vectors[i * d + k], 10);
    }
  }
});

test('conditionNumber: max / min, Infinity when singular', () => {
  expect(conditionNumber([4, 2, 0.5])).toBe(8);
  expect(conditionNumber([3, 0])).toBe(Number.POSITIVE_INFINITY);
  expect(conditionNumber([3, -1e-17])).toBe(Number.POSITIVE_INFINITY);
});

test('clampRoundOff: values below d * 2^-52 * max become 0', () => {
  // tol = 3 * 2.22e-16 * 2 = 1.33e-15
  expect(clampRoundOff([2, 1e-15, -3e-16])).toEqual([2, 0, 0]);
  expect(clampRoundOff([2, 1e-14, 0.5])).toEqual([2, 1e-14, 0.5]);
});

test('covarianceEigen: constant features give e_j with eigenvalue 0; the rest as the full solver', () => {
  // C = B B^T on features 0, 2, 3 of 5; features 1 and 4 constant (zero rows and columns).
  const rng = createRng(9);
  const b = Array.from({ length: 9 }, () => rng.normal());
  const small = Array.from({ length: 9 }, (_, k) => [0, 1, 2].reduce((s, t) => s + b[Math.floor(k / 3) * 3 + t] * b[(k % 3) * 3 + t], 0));
  const map = [0, 2, 3];
  const cov = new Array<number>(25).fill(0);
  map.forEach((r, i) => map.forEach((c, j) => (cov[r * 5 + c] = small[i * 3 + j])));
  const got = covarianceEigen(cov, 5);
  const full = symmetricEigen(cov, 5);
  Array.from(got.values).forEach((l, k) => expect(l).toBeCloseTo(Math.max(full.values[k], 0), 12));
  expect(Array.from(got.values.slice(3))).toEqual([0, 0]);
  expect([0, 1, 2, 3, 4].map((i) => got.vectors[i * 5 + 3])).toEqual([0, 1, 0, 0, 0]); // e_1
  expect([0, 1, 2, 3, 4].map((i) => got.vectors[i * 5 + 4])).toEqual([0, 0, 0, 0, 1]); // e_4
  for (let k = 0; k < 3; k++) {
    for (let i = 0; i < 5; i++) {
      const cv = [0, 1, 2, 3, 4].reduce((s, j) => s + cov[i * 5 + j] * got.vectors[j * 5 + k], 0);
      expect(cv).toBeCloseTo(got.values[k] * got.vectors[i * 5 + k], 10); // C v = lambda v
    }
  }
});
