/**
 * Resampling by an integer factor written with reshape / mean / broadcasting multiply only, so it
 * is differentiable twice on every backend (tfjs has no gradient for ResizeNearestNeighborGrad
 * and AvgPoolGrad, which double backprop through the built-in layers would need).
 */
import * as tf from '@tensorflow/tfjs-core';

function checkFactor(factor: number): void {
  if (!Number.isInteger(factor) || factor < 1) throw new Error(`resample factor must be a positive integer, got ${factor}`);
}

/**
 * Nearest-neighbour upsampling: every pixel becomes a factor x factor block.
 * @param x [batch, h, w, c]
 * @returns [batch, h * factor, w * factor, c]
 */
export function nearestUpsample(x: tf.Tensor, factor = 2): tf.Tensor4D {
  checkFactor(factor);
  const [b, h, w, c] = x.shape;
  return tf.tidy(() => {
    const cells = tf.reshape(x, [b, h, 1, w, 1, c]); // [b, h, 1, w, 1, c]
    const blocks = tf.mul(cells, tf.ones([1, 1, factor, 1, factor, 1])); // [b, h, f, w, f, c]
    return tf.reshape(blocks, [b, h * factor, w * factor, c]);
  });
}

/**
 * Average pooling with window = stride = factor (no padding).
 * @param x [batch, h, w, c] with h and w divisible by factor
 * @returns [batch, h / factor, w / factor, c]
 */
export function avgDownsample(x: tf.Tensor, factor = 2): tf.Tensor4D {
  checkFactor(factor);
  const [b, h, w, c] = x.shape;
  if (h % factor !== 0 || w % factor !== 0) {
    throw new Error(`avgDownsample: ${h}x${w} is not divisible by factor ${factor}`);
  }
  return tf.tidy(() => {
    const blocks = tf.reshape(x, [b, h / factor, factor, w / factor, factor, c]); // [b, h/f, f, w/f, f, c]
    return tf.mean(blocks, [2, 4]) as tf.Tensor4D; // [b, h/f, w/f, c]
  });
}
