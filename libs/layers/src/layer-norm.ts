/**
 * Layer normalisation (Ba et al. 2016): each sample is standardised over all its non-batch axes
 * ([h, w, c] for images, [features] for vectors), then scaled and shifted per channel. The
 * WGAN-GP paper (Gulrajani et al. 2017, sec. 4) recommends it in place of batch norm in critics.
 */
import * as tf from '@tensorflow/tfjs-core';
import { AffineNorm } from './affine-norm.js';

/** Input [batch, ...] of rank >= 2; output of the same shape. */
export class LayerNorm extends AffineNorm {
  static readonly className = 'LayerNorm';

  reductionAxes(rank: number): number[] {
    if (rank < 2) throw new Error(`LayerNorm expects [batch, ...features], got rank ${rank}`);
    return Array.from({ length: rank - 1 }, (_, i) => i + 1);
  }
}
tf.serialization.registerClass(LayerNorm);
