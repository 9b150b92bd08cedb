/** The correlated test sample shared by the whitening tests (not part of the build). */
import * as tf from '@tensorflow/tfjs-core';
import { createRng } from '@stablegen/random';
import { mixedSample } from './float64.js';

/**
 * Mixing matrix A (lower triangular): population covariance A A^T has eigenvalues
 * 19.83, 8.16, 1.61, 0.507, 0.000551 (float64 Jacobi), condition number 3.6e4, and correlations
 * up to 0.99 between the first two features.
 */
export const MIXING = [
  [3, 0, 0, 0, 0],
  [2.9, 0.3, 0, 0, 0],
  [1, -1, 0.6, 0, 0],
  [0, 2, 1, 0.5, 0],
  [1, 1, 1, 1, 1],
];
export const MU = [5, -2, 0, 1, 3];

/** n rows [n, 5] drawn from N(MU, A A^T) with a seeded generator; values as float32 tensor and the array. */
export function correlated(n: number, seed = 1): { x: tf.Tensor2D; values: number[] } {
  const rng = createRng(seed);
  const values = Array.from(tf.tensor1d(mixedSample(n, MIXING, MU, () => rng.normal())).dataSync()); // the float32 data
  return { x: tf.tensor2d(values, [n, 5]), values };
}
