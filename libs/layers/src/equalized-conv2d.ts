/**
 * 2-D convolution (stride 1, 'same' padding) with equalised learning rate (Karras et al. 2018,
 * sec. 4.1): the kernel is stored as N(0, 1) and scaled by sqrt(gain / (k * k * cIn)) per call.
 */
import * as tf from '@tensorflow/tfjs-core';
import { initializers, layers, type LayerVariable } from '@tensorflow/tfjs-layers';
import { heConstant } from './he-constant.js';
import { type Kwargs, type LayerArgs, type Shape, singleInput, singleShape } from './layer-types.js';

export interface EqualizedConv2DArgs extends LayerArgs {
  filters: number;
  /** Square kernel side (3 for the blocks, 1 for toRGB / fromRGB). */
  kernelSize: number;
  /** Variance gain: 2 before a (leaky) ReLU (default), 1 before a linear output (toRGB). */
  gain?: number;
  useBias?: boolean;
  /** Seed of the N(0, 1) kernel initialiser. */
  seed?: number;
}

/** Input [batch, h, w, cIn], output [batch, h, w, filters]. */
export class EqualizedConv2D extends layers.Layer {
  static readonly className = 'EqualizedConv2D';
  readonly filters: number;
  readonly kernelSize: number;
  readonly gain: number;
  readonly useBias: boolean;
  readonly seed: number | undefined;
  /** sqrt(gain / (k * k * cIn)); set in build. */
  scale = NaN;
  private kernel?: LayerVariable;
  private bias?: LayerVariable;

  constructor(args: EqualizedConv2DArgs) {
    super(args);
    this.filters = args.filters;
    this.kernelSize = args.kernelSize;
    this.gain = args.gain ?? 2;
    this.useBias = args.useBias ?? true;
    this.seed = args.seed ?? undefined; // a loaded config stores null
  }

  override build(inputShape: Shape | Shape[]): void {
    const shape = singleShape(inputShape, 'EqualizedConv2D');
    const cIn = shape[3];
    if (shape.length !== 4 || cIn === null) {
      throw new Error(`EqualizedConv2D expects input [batch, h, w, c], got [${shape.join(', ')}]`);
    }
    const k = this.kernelSize;
    this.scale = heConstant(k * k * cIn, this.gain);
    const init = initializers.randomNormal({ mean: 0, stddev: 1, seed: this.seed });
    this.kernel = this.addWeight('kernel', [k, k, cIn, this.filters], 'float32', init);
    if (this.useBias) this.bias = this.addWeight('bias', [this.filters], 'float32', initializers.zeros());
    this.built = true;
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape {
    const shape = singleShape(inputShape, 'EqualizedConv2D');
    return [...shape.slice(0, 3), this.filters];
  }

  override call(inputs: tf.Tensor | tf.Tensor[], _kwargs: Kwargs): tf.Tensor {
    const x = singleInput(inputs, 'EqualizedConv2D') as tf.Tensor4D; // [batch, h, w, cIn]
    const kernel = this.kernel as LayerVariable;
    return tf.tidy(() => {
      const w = tf.mul(kernel.read(), this.scale) as tf.Tensor4D; // [k, k, cIn, filters]
      const y = tf.conv2d(x, w, 1, 'same'); // [batch, h, w, filters]
      return this.bias ? tf.add(y, this.bias.read()) : y;
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    const config: tf.serialization.ConfigDict = { ...super.getConfig(), filters: this.filters };
    const rest = { kernelSize: this.kernelSize, gain: this.gain, useBias: this.useBias };
    return { ...config, ...rest, seed: this.seed ?? null };
  }
}
tf.serialization.registerClass(EqualizedConv2D);
