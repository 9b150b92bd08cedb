/**
 * Fade-in blend of progressive growing (Karras et al. 2018, sec. 3): out = (1 - alpha) * old +
 * alpha * new. `alpha` is a plain property read on every call, so a schedule can change it
 * between steps without rebuilding the model; it is saved in the layer config.
 */
import * as tf from '@tensorflow/tfjs-core';
import { layers } from '@tensorflow/tfjs-layers';
import type { Kwargs, LayerArgs, Shape } from './layer-types.js';

/**
 * @param old [...] the tensor being faded out
 * @param next [...] the tensor being faded in, same shape
 * @returns (1 - alpha) * old + alpha * next
 */
export function fadeIn(old: tf.Tensor, next: tf.Tensor, alpha: number): tf.Tensor {
  checkAlpha(alpha);
  return tf.tidy(() => tf.add(tf.mul(old, 1 - alpha), tf.mul(next, alpha)));
}

function checkAlpha(alpha: number): void {
  if (!(alpha >= 0 && alpha <= 1)) throw new RangeError(`fade-in alpha must be in [0, 1], got ${alpha}`);
}

export interface FadeInArgs extends LayerArgs {
  /** Initial blend weight of the new input (default 0). */
  alpha?: number;
}

/** Two inputs [old, new] of equal shape; output of that shape. */
export class FadeIn extends layers.Layer {
  static readonly className = 'FadeIn';
  private alphaValue: number;

  constructor(args: FadeInArgs = {}) {
    super(args);
    this.alphaValue = args.alpha ?? 0;
    checkAlpha(this.alphaValue);
  }

  /** Weight of the new input, in [0, 1]. */
  get alpha(): number {
    return this.alphaValue;
  }

  set alpha(value: number) {
    checkAlpha(value);
    this.alphaValue = value;
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape {
    const shapes = inputShape as Shape[];
    if (shapes.length !== 2 || !Array.isArray(shapes[0])) throw new Error('FadeIn expects two inputs [old, new]');
    if (shapes[0].join(',') !== shapes[1].join(',')) {
      throw new Error(`FadeIn inputs differ in shape: [${shapes[0].join(', ')}] vs [${shapes[1].join(', ')}]`);
    }
    return shapes[0];
  }

  override call(inputs: tf.Tensor | tf.Tensor[], _kwargs: Kwargs): tf.Tensor {
    if (!Array.isArray(inputs) || inputs.length !== 2) throw new Error('FadeIn expects two inputs [old, new]');
    return fadeIn(inputs[0], inputs[1], this.alphaValue);
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), alpha: this.alphaValue };
  }
}
tf.serialization.registerClass(FadeIn);
