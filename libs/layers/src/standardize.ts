/** Zero-mean, unit-variance standardisation over chosen axes; differentiable twice. */
import * as tf from '@tensorflow/tfjs-core';

/**
 * (x - mean) / sqrt(var + eps), mean and (biased) variance taken over `axes` per remaining index.
 * @param x any shape
 * @param axes the axes reduced (e.g. [1, 2, 3] for layer norm of [batch, h, w, c])
 * @returns same shape as x
 */
export function standardize(x: tf.Tensor, axes: number[], epsilon = 1e-5): tf.Tensor {
  return tf.tidy(() => {
    const centred = tf.sub(x, tf.mean(x, axes, true));
    const variance = tf.mean(tf.square(centred), axes, true);
    return tf.div(centred, tf.sqrt(tf.add(variance, epsilon)));
  });
}
