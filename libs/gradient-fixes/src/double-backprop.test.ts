/**
 * The double-backprop idioms a WGAN-GP step uses (optimizer.minimize around an inner tf.grad,
 * tf.grad nested in tf.grad, a tfjs-layers critic), registration behaviour and tensor leaks.
 * Expected values: the issue's reference d loss / d W1 for f = sum(tanh(x W1) W2),
 * loss = ||df/dx||^2 at x = [0.3, -0.7] (computed there with a reference framework).
 */
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, test } from 'vitest';
import { caseValues, compareCase, maxAbsDiff } from '../test/double-backprop-harness.js';
import { gatherAtWindowArgmax } from './max-pool-grad-grad.js';
import { GRADIENT_FIXES, registerGradientFixes, withOriginalGradients } from './register.js';

const W1 = [0.5, -0.2, 0.9, 0.1, 0.4, -0.6];
const W2 = [0.7, -1.1, 0.3];
const ISSUE_DW1 = [0.977295, -1.286335, 0.150872, -0.561576, 0.574697, 0.124218];
const LR = 0.1;

beforeAll(async () => {
  await tf.setBackend('cpu');
  registerGradientFixes();
});

/** ||df/dx||^2 for f(x) = sum(model(x)): the gradient penalty's core. */
function penalty(model: (x: tf.Tensor) => tf.Tensor, x: tf.Tensor): tf.Scalar {
  const gx = tf.grad((xx: tf.Tensor) => tf.sum(model(xx)))(x);
  return tf.sum(tf.square(gx));
}

describe('double-backprop idioms', () => {
  test('optimizer.minimize around an inner tf.grad applies the reference gradient', () => {
    const x = tf.tensor2d([[0.3, -0.7]]);
    const w1 = tf.variable(tf.tensor2d(W1, [2, 3]));
    const w2 = tf.variable(tf.tensor2d(W2, [3, 1]));
    const sgd = tf.train.sgd(LR);
    const cost = sgd.minimize(() => penalty((xx) => tf.matMul(tf.tanh(tf.matMul(xx, w1)), w2), x), true, [w1, w2]);
    expect(cost?.dataSync()[0]).toBeCloseTo(0.70762, 5); // loss given in the issue
    // SGD: W1 <- W1 - lr * d loss / d W1.
    expect(maxAbsDiff(Array.from(w1.dataSync()), W1.map((w, i) => w - LR * ISSUE_DW1[i]))).toBeLessThan(1e-5);
    tf.dispose([x, w1, w2, cost as tf.Scalar]);
    sgd.dispose();
  });

  test('tf.grad nested in tf.grad (weights as the outer argument) gives the reference gradient', () => {
    const x = tf.tensor2d([[0.3, -0.7]]);
    const [w1, w2] = [tf.tensor2d(W1, [2, 3]), tf.tensor2d(W2, [3, 1])];
    const dW1 = tf.grad((w: tf.Tensor) => penalty((xx) => tf.matMul(tf.tanh(tf.matMul(xx, w)), w2), x))(w1);
    expect(maxAbsDiff(Array.from(dW1.dataSync()), ISSUE_DW1)).toBeLessThan(1e-4);
    tf.dispose([x, w1, w2, dW1]);
  });

  test('a tfjs-layers critic trained with optimizer.minimize gets the reference gradient', () => {
    const critic = tfl.sequential({
      layers: [
        tfl.layers.dense({ inputShape: [2], units: 3, activation: 'tanh', useBias: false }),
        tfl.layers.dense({ units: 1, useBias: false }),
      ],
    });
    critic.setWeights([tf.tensor2d(W1, [2, 3]), tf.tensor2d(W2, [3, 1])]);
    const x = tf.tensor2d([[0.3, -0.7]]);
    const sgd = tf.train.sgd(LR);
    sgd.minimize(() => penalty((xx) => critic.apply(xx) as tf.Tensor, x));
    const kernel = critic.getWeights()[0];
    expect(maxAbsDiff(Array.from(kernel.dataSync()), W1.map((w, i) => w - LR * ISSUE_DW1[i]))).toBeLessThan(1e-5);
    tf.dispose([x]);
    critic.dispose();
    sgd.dispose();
  });
});

describe('registration', () => {
  test('withOriginalGradients swaps tfjs own gradients in and the fixes back', () => {
    const fixed = GRADIENT_FIXES.map((c) => tf.getGradient(c.kernelName));
    expect(fixed).toEqual(GRADIENT_FIXES);
    const inside = withOriginalGradients(() => ({
      greater: tf.getGradient('Greater'),
      tanh: tf.getGradient('Tanh'),
    }));
    expect(inside.greater).toBeUndefined(); // tfjs registers none
    expect(inside.tanh?.outputsToSave).toEqual([true]); // tfjs's, from the saved output
    expect(GRADIENT_FIXES.map((c) => tf.getGradient(c.kernelName))).toEqual(GRADIENT_FIXES);
  });

  test('withOriginalGradients restores the fixes when fn throws', () => {
    expect(() => withOriginalGradients(() => compareCase('leakyRelu', 'identity'))).toThrow('Greater');
    expect(tf.getGradient('Greater')).toBeDefined();
  });

  test('leaks no tensors', () => {
    const { size } = caseValues();
    const x = tf.tensor4d(caseValues(size).x, [1, size, size, 1]);
    const run = () => {
      registerGradientFixes();
      compareCase('leakyRelu', 'avgPool');
      compareCase('elu', 'resizeBilinear');
      compareCase('tanh', 'resizeNearestNeighbor');
      withOriginalGradients(() => compareCase('tanh', 'identity'));
      const y = tf.maxPool(x, 3, 2, 'same');
      tf.dispose([y, gatherAtWindowArgmax(x, x, y, { filterSize: 3, strides: 2, pad: 'same' })]);
    };
    run(); // warm-up
    const before = tf.memory().numTensors;
    run();
    expect(tf.memory().numTensors).toBe(before);
    x.dispose();
  });
});
