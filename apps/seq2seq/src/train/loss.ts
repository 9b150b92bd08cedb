/**
 * Masked token cross-entropy and token accuracy over decoder outputs; PAD targets (after END) do
 * not count.
 */
import * as tf from '@tensorflow/tfjs-core';
import { PAD } from '@stablegen/data';

/**
 * Mean over non-PAD targets of -log softmax(logits)[target].
 * @param logits [T, batch, V]
 * @param targets [T, batch] int32
 * @returns scalar
 */
export function maskedCrossEntropy(logits: tf.Tensor3D, targets: tf.Tensor2D): tf.Scalar {
  return tf.tidy(() => {
    const [steps, batch, vocab] = logits.shape;
    const flat = tf.reshape(logits, [steps * batch, vocab]);
    const ids = tf.reshape(targets, [steps * batch]);
    const nll = tf.neg(tf.sum(tf.mul(tf.logSoftmax(flat), tf.oneHot(ids, vocab)), 1)); // [T*B]
    const mask = tf.cast(tf.notEqual(ids, PAD), 'float32');
    return tf.div(tf.sum(tf.mul(nll, mask)), tf.maximum(tf.sum(mask), 1)) as tf.Scalar;
  });
}

/**
 * Correct argmax predictions and counted (non-PAD) targets.
 * @param predicted [T, batch] or [batch, T] int32, laid out like `targets`
 * @param targets same shape, int32
 */
export function countCorrect(predicted: ArrayLike<number>, targets: ArrayLike<number>): { correct: number; counted: number } {
  let correct = 0;
  let counted = 0;
  for (let i = 0; i < targets.length; i++) {
    if (targets[i] === PAD) continue;
    counted += 1;
    if (predicted[i] === targets[i]) correct += 1;
  }
  return { correct, counted };
}
