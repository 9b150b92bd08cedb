/**
 * The critic's gradient w.r.t. its input, per sample, recorded so that a penalty built from it
 * can itself be differentiated w.r.t. the critic's weights (double backprop). Nonlinear critics
 * need the gradient fixes of @stablegen/gradient-fixes (LeakyReLU's gradient uses `Greater`, which
 * has no gradient in tfjs 4.22): they are registered here on first use.
 */
import * as tf from '@tensorflow/tfjs-core';
import { ensureGradientFixes } from '@stablegen/gradient-fixes';
import type { Critic } from './types.js';

/** Square root that stays differentiable at 0 (adds 1e-12, far below float32 resolution of 1). */
export const safeSqrt = (sq: tf.Tensor): tf.Tensor => tf.sqrt(tf.add(sq, 1e-12));

/**
 * Squared L2 norms of d sum(critic(x)) / dx per sample, over all non-batch axes. Sample i's score
 * depends on x_i alone, so row i of that gradient is grad_x D(x_i).
 * @param x [batch, ...] (e.g. [batch, h, w, c] or [batch, 2])
 * @returns [batch]
 */
export function inputGradientSquaredNorms(critic: Critic, x: tf.Tensor): tf.Tensor1D {
  ensureGradientFixes();
  return tf.tidy(() => {
    const g = tf.grad((input: tf.Tensor) => tf.sum(critic(input)))(x); // [batch, ...]
    const axes = Array.from({ length: g.rank - 1 }, (_, i) => i + 1);
    return tf.sum(tf.square(g), axes) as tf.Tensor1D;
  });
}
