/**
 * A dense layer and its activation as one `_FusedMatMul` kernel (XNNPACK's fully connected operator
 * with its bias and activation on wasm), run directly rather than through `tf.fused.matMul`, so
 * that the gradient is `@stablegen/gradient-fixes`' registered one: the engine then computes only
 * the gradients on the requested path (a penalty's inner gradient w.r.t. the input skips every
 * weight and bias gradient). Same values as `layers.dense` followed by `layers.reLU` /
 * `layers.leakyReLU` (same kernels, same order), with fewer kernels per layer.
 */
import * as tf from '@tensorflow/tfjs-core';
import { ensureGradientFixes } from '@stablegen/gradient-fixes';

export type DenseActivation = 'linear' | 'relu' | 'leakyrelu';

/**
 * activation(x kernel + bias).
 * @param x [n, k]
 * @param kernel [k, m]
 * @param bias [m], or null for none
 * @param alpha leakyrelu's slope below zero (>= 0)
 * @returns [n, m]
 */
export function fusedDense(x: tf.Tensor, kernel: tf.Tensor, bias: tf.Tensor | null, activation: DenseActivation = 'linear', alpha = 0.2): tf.Tensor2D {
  if (x.rank !== 2 || kernel.rank !== 2 || x.shape[1] !== kernel.shape[0]) {
    throw new Error(`fusedDense: x ${JSON.stringify(x.shape)} and kernel ${JSON.stringify(kernel.shape)} must be [n, k] and [k, m]`);
  }
  const [n, k] = x.shape as [number, number];
  const [, m] = kernel.shape as [number, number];
  if (bias !== null && !tf.util.arraysEqual(bias.shape, [m])) throw new Error(`fusedDense: bias ${JSON.stringify(bias.shape)} must be [${m}]`);
  if (activation === 'leakyrelu' && !(alpha >= 0)) throw new Error(`fusedDense: leakyrelu alpha must be >= 0, got ${alpha}`);
  ensureGradientFixes();
  return tf.tidy(() => {
    const inputs: tf.NamedTensorMap = { a: tf.reshape(x, [1, n, k]), b: tf.reshape(kernel, [1, k, m]) }; // the kernel takes rank 3 on every backend
    if (bias !== null) inputs.bias = bias;
    const attrs: tf.NamedAttrMap = { transposeA: false, transposeB: false, activation, leakyreluAlpha: alpha };
    const y = tf.engine().runKernel<tf.Tensor>('_FusedMatMul', inputs, attrs); // [1, n, m]
    return tf.reshape(y, [n, m]);
  });
}
