/**
 * Fitting PCA / ZCA whitening on a sample (Kessy, Lewin & Strimmer 2018, "Optimal whitening and
 * decorrelation"). Mean and covariance C = V diag(lambda) V^T in float64 (plain JS moments,
 * ml-matrix symmetric eigen-decomposition); with shrinkage C + eps I the whitening matrices are
 *   PCA: W = V diag(1/sqrt(lambda + eps))          ZCA: W = V diag(1/sqrt(lambda + eps)) V^T
 * and z = (x - mu) W (see whitener.ts).
 */
import * as tf from '@tensorflow/tfjs-core';
import { clampRoundOff, conditionNumber, covarianceEigen } from './eigen.js';
import { sampleMoments } from './moments.js';
import type { Whitening } from './whitening-model.js';

export interface FitWhiteningOptions {
  /**
   * Shrinkage added to every eigenvalue (default 1e-5). Must be > 0 when the covariance is
   * singular (e.g. MNIST's constant border pixels); for image data in [0, 1], 1e-2 to 1e-1 keeps
   * pixel noise from being amplified (Coates & Ng 2012 use 0.01 and 0.1).
   */
  epsilon?: number;
}

/** Rows of x as float64 values: [n, ...exampleShape] -> n, d, exampleShape. */
function rowsOf(x: tf.Tensor): { values: ArrayLike<number>; n: number; d: number; exampleShape: number[] } {
  if (x.rank < 2) throw new Error(`whitening: x must be [n, ...example shape], got shape [${x.shape}]`);
  const [n, ...exampleShape] = x.shape;
  return { values: x.dataSync() as Float32Array, n, d: exampleShape.reduce((a, b) => a * b, 1), exampleShape };
}

/**
 * Fits mean and eigen-decomposition of the sample covariance.
 * @param x [n, d] or images [n, h, w, c] (flattened to [n, h*w*c]); n >= 2
 */
export function fitWhitening(x: tf.Tensor, options: FitWhiteningOptions = {}): Whitening {
  const epsilon = options.epsilon ?? 1e-5;
  if (!(epsilon >= 0)) throw new Error(`fitWhitening: epsilon must be >= 0, got ${epsilon}`);
  const { values, n, d, exampleShape } = rowsOf(x);
  if (n < 2) throw new Error(`fitWhitening: need at least 2 examples, got ${n}`);
  const { mean, cov } = sampleMoments(values, n, d);
  const eig = covarianceEigen(cov, d);
  const eigenvalues = clampRoundOff(eig.values);
  if (eigenvalues[d - 1] + epsilon <= 0) {
    throw new Error('fitWhitening: the covariance is singular (a feature has no variance); pass epsilon > 0');
  }
  return { format: 'stablegen-whitening/1', epsilon, exampleShape, n, mean: Array.from(mean), eigenvalues, eigenvectors: Array.from(eig.vectors) };
}

/**
 * lambda_max / lambda_min of the sample covariance of x (float64); Infinity when singular
 * (lambda_min at round-off level).
 * @param x [n, ...example shape], n >= 2
 */
export function covarianceConditionNumber(x: tf.Tensor): number {
  const { values, n, d } = rowsOf(x);
  return conditionNumber(clampRoundOff(covarianceEigen(sampleMoments(values, n, d).cov, d).values));
}
