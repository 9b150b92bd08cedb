/** Layer forms of `nearestUpsample` and `avgDownsample`; no weights. Input [batch, h, w, c]. */
import * as tf from '@tensorflow/tfjs-core';
import { layers } from '@tensorflow/tfjs-layers';
import { type Kwargs, type LayerArgs, type Shape, singleInput, singleShape } from './layer-types.js';
import { avgDownsample, nearestUpsample } from './resample.js';

export interface ResampleArgs extends LayerArgs {
  /** Integer scale factor (default 2). */
  factor?: number;
}

function scaled(shape: Shape, by: (n: number) => number): Shape {
  const [b, h, w, c] = shape;
  return [b, h === null ? null : by(h), w === null ? null : by(w), c];
}

/** Output [batch, h * factor, w * factor, c]. */
export class NearestUpsample extends layers.Layer {
  static readonly className = 'NearestUpsample';
  readonly factor: number;

  constructor(args: ResampleArgs = {}) {
    super(args);
    this.factor = args.factor ?? 2;
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape {
    return scaled(singleShape(inputShape, 'NearestUpsample'), (n) => n * this.factor);
  }

  override call(inputs: tf.Tensor | tf.Tensor[], _kwargs: Kwargs): tf.Tensor {
    return nearestUpsample(singleInput(inputs, 'NearestUpsample'), this.factor);
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), factor: this.factor };
  }
}
tf.serialization.registerClass(NearestUpsample);

/** Output [batch, h / factor, w / factor, c]. */
export class AvgDownsample extends layers.Layer {
  static readonly className = 'AvgDownsample';
  readonly factor: number;

  constructor(args: ResampleArgs = {}) {
    super(args);
    this.factor = args.factor ?? 2;
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape {
    return scaled(singleShape(inputShape, 'AvgDownsample'), (n) => n / this.factor);
  }

  override call(inputs: tf.Tensor | tf.Tensor[], _kwargs: Kwargs): tf.Tensor {
    return avgDownsample(singleInput(inputs, 'AvgDownsample'), this.factor);
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), factor: this.factor };
  }
}
tf.serialization.registerClass(AvgDownsample);
