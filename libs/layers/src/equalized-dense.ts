/**
 * Dense layer with equalised learning rate (Karras et al. 2018, sec. 4.1): the kernel is stored
 * as N(0, 1) and scaled by He's constant sqrt(gain / fanIn) on every call, so every weight sees
 * the same effective learning rate under Adam.
 */
import * as tf from '@tensorflow/tfjs-core';
import { type EqualizedArgs, EqualizedLayer } from './equalized-layer.js';
import { type Kwargs, type Shape, singleInput, singleShape } from './layer-types.js';

export interface EqualizedDenseArgs extends EqualizedArgs {
  units: number;
}

/** y = x @ (kernel * sqrt(gain / fanIn)) + bias. Input [batch, fanIn], output [batch, units]. */
export class EqualizedDense extends EqualizedLayer {
  static readonly className = 'EqualizedDense';
  readonly units: number;

  constructor(args: EqualizedDenseArgs) {
    super(args);
    this.units = args.units;
  }

  override build(inputShape: Shape | Shape[]): void {
    const shape = singleShape(inputShape, 'EqualizedDense');
    const fanIn = shape[shape.length - 1];
    if (shape.length !== 2 || fanIn === null) {
      throw new Error(`EqualizedDense expects input [batch, features], got [${shape.join(', ')}]`);
    }
    this.addEqualizedWeights([fanIn, this.units], fanIn, this.units);
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape {
    const shape = singleShape(inputShape, 'EqualizedDense');
    return [...shape.slice(0, -1), this.units];
  }

  override call(inputs: tf.Tensor | tf.Tensor[], _kwargs: Kwargs): tf.Tensor {
    const x = singleInput(inputs, 'EqualizedDense'); // [batch, fanIn]
    return tf.tidy(() => this.withBias(tf.matMul(x, this.scaledKernel()))); // [batch, units]
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), units: this.units, ...this.equalizedConfig() };
  }
}
tf.serialization.registerClass(EqualizedDense);
