// wasm: the classifier runs over the 2,000 held-out digits per evaluator; on cpu that blocks the test
// process for tens of seconds at a time (long enough for vitest's worker RPC to time out on 2 cores).
import '@tensorflow/tfjs-backend-wasm';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadMnist } from '@stablegen/data';
import { loadMnistClassifier } from '@stablegen/metrics';
import { latentPrior } from './latent-prior.js';
import { createDigitEvaluator } from './digit-evaluation.js';

beforeAll(async () => {
  await tf.setBackend('wasm');
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

  it('label_accuracy: a conditional generator that draws a real digit per label is scored against the classifier run by hand', async () => {
    // The first held-out image of each digit, [10, 784] in [-1, 1].
    const heldOut = loadMnist({ split: 'heldout' });
    const first = Array.from({ length: 10 }, (_, c) => Array.from(heldOut.y.data).indexOf(c));
    const exemplars = first.map((i) => Array.from(heldOut.x.data.subarray(i * 784, (i + 1) * 784)));
    const classifier = await loadMnistClassifier();
    const predicted = tf.tidy(() => tf.argMax(classifier.model.predict(tf.tensor4d(exemplars.flat(), [10, 28, 28, 1])) as tf.Tensor, 1).dataSync());
    classifier.model.dispose();
    /** [z (4) | one-hot (10)] -> image of digit draw(c): a bias-free dense layer whose label rows hold the images. */
    const drawing = (draw: (c: number) => number) => {
      const g = tfl.sequential({ layers: [tfl.layers.dense({ inputShape: [14], units: 784, useBias: false }), tfl.layers.reshape({ targetShape: [28, 28, 1] })] });
      g.layers[0].setWeights([tf.tensor2d([...Array.from({ length: 4 }, () => new Array(784).fill(0)), ...Array.from({ length: 10 }, (_, c) => exemplars[draw(c)])])]);
      return g;
    };
    const evaluator = await createDigitEvaluator(100, 4, 1, { prior: latentPrior(4, 10) });
    for (const draw of [(c: number) => c, (c: number) => (c + 1) % 10]) {
      // Labels of the fixed batch run 0..9 in turn: 10 samples per digit.
      const expected = Array.from({ length: 10 }, (_, c) => Number(predicted[draw(c)] === c)).reduce((a, b) => a + b, 0) / 10;
      const g = drawing(draw);
      expect(evaluator.evaluate(g).label_accuracy).toBeCloseTo(expected, 12);
      g.dispose();
    }
    expect(Array.from(predicted)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]); // so the two cases above were 1 and 0
    // An unconditional evaluator reports no label accuracy.
    const plain = await createDigitEvaluator(20, 8, 1);
    expect(plain.evaluate(digits28())).not.toHaveProperty('label_accuracy');
    evaluator.dispose();
    plain.dispose();
  }, 60_000);
});
