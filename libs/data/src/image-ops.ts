/** Image helpers for progressive growing: pad 28x28 digits to 32x32, average-pool to 4/8/16. */
import * as tf from '@tensorflow/tfjs-core';
import { DataError } from './errors.js';
import type { ArrayField } from './in-memory.js';

/**
 * Pads images centred into a `size` x `size` canvas filled with `fill` (-1 = black after scaling).
 * @param images [n, h, w, c] float32
 * @returns [n, size, size, c]; (size - h) / 2 rows above (rounded down), the rest below; same for columns.
 */
export function padImageArray(images: ArrayField, size: number, fill = -1): ArrayField {
  const [n, h, w, c] = images.shape;
  if (size < h || size < w) {
    throw new DataError('bad-option', `cannot pad ${h}x${w} images to ${size}x${size}`, 'Pick a size >= the image size.');
  }
  const top = Math.floor((size - h) / 2);
  const left = Math.floor((size - w) / 2);
  const out = new Float32Array(n * size * size * c).fill(fill);
  for (let i = 0; i < n; i++) {
    for (let r = 0; r < h; r++) {
      const src = ((i * h + r) * w) * c;
      const dst = ((i * size + r + top) * size + left) * c;
      out.set(images.data.subarray(src, src + w * c), dst);
    }
  }
  return { data: out, shape: [n, size, size, c] };
}

/**
 * Average-pools square images down to `size` x `size` (the side must be a multiple of `size`),
 * as progressive growing shows real images at the current resolution.
 * @param images [n, s, s, c]
 * @returns [n, size, size, c]; each output pixel is the mean of a (s/size) x (s/size) block.
 */
export function downsampleImages(images: tf.Tensor4D, size: number): tf.Tensor4D {
  const [, h, w] = images.shape;
  if (h !== w || h % size !== 0) {
    throw new DataError(
      'bad-option',
      `cannot average-pool ${h}x${w} images to ${size}x${size}`,
      'Images must be square with a side that is a multiple of the target size (pad MNIST to 32 first).',
    );
  }
  const k = h / size;
  if (k === 1) return tf.clone(images);
  return tf.tidy(() => tf.avgPool(images, k, k, 'valid'));
}
