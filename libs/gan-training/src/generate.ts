/** Runs a generator over a latent batch in chunks (inference mode). */
import * as tf from '@tensorflow/tfjs-core';
import type { LayersModel } from '@tensorflow/tfjs-layers';

/**
 * @param z [n, latentDim]
 * @returns [n, ...output shape]; the caller disposes it
 */
export function generate(generator: LayersModel, z: tf.Tensor2D, chunk = 250): tf.Tensor {
  const n = z.shape[0];
  return tf.tidy(() => {
    const parts: tf.Tensor[] = [];
    for (let i = 0; i < n; i += chunk) {
      const size = Math.min(chunk, n - i);
      parts.push(generator.predict(tf.slice(z, [i, 0], [size, -1])) as tf.Tensor);
    }
    return parts.length === 1 ? parts[0] : tf.concat(parts, 0);
  });
}
