/** Layer forms of `nearestUpsample` and `avgDownsample`; no weights. Input [batch, h, w, c]. */
import * as tf from '@tensorflow/tfjs-core';
import { layers } from '@tensorflow/tfjs-layers';
import { type Kwargs, type LayerArgs, type Shape, singleInput, singleShape } from './layer-types.js';
import { avgDownsample, nearestUpsample } from './resample.js';

export interface ResampleArgs extends LayerArgs {
  /** Integer scale factor (default 2). */
  factor?: number;
}

/** A weightless layer that rescales height and width by `factor` (up or down, per subclass). */
abstract class ResampleLayer extends layers.Layer {
  readonly factor: number;

  constructor(args: ResampleArgs = {}) {
    super(args);
    this.factor = args.factor ?? 2;
  }

  /** The new side of a side of length n. */
  protected abstract side(n: number): number;
  protected abstract resample(x: tf.Tensor): tf.Tensor;

  override computeOutputShape(inputShape: Shape | Shape[]): Shape {
    const [b, h, w, c] = singleShape(inputShape, this.getClassName());
    return [b, h === null ? null : this.side(h), w === null ? null : this.side(w), c];
  }

  override call(inputs: tf.Tensor | tf.Tensor[], _kwargs: Kwargs): tf.Tensor {
    return this.resample(singleInput(inputs, this.getClassName()));
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), factor: this.factor };
  }
}

/** Output [batch, h * factor, w * factor, c]. */
export class NearestUpsample extends ResampleLayer {
  static readonly className = 'NearestUpsample';
  protected side = (n: number) => n * this.factor;
  protected resample = (x: tf.Tensor) => nearestUpsample(x, this.factor);
}
tf.serialization.registerClass(NearestUpsample);

/** Output [batch, h / factor, w / factor, c]. */
export class AvgDownsample extends ResampleLayer {
  static readonly className = 'AvgDownsample';
  protected side = (n: number) => n / this.factor;
  protected resample = (x: tf.Tensor) => avgDownsample(x, this.factor);
}
tf.serialization.registerClass(AvgDownsample);
