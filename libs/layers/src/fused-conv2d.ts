/**
 * A 2-D convolution, its bias and its activation as one `FusedConv2D` kernel, run directly rather
 * than through `tf.fused.conv2d`, so that the gradient is `@stablegen/gradient-fixes`' registered
 * one: the engine computes only the gradients on the requested path (a generator update skips the
 * critic's filter gradients; a critic update skips the gradient back into the images). Same values
 * as `layers.conv2d` (channels last, dilation 1) followed by `layers.reLU` / `layers.leakyReLU`.
 */
import * as tf from '@tensorflow/tfjs-core';
import { ensureGradientFixes } from '@stablegen/gradient-fixes';
import type { DenseActivation } from './fused-dense.js';

export interface Conv2dGeometry {
  /** [strideH, strideW] */
  strides: [number, number];
  padding: 'same' | 'valid';
}

/**
 * activation(conv2d(x, filter) + bias), NHWC.
 * @param x [b, h, w, ci]
 * @param filter [kh, kw, ci, co]
 * @param bias [co], or null for none
 * @param alpha leakyrelu's slope below zero (>= 0)
 * @returns [b, oh, ow, co]
 */
export function fusedConv2d(x: tf.Tensor, filter: tf.Tensor, bias: tf.Tensor | null, geometry: Conv2dGeometry, activation: DenseActivation = 'linear', alpha = 0.2): tf.Tensor4D {
  if (x.rank !== 4 || filter.rank !== 4 || x.shape[3] !== filter.shape[2]) {
    throw new Error(`fusedConv2d: x ${JSON.stringify(x.shape)} and filter ${JSON.stringify(filter.shape)} must be [b, h, w, ci] and [kh, kw, ci, co]`);
  }
  const co = filter.shape[3] as number;
  if (bias !== null && !tf.util.arraysEqual(bias.shape, [co])) throw new Error(`fusedConv2d: bias ${JSON.stringify(bias.shape)} must be [${co}]`);
  if (activation === 'leakyrelu' && !(alpha >= 0)) throw new Error(`fusedConv2d: leakyrelu alpha must be >= 0, got ${alpha}`);
  ensureGradientFixes();
  const inputs: tf.NamedTensorMap = { x, filter };
  if (bias !== null) inputs.bias = bias;
  const attrs: tf.NamedAttrMap = { strides: geometry.strides, pad: geometry.padding, dataFormat: 'NHWC', dilations: [1, 1], activation, leakyreluAlpha: alpha };
  return tf.engine().runKernel<tf.Tensor4D>('FusedConv2D', inputs, attrs);
}
