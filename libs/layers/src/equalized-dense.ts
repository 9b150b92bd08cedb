/**
 * Dense layer with equalised learning rate (Karras et al. 2018, sec. 4.1): the kernel is stored
 * as N(0, 1) and scaled by He's constant sqrt(gain / fanIn) on every call, so every weight sees
 * the same effective learning rate under Adam.
 */
import * as tf from '@tensorflow/tfjs-core';
import { initializers, layers, type LayerVariable } from '@tensorflow/tfjs-layers';
import { heConstant } from './he-constant.js';
import { type Kwargs, type LayerArgs, type Shape, singleInput, singleShape } from './layer-types.js';

export interface EqualizedDenseArgs extends LayerArgs {
  units: number;
  /** Variance gain: 2 before a (leaky) ReLU (default), 1 before a linear output. */
  gain?: number;
  useBias?: boolean;
  /** Seed of the N(0, 1) kernel initialiser. */
  seed?: number;
}

/** y = x @ (kernel * sqrt(gain / fanIn)) + bias. Input [batch, fanIn], output [batch, units]. */
export class EqualizedDense extends layers.Layer {
  static readonly className = 'EqualizedDense';
  readonly units: number;
  readonly gain: number;
  readonly useBias: boolean;
  readonly seed: number | undefined;
  /** sqrt(gain / fanIn); set in build. */
  scale = NaN;
  private kernel?: LayerVariable;
  private bias?: LayerVariable;

  constructor(args: EqualizedDenseArgs) {
    super(args);
    this.units = args.units;
    this.gain = args.gain ?? 2;
    this.useBias = args.useBias ?? true;
    this.seed = args.seed ?? undefined; // a loaded config stores null
  }

  override build(inputShape: Shape | Shape[]): void {
    const shape = singleShape(inputShape, 'EqualizedDense');
    const fanIn = shape[shape.length - 1];
    if (shape.length !== 2 || fanIn === null) {
      throw new Error(`EqualizedDense expects input [batch, features], got [${shape.join(', ')}]`);
    }
    this.scale = heConstant(fanIn, this.gain);
    const init = initializers.randomNormal({ mean: 0, stddev: 1, seed: this.seed });
    this.kernel = this.addWeight('kernel', [fanIn, this.units], 'float32', init);
    if (this.useBias) this.bias = this.addWeight('bias', [this.units], 'float32', initializers.zeros());
    this.built = true;
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape {
    const shape = singleShape(inputShape, 'EqualizedDense');
    return [...shape.slice(0, -1), this.units];
  }

  override call(inputs: tf.Tensor | tf.Tensor[], _kwargs: Kwargs): tf.Tensor {
    const x = singleInput(inputs, 'EqualizedDense'); // [batch, fanIn]
    const kernel = this.kernel as LayerVariable;
    return tf.tidy(() => {
      const y = tf.matMul(x, tf.mul(kernel.read(), this.scale)); // [batch, units]
      return this.bias ? tf.add(y, this.bias.read()) : y;
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    const config: tf.serialization.ConfigDict = { ...super.getConfig(), units: this.units };
    return { ...config, gain: this.gain, useBias: this.useBias, seed: this.seed ?? null };
  }
}
tf.serialization.registerClass(EqualizedDense);
