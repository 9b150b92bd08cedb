/** Shared types of the gradient penalties. */
import type * as tf from '@tensorflow/tfjs-core';

/** A critic as a function: x [batch, ...] -> scores (logits) [batch] or [batch, 1]. */
export type Critic = (x: tf.Tensor) => tf.Tensor;

/** What a gradient penalty returns; the caller disposes both. */
export interface PenaltyResult {
  /** The scalar penalty (a term of the critic loss to minimise). */
  penalty: tf.Scalar;
  /** Mean per-sample input-gradient norm, for logging. */
  gradNorm: tf.Scalar;
}
