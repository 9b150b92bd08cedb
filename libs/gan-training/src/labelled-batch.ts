/**
 * A labelled image batch as one tensor, [b, h * w * c + classes]: the pixels row-major, then the
 * one-hot label. A class-conditional GAN's real and fake batches travel this way, so losses,
 * probes and the stability monitor handle them as any batch; only the critic's forward unpacks.
 */
import * as tf from '@tensorflow/tfjs-core';

/** images [b, h, w, c] and one-hot labels [b, classes] -> [b, h * w * c + classes]. */
export function packLabelled(images: tf.Tensor4D, labels: tf.Tensor2D): tf.Tensor2D {
  return tf.tidy(() => tf.concat([tf.reshape(images, [images.shape[0], -1]) as tf.Tensor2D, labels], 1));
}

/** The inverse of packLabelled for images of `imageShape` [h, w, c]. */
export function unpackLabelled(packed: tf.Tensor2D, imageShape: readonly [number, number, number]): { images: tf.Tensor4D; labels: tf.Tensor2D } {
  const pixels = imageShape[0] * imageShape[1] * imageShape[2];
  return tf.tidy(() => ({
    images: tf.reshape(tf.slice(packed, [0, 0], [-1, pixels]), [packed.shape[0], ...imageShape]) as tf.Tensor4D,
    labels: tf.slice(packed, [0, pixels], [-1, packed.shape[1] - pixels]) as tf.Tensor2D,
  }));
}
