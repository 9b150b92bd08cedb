/**
 * Minibatch standard deviation (Karras et al. 2018, sec. 3): the standard deviation of every
 * feature at every position over the batch, averaged to one scalar, appended as ONE extra
 * feature map so the critic can see how varied a batch is.
 */
import * as tf from '@tensorflow/tfjs-core';
import { layers } from '@tensorflow/tfjs-layers';
import { type Kwargs, type LayerArgs, type Shape, singleInput, singleShape } from './layer-types.js';

/**
 * @param x [batch, ..., c] (e.g. [batch, h, w, c])
 * @returns [batch, ..., c + 1]; the last channel is s = mean over (..., c) of
 *   sqrt(var_batch(x) + eps), the same value everywhere
 */
export function minibatchStdDev(x: tf.Tensor, epsilon = 1e-8): tf.Tensor {
  return tf.tidy(() => {
    const centred = tf.sub(x, tf.mean(x, 0, true)); // [batch, ..., c]
    const std = tf.sqrt(tf.add(tf.mean(tf.square(centred), 0), epsilon)); // [..., c]
    const s = tf.mean(std); // scalar
    const mapShape = [...x.shape.slice(0, -1), 1]; // [batch, ..., 1]
    return tf.concat([x, tf.mul(tf.ones(mapShape), s)], -1);
  });
}

export interface MinibatchStdDevArgs extends LayerArgs {
  /** Added to the variance before the square root (default 1e-8). */
  epsilon?: number;
}

/** Layer form of `minibatchStdDev`; no weights; adds exactly one channel. */
export class MinibatchStdDev extends layers.Layer {
  static readonly className = 'MinibatchStdDev';
  readonly epsilon: number;

  constructor(args: MinibatchStdDevArgs = {}) {
    super(args);
    this.epsilon = args.epsilon ?? 1e-8;
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape {
    const shape = singleShape(inputShape, 'MinibatchStdDev');
    const c = shape[shape.length - 1];
    return [...shape.slice(0, -1), c === null ? null : c + 1];
  }

  override call(inputs: tf.Tensor | tf.Tensor[], _kwargs: Kwargs): tf.Tensor {
    return minibatchStdDev(singleInput(inputs, 'MinibatchStdDev'), this.epsilon);
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), epsilon: this.epsilon };
  }
}
tf.serialization.registerClass(MinibatchStdDev);
