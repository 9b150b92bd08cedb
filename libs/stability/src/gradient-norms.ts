/**
 * Per-weight and per-layer gradient L2 norms, for logging: vanishing or exploding gradients show
 * up as a trend across depth (input-side layers much smaller / larger than output-side ones).
 */
import * as tf from '@tensorflow/tfjs-core';
import { gradientList, trainableVariables, type WeightLike } from './weights.js';

export interface GradientNorms {
  /** The loss at the current weights. */
  loss: number;
  /** ||dL/dw|| over all given weights together. */
  total: number;
  /** ||dL/dw|| per weight, keyed by weight name (e.g. `dense_Dense1/kernel`). */
  weights: Record<string, number>;
  /** sqrt(sum of the squared norms of a layer's weights), keyed by layer name (`dense_Dense1`). */
  layers: Record<string, number>;
}

/** The layer a weight belongs to: its name without the last `/` segment (`a/b/kernel` -> `a/b`). */
export function layerOf(weightName: string): string {
  const cut = weightName.lastIndexOf('/');
  return cut > 0 ? weightName.slice(0, cut) : weightName;
}

/**
 * Gradient norms of `lossFn()` w.r.t. `weights` (e.g. `model.trainableWeights`). One device read.
 * @param lossFn returns a scalar; it reads the weights (e.g. calls `model.apply`)
 */
export function gradientNorms(lossFn: () => tf.Scalar, weights: readonly WeightLike[]): GradientNorms {
  const vars = trainableVariables(weights, 'gradientNorms');
  const values = tf.tidy(() => {
    const { value, grads } = gradientList(lossFn, vars);
    return tf.stack([value, ...grads.map((g) => tf.sum(tf.square(g)))]);
  });
  const [loss, ...squares] = Array.from(values.dataSync());
  values.dispose();
  const out: GradientNorms = { loss, total: Math.sqrt(squares.reduce((a, b) => a + b, 0)), weights: {}, layers: {} };
  const layerSquares: Record<string, number> = {};
  vars.forEach(({ name }, i) => {
    out.weights[name] = Math.sqrt(squares[i]);
    layerSquares[layerOf(name)] = (layerSquares[layerOf(name)] ?? 0) + squares[i];
  });
  for (const [layer, sq] of Object.entries(layerSquares)) out.layers[layer] = Math.sqrt(sq);
  return out;
}
