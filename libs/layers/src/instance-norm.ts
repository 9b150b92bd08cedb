/**
 * Instance normalisation (Ulyanov et al. 2016): each sample and channel is standardised over the
 * spatial axes ([h, w] of [batch, h, w, c]), then scaled and shifted per channel.
 */
import * as tf from '@tensorflow/tfjs-core';
import { AffineNorm } from './affine-norm.js';

/** Input [batch, ...spatial, c] with at least one spatial axis; output of the same shape. */
export class InstanceNorm extends AffineNorm {
  static readonly className = 'InstanceNorm';

  reductionAxes(rank: number): number[] {
    if (rank < 3) throw new Error(`InstanceNorm expects [batch, ...spatial, channels], got rank ${rank}`);
    return Array.from({ length: rank - 2 }, (_, i) => i + 1);
  }
}
tf.serialization.registerClass(InstanceNorm);
