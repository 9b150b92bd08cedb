/**
 * Pixel-wise feature normalisation (Karras et al. 2018, "Progressive Growing of GANs", sec. 4.2):
 * every feature vector (the last axis) is scaled to unit root-mean-square,
 * b = a / sqrt(mean_j(a_j^2) + eps).
 */
import * as tf from '@tensorflow/tfjs-core';
import { layers } from '@tensorflow/tfjs-layers';
import { type Kwargs, type LayerArgs, type Shape, singleInput, singleShape } from './layer-types.js';

/**
 * @param x [..., c] any rank >= 1
 * @returns [..., c], each last-axis vector divided by its root-mean-square
 */
export function pixelNorm(x: tf.Tensor, epsilon = 1e-8): tf.Tensor {
  return tf.tidy(() => tf.div(x, tf.sqrt(tf.add(tf.mean(tf.square(x), -1, true), epsilon))));
}

export interface PixelNormArgs extends LayerArgs {
  /** Added under the square root (default 1e-8, as in the paper). */
  epsilon?: number;
}

/** Layer form of `pixelNorm`; no weights. */
export class PixelNorm extends layers.Layer {
  static readonly className = 'PixelNorm';
  readonly epsilon: number;

  constructor(args: PixelNormArgs = {}) {
    super(args);
    this.epsilon = args.epsilon ?? 1e-8;
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape {
    return singleShape(inputShape, 'PixelNorm');
  }

  override call(inputs: tf.Tensor | tf.Tensor[], _kwargs: Kwargs): tf.Tensor {
    return pixelNorm(singleInput(inputs, 'PixelNorm'), this.epsilon);
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), epsilon: this.epsilon };
  }
}
tf.serialization.registerClass(PixelNorm);
