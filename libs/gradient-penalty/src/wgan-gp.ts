/**
 * WGAN-GP (Gulrajani et al. 2017, eq. 3 and alg. 1): x^ = e x + (1 - e) x~ with e ~ U(0, 1) drawn
 * once per sample, penalty lambda E[(||grad D(x^)|| - target)^2]. One-sided variant (same paper,
 * sec. 4 "two-sided penalty"; Petzka et al. 2018): lambda E[max(0, ||grad D(x^)|| - target)^2].
 */
import * as tf from '@tensorflow/tfjs-core';
import { inputGradientSquaredNorms, safeSqrt } from './input-gradient.js';
import type { Critic, PenaltyResult } from './types.js';

export interface WganGpOptions {
  /** Seed of the per-sample interpolation weights e (draw it with `rng.nextSeed()`). */
  seed: number;
  /** Penalty weight (default 10, as in the paper). */
  lambda?: number;
  /** Target gradient norm (default 1). */
  target?: number;
  /** Penalise only norms above the target (default false). */
  oneSided?: boolean;
}

/**
 * @param real [batch, ...] real samples; @param fake generated samples, same shape
 * @returns penalty (scalar) and mean ||grad D(x^)|| (scalar)
 */
export function wganGradientPenalty(critic: Critic, real: tf.Tensor, fake: tf.Tensor, options: WganGpOptions): PenaltyResult {
  const { seed, lambda = 10, target = 1, oneSided = false } = options;
  if (!tf.util.arraysEqual(real.shape, fake.shape)) {
    throw new Error(`wganGradientPenalty: real ${JSON.stringify(real.shape)} and fake ${JSON.stringify(fake.shape)} must have the same shape`);
  }
  return tf.tidy(() => {
    const eShape = [real.shape[0], ...real.shape.slice(1).map(() => 1)]; // [batch, 1, ..., 1]
    const e = tf.randomUniform(eShape, 0, 1, 'float32', seed);
    const xHat = tf.add(tf.mul(e, real), tf.mul(tf.sub(1, e), fake)); // [batch, ...]
    const norms = safeSqrt(inputGradientSquaredNorms(critic, xHat)); // [batch]
    const excess = oneSided ? tf.relu(tf.sub(norms, target)) : tf.sub(norms, target);
    return { penalty: tf.mul(lambda, tf.mean(tf.square(excess))) as tf.Scalar, gradNorm: tf.mean(norms) as tf.Scalar };
  });
}
