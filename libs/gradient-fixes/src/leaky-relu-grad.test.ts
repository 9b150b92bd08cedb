/**
 * The faster LeakyRelu gradient gives tfjs 4.22's own first-order gradient bit for bit, on cpu and
 * wasm, for positive, negative and zero inputs and several alphas. (Its second derivative is
 * checked against float64 central differences with the other activations in activations.test.ts
 * and wasm.test.ts.)
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import { beforeAll, describe, expect, test } from 'vitest';
import { registerGradientFixes, withOriginalGradients } from './register.js';

beforeAll(() => registerGradientFixes());

/** d sum(leakyRelu(x, alpha) * w) / dx, with dy = w so every element gets its own upstream value. */
function gradient(x: tf.Tensor, w: tf.Tensor, alpha: number): Float32Array {
  return tf.tidy(() => tf.grad((t: tf.Tensor) => tf.sum(tf.mul(tf.leakyRelu(t, alpha), w)))(x).dataSync() as Float32Array);
}

describe.each(['cpu', 'wasm'])('LeakyRelu gradient on %s', (backend) => {
  beforeAll(async () => {
    await tf.setBackend(backend);
  });

  test.each([0.2, 0.01, 0])('alpha %s: the same bits as tfjs own gradient, zeros included', (alpha) => {
    const x = tf.concat([tf.reshape(tf.randomNormal([2, 5, 5, 3], 0, 1, 'float32', 7), [-1]), tf.zeros([10]), tf.tensor1d([-0, 1e-30, -1e-30])]);
    const w = tf.randomNormal(x.shape, 0, 1, 'float32', 8);
    const ours = gradient(x, w, alpha);
    const theirs = withOriginalGradients(() => gradient(x, w, alpha));
    expect(tf.getBackend()).toBe(backend);
    expect(Buffer.from(ours.buffer).equals(Buffer.from(theirs.buffer))).toBe(true);
    // And against the definition: w where x > 0, alpha * w elsewhere (float32 alpha, float32 product).
    const [xs, ws] = [x.dataSync(), w.dataSync()];
    expect(Array.from(ours)).toEqual(Array.from(xs, (v, i) => Math.fround(v > 0 ? ws[i] : Math.fround(Math.fround(alpha) * ws[i]))));
    tf.dispose([x, w]);
  });
});
