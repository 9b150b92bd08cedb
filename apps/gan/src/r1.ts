/**
 * R1 on the gan critic (Mescheder et al. 2018, eq. 9): gamma/2 E[||grad_x D(x)||^2] over the real
 * batch, added to the critic loss. With class conditioning the batch is packed [b, pixels + classes]
 * (labelled-batch.ts): the gradient is taken with respect to the pixels only, the one-hot labels
 * held fixed, as in the paper's conditional experiments.
 */
import * as tf from '@tensorflow/tfjs-core';
import { r1Penalty } from '@stablegen/gradient-penalty';

/**
 * @param critic the critic as the loss sees it: [b, ...] -> [b, 1]
 * @param real [b, h, w, c] (or [b, 2] on a mixture), or packed [b, pixels + classes] when classes > 0
 * @returns the penalty (a scalar)
 */
export function r1OnReal(critic: (x: tf.Tensor) => tf.Tensor, real: tf.Tensor, gamma: number, classes: number): tf.Scalar {
  if (classes === 0) return r1Penalty(critic, real, gamma).penalty;
  const pixels = real.shape[1]! - classes;
  const labels = tf.slice(real, [0, pixels], [-1, classes]);
  const images = tf.slice(real, [0, 0], [-1, pixels]);
  const onImages = (x: tf.Tensor) => critic(tf.concat([x, labels], 1));
  return r1Penalty(onImages, images, gamma).penalty;
}
