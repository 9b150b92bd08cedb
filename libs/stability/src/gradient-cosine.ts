/**
 * Gradient noise: the cosine similarity between the gradients of two independent minibatches,
 * flattened over all given weights. Near 1: the minibatch gradient is mostly signal; near 0: it is
 * mostly noise (two random directions in d dimensions have |cos| ~ 1/sqrt(d)).
 */
import * as tf from '@tensorflow/tfjs-core';
import { gradientList, trainableVariables, type WeightLike } from './weights.js';

/**
 * cos(g_A, g_B) = g_A . g_B / (||g_A|| ||g_B||) with g_X = dL(X)/dw over all `weights` together.
 * Per-weight partial sums are read once and added in float64. Throws if either gradient is zero.
 * @param lossFn the loss of one minibatch (a scalar); it reads the weights
 */
export function gradientCosine<B>(lossFn: (batch: B) => tf.Scalar, batchA: B, batchB: B, weights: readonly WeightLike[]): number {
  const vars = trainableVariables(weights, 'gradientCosine');
  const parts = tf.tidy(() => {
    const a = gradientList(() => lossFn(batchA), vars).grads;
    const b = gradientList(() => lossFn(batchB), vars).grads;
    const sum = (x: tf.Tensor[], y: tf.Tensor[]) => x.map((t, i) => tf.sum(tf.mul(t, y[i])));
    return tf.stack([...sum(a, b), ...sum(a, a), ...sum(b, b)]);
  });
  const v = Array.from(parts.dataSync());
  parts.dispose();
  const n = vars.length;
  const total = (from: number) => v.slice(from, from + n).reduce((s, x) => s + x, 0);
  const [ab, aa, bb] = [total(0), total(n), total(2 * n)];
  if (aa === 0 || bb === 0) throw new Error(`gradientCosine: the gradient of batch ${aa === 0 ? 'A' : 'B'} is zero, so the angle is undefined`);
  return ab / Math.sqrt(aa * bb);
}
