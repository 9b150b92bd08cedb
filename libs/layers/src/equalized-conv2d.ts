/**
 * 2-D convolution (stride 1, 'same' padding) with equalised learning rate (Karras et al. 2018,
 * sec. 4.1): the kernel is stored as N(0, 1) and scaled by sqrt(gain / (k * k * cIn)) per call.
 */
import * as tf from '@tensorflow/tfjs-core';
import { type EqualizedArgs, EqualizedLayer } from './equalized-layer.js';
import { type Kwargs, type Shape, singleInput, singleShape } from './layer-types.js';

export interface EqualizedConv2DArgs extends EqualizedArgs {
  filters: number;
  /** Square kernel side (3 for the blocks, 1 for toRGB / fromRGB). */
  kernelSize: number;
}

/** Input [batch, h, w, cIn], output [batch, h, w, filters]; the scale is sqrt(gain / (k * k * cIn)). */
export class EqualizedConv2D extends EqualizedLayer {
  static readonly className = 'EqualizedConv2D';
  readonly filters: number;
  readonly kernelSize: number;

  constructor(args: EqualizedConv2DArgs) {
    super(args);
    this.filters = args.filters;
    this.kernelSize = args.kernelSize;
  }

  override build(inputShape: Shape | Shape[]): void {
    const shape = singleShape(inputShape, 'EqualizedConv2D');
    const cIn = shape[3];
    if (shape.length !== 4 || cIn === null) {
      throw new Error(`EqualizedConv2D expects input [batch, h, w, c], got [${shape.join(', ')}]`);
    }
    const k = this.kernelSize;
    this.addEqualizedWeights([k, k, cIn, this.filters], k * k * cIn, this.filters);
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape {
    const shape = singleShape(inputShape, 'EqualizedConv2D');
    return [...shape.slice(0, 3), this.filters];
  }

  override call(inputs: tf.Tensor | tf.Tensor[], _kwargs: Kwargs): tf.Tensor {
    const x = singleInput(inputs, 'EqualizedConv2D') as tf.Tensor4D; // [batch, h, w, cIn]
    return tf.tidy(() => this.withBias(tf.conv2d(x, this.scaledKernel() as tf.Tensor4D, 1, 'same'))); // [batch, h, w, filters]
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), filters: this.filters, kernelSize: this.kernelSize, ...this.equalizedConfig() };
  }
}
tf.serialization.registerClass(EqualizedConv2D);
