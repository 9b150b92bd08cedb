/**
 * dy * act'(y) for the activations of the fused kernels (`_FusedMatMul`, `FusedConv2D`), read from
 * their output y: step(y) for relu, step(y, alpha) for leakyrelu with alpha >= 0 (y > 0 exactly
 * where the pre-activation is > 0). The mask's own derivative is zero, so the second backward
 * pass, which prunes a saved output (tfjs issue 3252), loses nothing.
 */
import * as tf from '@tensorflow/tfjs-core';

/** The activation attributes the fused kernels take. */
export interface FusedActivationAttrs {
  activation?: string;
  leakyreluAlpha?: number;
}

/** @param kernel named in errors */
export function fusedActivationGradient(kernel: string, dy: tf.Tensor, y: tf.Tensor, attrs: FusedActivationAttrs): tf.Tensor {
  const activation = attrs.activation ?? 'linear';
  if (activation === 'linear') return dy;
  if (activation === 'relu') return tf.mul(dy, tf.step(y));
  if (activation === 'leakyrelu') {
    const alpha = attrs.leakyreluAlpha; // no default: backends disagree on one (wasm's kernel takes 0, tfjs's op passes 0.2)
    if (alpha === undefined) throw new Error(`${kernel} gradient: leakyrelu needs leakyreluAlpha in the attributes`);
    if (!(alpha >= 0)) throw new Error(`${kernel} gradient: leakyrelu alpha ${alpha} < 0 is not supported (the slope cannot be read from the output); use the unfused op and leakyRelu`);
    return tf.mul(dy, tf.step(y, alpha));
  }
  throw new Error(`${kernel} gradient: activation '${activation}' is not supported (linear, relu, leakyrelu); use the unfused op and the activation`);
}
