/**
 * Drift penalty (Karras et al. 2018, "Progressive growing of GANs", sec. A.1): epsilon E[D(x)^2]
 * on real x keeps the critic's scores from drifting far from 0 (WGAN-GP critics are unanchored).
 */
import * as tf from '@tensorflow/tfjs-core';

/**
 * epsilon E[D(real)^2]. Takes the scores the critic loss already computed (no second forward pass).
 * @param realScores critic outputs on real samples [batch] or [batch, 1]
 * @returns scalar
 */
export function driftPenalty(realScores: tf.Tensor, epsilon = 0.001): tf.Scalar {
  return tf.tidy(() => tf.mul(epsilon, tf.mean(tf.square(realScores))) as tf.Scalar);
}
