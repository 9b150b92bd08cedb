/**
 * A registered gradient for the `_FusedMatMul` kernel (matmul + bias + activation in one kernel),
 * so that a caller may run that kernel directly (`@stablegen/layers`' `fusedDense`) instead of
 * through `tf.fused.matMul`. tfjs's op wraps the kernel in `customGrad`, whose gradient function
 * computes every input's gradient at once; a registered gradient gives one closure per input and
 * the engine calls only those on the path to the requested gradient. A gradient penalty's inner
 * gradient w.r.t. the critic's input then no longer computes each layer's weight and bias
 * gradients, nor does a generator update compute the critic's.
 *
 * The values are tfjs's own: with g = dy * act'(y) (fused-activation-grad.ts), da = g b^T,
 * db = a^T g, dbias = sum of g over the batch axes (the same kernels in the same order as tfjs's
 * fused op). Scope: no transposes, equal batch dims, a bias of shape [n] or none (the engine rejects a
 * gradient of another shape), activation linear /
 * relu / leakyrelu (alpha >= 0); anything else throws, naming what is unsupported.
 */
import * as tf from '@tensorflow/tfjs-core';
import { type FusedActivationAttrs, fusedActivationGradient } from './fused-activation-grad.js';

interface FusedMatMulAttrs extends FusedActivationAttrs {
  transposeA: boolean;
  transposeB: boolean;
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
    const g = fusedActivationGradient('_FusedMatMul', dy as tf.Tensor, y, attrs); // [batch, m, n]
    return {
      a: () => tf.matMul(g, b, false, true), // [batch, m, k]
      b: () => tf.matMul(a, g, true, false), // [batch, k, n]
      bias: () => tf.sum(g, Array.from({ length: g.rank - 1 }, (_, i) => i)), // [n]; the engine asks for it only when a bias was passed
    };
  },
};
