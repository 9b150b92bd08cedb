/**
 * Base of the per-sample normalisations used in critics (layer norm, instance norm): standardise
 * over axes that never mix samples, then a learned per-channel scale gamma and shift beta.
 * Unlike batch norm, the output for one sample does not depend on the others in the batch.
 */
import * as tf from '@tensorflow/tfjs-core';
import { initializers, layers, type LayerVariable } from '@tensorflow/tfjs-layers';
import { type Kwargs, type LayerArgs, type Shape, singleInput, singleShape } from './layer-types.js';
import { standardize } from './standardize.js';

export interface AffineNormArgs extends LayerArgs {
  /** Added to the variance (default 1e-5). */
  epsilon?: number;
}

export abstract class AffineNorm extends layers.Layer {
  readonly epsilon: number;
  private gamma?: LayerVariable;
  private beta?: LayerVariable;

  constructor(args: AffineNormArgs = {}) {
    super(args);
    this.epsilon = args.epsilon ?? 1e-5;
  }

  /** The axes standardised for an input of this rank. */
  abstract reductionAxes(rank: number): number[];

  override build(inputShape: Shape | Shape[]): void {
    const shape = singleShape(inputShape, this.getClassName());
    const c = shape[shape.length - 1];
    if (c === null) throw new Error(`${this.getClassName()} needs a known channel count`);
    this.reductionAxes(shape.length); // validates the rank
    this.gamma = this.addWeight('gamma', [c], 'float32', initializers.ones());
    this.beta = this.addWeight('beta', [c], 'float32', initializers.zeros());
    this.built = true;
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape {
    return singleShape(inputShape, this.getClassName());
  }

  override call(inputs: tf.Tensor | tf.Tensor[], _kwargs: Kwargs): tf.Tensor {
    const x = singleInput(inputs, this.getClassName());
    const gamma = this.gamma as LayerVariable;
    const beta = this.beta as LayerVariable;
    return tf.tidy(() => {
      const z = standardize(x, this.reductionAxes(x.rank), this.epsilon);
      return tf.add(tf.mul(z, gamma.read()), beta.read()); // gamma, beta [c] broadcast on the last axis
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), epsilon: this.epsilon };
  }
}
