import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, it } from 'vitest';
import { createDigitEvaluator } from './digit-evaluation.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** [b, 8] -> dense -> tanh -> [b, 28, 28, 1], seeded. */
const digits28 = () =>
  tfl.sequential({
    layers: [
      tfl.layers.dense({ inputShape: [8], units: 784, activation: 'tanh', kernelInitializer: tfl.initializers.randomNormal({ stddev: 1, seed: 3 }) }),
      tfl.layers.reshape({ targetShape: [28, 28, 1] }),
    ],
  });

describe('createDigitEvaluator', () => {
  it('toMnist: a 32x32 generator (the 28x28 one, padded by 2) scores exactly as the 28x28 one once cropped; no leaks', async () => {
    const g28 = digits28();
    const g32 = tfl.sequential({ layers: [...g28.layers, tfl.layers.zeroPadding2d({ padding: 2 })] }); // same weights, [b, 32, 32, 1]
    const plain = await createDigitEvaluator(100, 8, 1);
    const cropped = await createDigitEvaluator(100, 8, 1, { toMnist: (x) => tf.slice(x, [0, 2, 2, 0], [-1, 28, 28, -1]) });
    const expected = plain.evaluate(g28);
    const before = tf.memory().numTensors;
    expect(cropped.evaluate(g32)).toEqual(expected);
    expect(tf.memory().numTensors).toBe(before);
    expect(expected.fd_mnist).toBeGreaterThan(0);
    plain.dispose();
    cropped.dispose();
  }, 60_000);
});
