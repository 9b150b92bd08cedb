/**
 * Gradient clipping by global norm (Pascanu et al. 2013; tf.clip_by_global_norm): with
 * N = sqrt(sum_i ||g_i||^2), every gradient is scaled by c / max(N, c), so the update direction is
 * kept and its norm is at most c.
 */
import * as tf from '@tensorflow/tfjs-core';
import { tidyOf } from '../model/tidy.js';

export interface Clipped {
  grads: tf.NamedTensorMap;
  /** global norm before clipping (scalar tensor) */
  norm: tf.Scalar;
}

/**
 * @param grads gradients by variable name
 * @param clipNorm c > 0, or Infinity for no clipping (the norm is still returned)
 */
export function clipByGlobalNorm(grads: tf.NamedTensorMap, clipNorm: number): Clipped {
  if (!(clipNorm > 0)) throw new Error(`clipByGlobalNorm: clipNorm must be > 0, got ${clipNorm}`);
  return tidyOf(() => {
    const names = Object.keys(grads);
    const norm = tf.sqrt(tf.addN(names.map((n) => tf.sum(tf.square(grads[n]))))) as tf.Scalar;
    if (clipNorm === Infinity) return { grads, norm };
    const scale = tf.div(clipNorm, tf.maximum(norm, clipNorm));
    const out: tf.NamedTensorMap = {};
    for (const n of names) out[n] = tf.mul(grads[n], scale);
    return { grads: out, norm };
  });
}
