import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '@stablegen/backend';
import { beforeAll, describe, expect, it } from 'vitest';
import { clipByGlobalNorm } from './clip.js';
import { countCorrect, maskedCrossEntropy } from './loss.js';

beforeAll(async () => {
  await initBackend('cpu', { log: () => {} });
});

describe('maskedCrossEntropy', () => {
  it('basic: mean -log softmax at the targets, PAD targets left out (float64 by hand)', () => {
    const logits = [[[1, 2, 0.5], [0, 0, 3]], [[2, -1, 0], [1, 1, 1]]]; // [T=2, B=2, V=3]
    const targets = [[1, 2], [2, 0]]; // the last one is PAD (0): not counted
    const nll = (row: number[], k: number) => Math.log(row.reduce((s, v) => s + Math.exp(v), 0)) - row[k];
    const want = (nll(logits[0][0], 1) + nll(logits[0][1], 2) + nll(logits[1][0], 2)) / 3;
    const got = tf.tidy(() => maskedCrossEntropy(tf.tensor3d(logits), tf.tensor2d(targets, [2, 2], 'int32')).dataSync()[0]);
    expect(got).toBeCloseTo(want, 5);
  });

  it('does not leak tensors', () => {
    const [l, t] = [tf.ones([2, 3, 4]) as tf.Tensor3D, tf.ones([2, 3], 'int32') as tf.Tensor2D];
    const before = tf.memory().numTensors;
    maskedCrossEntropy(l, t).dispose();
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([l, t]);
  });
});

describe('countCorrect', () => {
  it('counts matches at non-PAD targets only', () => {
    expect(countCorrect([4, 5, 9, 2], [4, 6, 0, 2])).toEqual({ correct: 2, counted: 3 });
  });
});

describe('clipByGlobalNorm', () => {
  it('scales every gradient by c / N when N > c, keeps them when N <= c', () => {
    const grads = { a: tf.tensor1d([3, 0]), b: tf.tensor2d([[0, 4]]) }; // N = sqrt(9 + 16) = 5
    const big = clipByGlobalNorm(grads, 10);
    expect(big.norm.dataSync()[0]).toBeCloseTo(5, 6);
    expect(Array.from(big.grads.a.dataSync())).toEqual([3, 0]);
    const small = clipByGlobalNorm(grads, 1); // scale 1/5
    expect(Array.from(small.grads.a.dataSync())).toEqual([0.6000000238418579, 0]); // float32(0.6)
    expect(small.grads.b.dataSync()[1]).toBeCloseTo(0.8, 6);
    const none = clipByGlobalNorm(grads, Infinity);
    expect(none.grads.b).toBe(grads.b);
    tf.dispose([grads.a, grads.b, big.norm, big.grads.a, big.grads.b, small.norm, small.grads.a, small.grads.b, none.norm]);
  });

  it('throws when clipNorm is not positive', () => {
    expect(() => clipByGlobalNorm({}, 0)).toThrow(/clipNorm must be > 0, got 0/);
  });
});
