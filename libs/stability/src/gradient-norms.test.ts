import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, test } from 'vitest';
import { gradientNorms, layerOf } from './gradient-norms.js';
import { expectNoLeak, matMul, normalMatrix, rng, transpose, useCpu, type Matrix } from '../test/helpers.js';

beforeAll(useCpu);

const frob = (m: Matrix) => Math.sqrt(m.flat().reduce((s, x) => s + x * x, 0));
const colSums = (m: Matrix) => m[0].map((_, j) => m.reduce((s, row) => s + row[j], 0));
const addRow = (m: Matrix, b: number[]) => m.map((row) => row.map((x, j) => x + b[j]));

/** Two linear dense layers, x [n, 3] -> [n, 4] -> [n, 2], with named layers. */
function linearModel() {
  return tfl.sequential({
    layers: [
      tfl.layers.dense({ name: 'hidden', inputShape: [3], units: 4, kernelInitializer: tfl.initializers.randomNormal({ seed: 1 }), biasInitializer: tfl.initializers.randomNormal({ seed: 2 }) }),
      tfl.layers.dense({ name: 'out', units: 2, kernelInitializer: tfl.initializers.randomNormal({ seed: 3 }), biasInitializer: tfl.initializers.randomNormal({ seed: 4 }) }),
    ],
  });
}

describe('gradientNorms', () => {
  test('linear model: per weight and per layer norms equal the hand-derived gradients (float64)', () => {
    // L = mean((H W2 + b2 - Y)^2) over n*2 entries, H = X W1 + b1. With R = 2/(2n) (H W2 + b2 - Y):
    // dW2 = H^T R, db2 = colsum(R), dH = R W2^T, dW1 = X^T dH, db1 = colsum(dH).
    const r = rng(8);
    const n = 6;
    const x = normalMatrix(r, n, 3);
    const y = normalMatrix(r, n, 2);
    const model = linearModel();
    const [w1, b1, w2, b2] = model.getWeights().map((t) => t.arraySync() as number[] | Matrix);
    const h = addRow(matMul(x, w1 as Matrix), b1 as number[]);
    const res = addRow(matMul(h, w2 as Matrix), b2 as number[]).map((row, i) => row.map((v, j) => (2 / (2 * n)) * (v - y[i][j])));
    const dH = matMul(res, transpose(w2 as Matrix));
    const expected = {
      'hidden/kernel': frob(matMul(transpose(x), dH)),
      'hidden/bias': frob([colSums(dH)]),
      'out/kernel': frob(matMul(transpose(h), res)),
      'out/bias': frob([colSums(res)]),
    };
    const [xt, yt] = [tf.tensor2d(x), tf.tensor2d(y)];
    const norms = gradientNorms(() => tf.mean(tf.square(tf.sub(model.apply(xt) as tf.Tensor, yt))) as tf.Scalar, model.trainableWeights);
    expect(Object.keys(norms.weights)).toEqual(Object.keys(expected));
    for (const [k, v] of Object.entries(expected)) expect(norms.weights[k] / v).toBeCloseTo(1, 5);
    expect(norms.layers.hidden / Math.hypot(expected['hidden/kernel'], expected['hidden/bias'])).toBeCloseTo(1, 5);
    expect(norms.layers.out / Math.hypot(expected['out/kernel'], expected['out/bias'])).toBeCloseTo(1, 5);
    expect(norms.total / Math.hypot(...Object.values(expected))).toBeCloseTo(1, 5);
    const loss = res.flat().reduce((s, v) => s + (v * n) ** 2, 0) / (2 * n); // R = (pred - y)/n, so pred - y = n R
    expect(norms.loss / loss).toBeCloseTo(1, 5);
  });

  test('a weight the loss does not read gets norm 0', () => {
    const a = tf.variable(tf.tensor1d([3, 4]), true, 'used');
    const b = tf.variable(tf.tensor1d([1]), true, 'unused');
    const norms = gradientNorms(() => tf.mul(0.5, tf.sum(tf.square(a))) as tf.Scalar, [a, b]); // dL/da = a
    expect(norms.weights).toEqual({ used: 5, unused: 0 });
  });

  test('layerOf drops the last path segment', () => {
    expect(layerOf('dense_Dense1/kernel')).toBe('dense_Dense1');
    expect(layerOf('gen/block_2/conv/bias')).toBe('gen/block_2/conv');
    expect(layerOf('Variable_7')).toBe('Variable_7');
  });

  test('no leaked tensors', async () => {
    const model = linearModel();
    const x = tf.ones([2, 3]);
    await expectNoLeak(() => void gradientNorms(() => tf.sum(model.apply(x) as tf.Tensor) as tf.Scalar, model.trainableWeights));
  });
});
