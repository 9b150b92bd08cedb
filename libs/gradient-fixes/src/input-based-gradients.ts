/**
 * Second-order-correct gradients for activations whose tfjs gradient reads the op's saved OUTPUT.
 * tfjs saves tensors for backprop as clones; a clone of an output is recorded on the tape before
 * the op that produced it, so a second backward pass drops the path through it (tfjs issue 3252):
 * d/dW of ||df/dx||^2 comes out silently wrong. These recompute the value from the saved INPUT,
 * whose clone is recorded after its producer, so the second derivative flows.
 *   tanh'(x) = 1 - tanh(x)^2;  sigmoid'(x) = s(1 - s);  exp'(x) = exp(x);
 *   elu'(x) = 1 (x > 0), exp(x) (x <= 0);  softmax: y (dy - sum(dy y)) with y = softmax(x).
 */
import * as tf from '@tensorflow/tfjs-core';

export const tanhGrad: tf.GradConfig = {
  kernelName: 'Tanh',
  inputsToSave: ['x'],
  gradFunc: (dy, [x]) => ({ x: () => tf.mul(dy as tf.Tensor, tf.sub(1, tf.square(tf.tanh(x)))) }),
};

export const sigmoidGrad: tf.GradConfig = {
  kernelName: 'Sigmoid',
  inputsToSave: ['x'],
  gradFunc: (dy, [x]) => ({
    x: () => {
      const s = tf.sigmoid(x);
      return tf.mul(dy as tf.Tensor, tf.mul(s, tf.sub(1, s)));
    },
  }),
};

export const expGrad: tf.GradConfig = {
  kernelName: 'Exp',
  inputsToSave: ['x'],
  gradFunc: (dy, [x]) => ({ x: () => tf.mul(dy as tf.Tensor, tf.exp(x)) }),
};

export const eluGrad: tf.GradConfig = {
  kernelName: 'Elu',
  inputsToSave: ['x'],
  gradFunc: (dy, [x]) => ({ x: () => tf.where(tf.greater(x, 0), dy as tf.Tensor, tf.mul(dy as tf.Tensor, tf.exp(tf.minimum(x, 0)))) }),
};

export const softmaxGrad: tf.GradConfig = {
  kernelName: 'Softmax',
  inputsToSave: ['logits'],
  gradFunc: (dy, [logits], attrs) => ({
    logits: () => {
      const { dim } = attrs as unknown as { dim: number };
      const y = tf.softmax(logits, dim);
      const dyTimesY = tf.mul(dy as tf.Tensor, y);
      return tf.sub(dyTimesY, tf.mul(tf.sum(dyTimesY, [dim], true), y));
    },
  }),
};

export const INPUT_BASED_GRADIENTS: readonly tf.GradConfig[] = [tanhGrad, sigmoidGrad, expGrad, eluGrad, softmaxGrad];
