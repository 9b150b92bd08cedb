import { inverse, Matrix } from 'ml-matrix';
import { describe, expect, test } from 'vitest';
import { frechetDistance, gaussianStats, type GaussianStats } from './frechet-distance.js';

const stats = (mean: number[], cov: number[][]): GaussianStats => ({ mean: Float64Array.from(mean), cov: Float64Array.from(cov.flat()), dim: mean.length });

/** Independent reference: Tr((S1 S2)^(1/2)) by the Denman-Beavers iteration on the non-symmetric product. */
function traceSqrtDenmanBeavers(s1: number[][], s2: number[][]): number {
  let y = new Matrix(s1).mmul(new Matrix(s2));
  let z = Matrix.eye(s1.length);
  for (let k = 0; k < 60; k++) {
    const yNext = y.clone().add(inverse(z)).div(2);
    z = z.clone().add(inverse(y)).div(2);
    y = yNext;
  }
  return y.trace();
}

describe('frechetDistance', () => {
  test('identical Gaussians are at distance 0', () => {
    const a = stats([1, -2, 0.5], [[2, 0.3, 0.1], [0.3, 1, -0.2], [0.1, -0.2, 0.5]]);
    expect(frechetDistance(a, a)).toBeLessThan(1e-9);
  });

  test('a pure mean shift gives the squared shift', () => {
    const cov = [[2, 0.3], [0.3, 1]];
    // ||(3, -4)||^2 = 25
    expect(frechetDistance(stats([0, 0], cov), stats([3, -4], cov))).toBeCloseTo(25, 9);
  });

  test('diagonal covariances: sum of (sqrt(a_i) - sqrt(b_i))^2 plus the mean term', () => {
    const a = stats([1, 0], [[4, 0], [0, 9]]);
    const b = stats([0, 0], [[1, 0], [0, 1]]);
    // 1 + (2 - 1)^2 + (3 - 1)^2 = 6
    expect(frechetDistance(a, b)).toBeCloseTo(6, 9);
  });

  test('matches an independent Denman-Beavers computation on a correlated case', () => {
    const s1 = [[2, 0.8, 0.1], [0.8, 1.5, -0.4], [0.1, -0.4, 0.9]];
    const s2 = [[1, -0.3, 0.2], [-0.3, 2.2, 0.5], [0.2, 0.5, 1.1]];
    const mu1 = [0.5, -1, 2];
    const mu2 = [0, 0.3, 1];
    const meanTerm = mu1.reduce((s, v, i) => s + (v - mu2[i]) ** 2, 0);
    const expected = meanTerm + new Matrix(s1).trace() + new Matrix(s2).trace() - 2 * traceSqrtDenmanBeavers(s1, s2);
    expect(frechetDistance(stats(mu1, s1), stats(mu2, s2))).toBeCloseTo(expected, 8);
  });

  test('gaussianStats gives the sample mean and unbiased covariance', () => {
    // Points (0,0), (2,0), (0,2), (2,2): mean (1,1); var = 4/3 on each axis (sum of squares 4 / (n-1) 3); cov 0.
    const s = gaussianStats([0, 0, 2, 0, 0, 2, 2, 2], 4, 2);
    expect(Array.from(s.mean)).toEqual([1, 1]);
    expect(Array.from(s.cov).map((v) => +v.toFixed(12))).toEqual([4 / 3, 0, 0, 4 / 3].map((v) => +v.toFixed(12)));
  });

  test('throws when shapes do not fit', () => {
    expect(() => gaussianStats([1, 2, 3], 2, 2)).toThrow(/expected 4 values/);
    expect(() => frechetDistance(stats([0], [[1]]), stats([0, 0], [[1, 0], [0, 1]]))).toThrow(/dimensions differ/);
  });
});
