/**
 * R1 (Mescheder et al. 2018, eq. 9): gamma/2 E[||grad D(x)||^2] on real samples; R2 (eq. 10) is
 * the same on generated samples. No square root, so no kink at a zero gradient.
 */
import * as tf from '@tensorflow/tfjs-core';
import { inputGradientSquaredNorms, safeSqrt } from './input-gradient.js';
import type { Critic, PenaltyResult } from './types.js';

function squaredNormPenalty(critic: Critic, x: tf.Tensor, gamma: number): PenaltyResult {
  return tf.tidy(() => {
    const sq = inputGradientSquaredNorms(critic, x); // [batch]
    return { penalty: tf.mul(gamma / 2, tf.mean(sq)) as tf.Scalar, gradNorm: tf.mean(safeSqrt(sq)) as tf.Scalar };
  });
}

/** R1: gamma/2 E[||grad D(real)||^2]. @param real [batch, ...] */
export function r1Penalty(critic: Critic, real: tf.Tensor, gamma = 10): PenaltyResult {
  return squaredNormPenalty(critic, real, gamma);
}

/** R2: gamma/2 E[||grad D(fake)||^2]. @param fake [batch, ...] */
export function r2Penalty(critic: Critic, fake: tf.Tensor, gamma = 10): PenaltyResult {
  return squaredNormPenalty(critic, fake, gamma);
}
