/** Resampling of image batches between a phase's resolution and the final one. */
import * as tf from '@tensorflow/tfjs-core';
import { avgDownsample, nearestUpsample } from '@stablegen/layers';

/**
 * Real images as the critic sees them in a phase: average-pooled to `resolution` and, during a
 * fade-in, blended like the generator's output, (1 - alpha) up(down(x)) + alpha x, so at alpha = 0
 * the reals carry only the previous resolution's detail (the official code's process_reals).
 * @param images [b, R, R, c] at the final resolution; @returns [b, resolution, resolution, c]
 */
export function realsAt(images: tf.Tensor4D, resolution: number, alpha: number): tf.Tensor4D {
  return tf.tidy(() => {
    const factor = images.shape[1] / resolution;
    const x = factor === 1 ? images : avgDownsample(images, factor); // [b, res, res, c]
    if (alpha >= 1) return factor === 1 ? tf.clone(x) : x;
    const coarse = nearestUpsample(avgDownsample(x, 2), 2); // [b, res, res, c]
    return tf.add(tf.mul(coarse, 1 - alpha), tf.mul(x, alpha)) as tf.Tensor4D;
  });
}

/** Nearest-upsamples [b, s, s, c] to [b, size, size, c] (size a multiple of s). */
export function upsampleTo(images: tf.Tensor4D, size: number): tf.Tensor4D {
  const factor = size / images.shape[1];
  return factor === 1 ? tf.clone(images) : nearestUpsample(images, factor);
}

/** Generated digits of any phase [n, s, s, 1] -> the judge's [n, 28, 28, 1]: upsample to 32, crop the 2-pixel padding. */
export function toMnist(images: tf.Tensor4D): tf.Tensor4D {
  return tf.tidy(() => tf.slice(upsampleTo(images, 32), [0, 2, 2, 0], [-1, 28, 28, -1]));
}
