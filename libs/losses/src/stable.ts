/**
 * Numerically stable building blocks. softplus(x) = log(1 + e^x) = max(x, 0) + log1p(e^-|x|):
 * exp never sees a positive argument, so it is finite at x = +-100 (and its gradient is sigmoid).
 * log(sigmoid(x)) = -softplus(-x); log(1 - sigmoid(x)) = -softplus(x). The naive forms are not:
 * log(1 + exp(100)) is Infinity in float32 and log(sigmoid(-100)) is -Infinity on the wasm backend.
 * (tf.softplus itself is finite at +-100 on the cpu and wasm backends of tfjs 4.22, values and
 * gradient; this form is kept because it is built from elementary ops only, so its stability does
 * not depend on how a backend implements its Softplus kernel. The tests compare the two.)
 */
import * as tf from '@tensorflow/tfjs-core';

/** Elementwise softplus, stable for any finite x. @param x any shape; @returns same shape */
export function stableSoftplus(x: tf.Tensor): tf.Tensor {
  return tf.tidy(() => tf.add(tf.relu(x), tf.log1p(tf.exp(tf.neg(tf.abs(x))))));
}

/** Elementwise log(sigmoid(x)) without forming sigmoid(x). @param x any shape; @returns same shape */
export function logSigmoid(x: tf.Tensor): tf.Tensor {
  return tf.tidy(() => tf.neg(stableSoftplus(tf.neg(x))));
}
