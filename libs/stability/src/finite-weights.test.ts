import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, test } from 'vitest';
import { nonFiniteWeights } from './finite-weights.js';
import { expectNoLeak, useCpu } from '../test/helpers.js';

beforeAll(useCpu);

function dense() {
  return tfl.sequential({ layers: [tfl.layers.dense({ name: 'd', inputShape: [2], units: 2 })] });
}

describe('nonFiniteWeights', () => {
  test('names the weights holding NaN or Inf', () => {
    const model = dense();
    expect(nonFiniteWeights(model.weights)).toEqual([]);
    model.weights[1].write(tf.tensor1d([0, Number.NEGATIVE_INFINITY]));
    const [kernel, bias] = model.weights.map((w) => w.name); // 'd/kernel', 'd/bias' (+ a suffix if 'd' was used before)
    expect(nonFiniteWeights(model.weights)).toEqual([bias]);
    model.weights[0].write(tf.tensor2d([[1, Number.NaN], [0, 0]]));
    expect(nonFiniteWeights(model.weights)).toEqual([kernel, bias]);
  });

  test('no leaked tensors', async () => {
    const model = dense();
    await expectNoLeak(() => void nonFiniteWeights(model.weights));
  });
});
