import { createRng } from '@stablegen/random';
import { expect, test } from 'vitest';
import { columnMeans, sampleMoments } from './moments.js';
import { naiveCovariance } from './testing/float64.js';

test('basic: mean and unbiased covariance of a 3 x 2 sample (by hand)', () => {
  // x = [[1, 2], [3, 4], [5, 9]]: mean [3, 5]; deviations (-2, -3), (0, -1), (2, 4);
  // var1 = (4 + 0 + 4) / 2 = 4, cov = (6 + 0 + 8) / 2 = 7, var2 = (9 + 1 + 16) / 2 = 13.
  const { mean, cov } = sampleMoments([1, 2, 3, 4, 5, 9], 3, 2);
  expect(Array.from(mean)).toEqual([3, 5]);
  expect(Array.from(cov)).toEqual([4, 7, 7, 13]);
});

test.each([7, 8, 13])('matches the two-pass definition for n = %i (blocks of 4 plus a remainder)', (n) => {
  const rng = createRng(n);
  const d = 6;
  const x = Array.from({ length: n * d }, () => 10 + rng.normal()); // an offset, to expose cancellation
  const { mean, cov } = sampleMoments(x, n, d);
  const ref = naiveCovariance(x, n, d);
  ref.forEach((row, a) => row.forEach((v, b) => expect(cov[a * d + b]).toBeCloseTo(v, 12)));
  Array.from(columnMeans(x, n, d)).forEach((m, j) => expect(m).toBe(mean[j]));
});

test('throws when n < 2', () => {
  expect(() => sampleMoments([1, 2], 1, 2)).toThrow(/at least 2/);
});
