/** Type aliases for writing custom tfjs-layers without deep imports into the package. */
import type * as tf from '@tensorflow/tfjs-core';
import { layers } from '@tensorflow/tfjs-layers';

/** The base constructor arguments of every `tf.layers.Layer` (name, trainable, inputShape, ...). */
export type LayerArgs = NonNullable<ConstructorParameters<typeof layers.Layer>[0]>;

/** Keyword arguments passed to `Layer.call` (e.g. `{ training: true }`). */
export type Kwargs = Parameters<layers.Layer['call']>[1];

/** A layer's shape with `null` for unknown dimensions (batch). */
export type Shape = Array<number | null>;

/** The single tensor of a one-input layer call; throws when given a list of several. */
export function singleInput(inputs: tf.Tensor | tf.Tensor[], layerName: string): tf.Tensor {
  if (!Array.isArray(inputs)) return inputs;
  if (inputs.length !== 1) throw new Error(`${layerName} expects one input, got ${inputs.length}`);
  return inputs[0];
}

/** The single shape of a one-input layer; throws when given a list of several. */
export function singleShape(shape: Shape | Shape[], layerName: string): Shape {
  if (shape.length > 0 && Array.isArray(shape[0])) {
    const shapes = shape as Shape[];
    if (shapes.length !== 1) throw new Error(`${layerName} expects one input, got ${shapes.length}`);
    return shapes[0];
  }
  return shape as Shape;
}
