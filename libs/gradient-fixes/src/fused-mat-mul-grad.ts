/**
 * A registered gradient for the `_FusedMatMul` kernel (matmul + bias + activation in one kernel),
 * so that a caller may run that kernel directly (`@stablegen/layers`' `fusedDense`) instead of
 * through `tf.fused.matMul`. tfjs's op wraps the kernel in `customGrad`, whose gradient function
 * computes every input's gradient at once; a registered gradient gives one closure per input and
 * the engine calls only those on the path to the requested gradient. A gradient penalty's inner
 * gradient w.r.t. the critic's input then no longer computes each layer's weight and bias
 * gradients, nor does a generator update compute the critic's.
 *
 * The values are tfjs's own: with g = dy * act'(y), da = g b^T, db = a^T g, dbias = sum of g over
 * the batch axes (the same kernels in the same order as tfjs's fused op). act'(y) is read from the
 * output y: step(y) for relu and step(y, alpha) for leakyrelu with alpha >= 0 (y > 0 exactly where
 * the pre-activation is > 0). Its own derivative is zero, so the second backward pass, which
 * prunes the saved output (tfjs issue 3252, see adjoint-gradients / input-based-gradients), loses
 * nothing. Scope: no transposes, equal batch dims, a bias of shape [n] or none (the engine rejects a
 * gradient of another shape), activation linear /
 * relu / leakyrelu (alpha >= 0); anything else throws, naming what is unsupported.
 */
import * as tf from '@tensorflow/tfjs-core';

interface FusedMatMulAttrs {
  transposeA: boolean;
  transposeB: boolean;
  activation?: string;
  leakyreluAlpha?: number;
}

/** dy * act'(y) for the activations this gradient supports. */
function activationGradient(dy: tf.Tensor, y: tf.Tensor, attrs: FusedMatMulAttrs): tf.Tensor {
  const activation = attrs.activation ?? 'linear';
  if (activation === 'linear') return dy;
  if (activation === 'relu') return tf.mul(dy, tf.step(y));
  if (activation === 'leakyrelu') {
    const alpha = attrs.leakyreluAlpha ?? 0.2;
    if (!(alpha >= 0)) throw new Error(`_FusedMatMul gradient: leakyrelu alpha ${alpha} < 0 is not supported (the slope cannot be read from the output); use matMul + leakyRelu`);
    return tf.mul(dy, tf.step(y, alpha));
  }
  throw new Error(`_FusedMatMul gradient: activation '${activation}' is not supported (linear, relu, leakyrelu); use matMul and the activation op`);
}

export const fusedMatMulGrad: tf.GradConfig = {
  kernelName: '_FusedMatMul',
  inputsToSave: ['a', 'b'], // not the bias: it may be absent, and its gradient does not read it
  outputsToSave: [true],
  gradFunc: (dy, [a, b, y], rawAttrs) => {
    const attrs = rawAttrs as unknown as FusedMatMulAttrs;
    if (attrs.transposeA || attrs.transposeB) throw new Error('_FusedMatMul gradient: transposeA / transposeB are not supported; transpose the operand first');
    if (!tf.util.arraysEqual(a.shape.slice(0, -2), b.shape.slice(0, -2))) {
      throw new Error(`_FusedMatMul gradient: batch dims of a ${JSON.stringify(a.shape)} and b ${JSON.stringify(b.shape)} must be equal (no broadcasting)`);
    }
    const g = activationGradient(dy as tf.Tensor, y, attrs); // [batch, m, n]
    return {
      a: () => tf.matMul(g, b, false, true), // [batch, m, k]
      b: () => tf.matMul(a, g, true, false), // [batch, k, n]
      bias: () => tf.sum(g, Array.from({ length: g.rank - 1 }, (_, i) => i)), // [n]; the engine asks for it only when a bias was passed
    };
  },
};
