import * as tf from '@tensorflow/tfjs-core';
import { sequential } from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectClose, expectNoLeak, idx4, useCpu, values } from '@stablegen/backend/testing';
import { AvgDownsample, NearestUpsample } from './resample-layers.js';
import { avgDownsample, nearestUpsample } from './resample.js';

beforeAll(useCpu);

const shape = [2, 2, 3, 2];
const x = values(2 * 2 * 3 * 2, 13);

describe('nearestUpsample', () => {
  it('basic: out[b, i, j, c] = x[b, floor(i / f), floor(j / f), c] (plain-JS definition)', () => {
    const y = nearestUpsample(tf.tensor4d(x, shape as [number, number, number, number]), 2);
    expect(y.shape).toEqual([2, 4, 6, 2]);
    const expected: number[] = [];
    for (let b = 0; b < 2; b++)
      for (let i = 0; i < 4; i++)
        for (let j = 0; j < 6; j++) for (let c = 0; c < 2; c++) expected.push(x[idx4(shape, b, i >> 1, j >> 1, c)]);
    expectClose(y.dataSync(), expected, 0);
  });

  it('agrees with tf.image.resizeNearestNeighbor at factor 3', () => {
    const t = tf.tensor4d(x, shape as [number, number, number, number]);
    const ref = tf.image.resizeNearestNeighbor(t, [6, 9]);
    expectClose(nearestUpsample(t, 3).dataSync(), ref.dataSync(), 0);
  });
});

describe('avgDownsample', () => {
  it('basic: the mean of each 2x2 block (plain-JS definition) and equal to tf.avgPool', () => {
    const s = [1, 4, 2, 3];
    const v = values(24, 17);
    const t = tf.tensor4d(v, s as [number, number, number, number]);
    const y = avgDownsample(t, 2);
    expect(y.shape).toEqual([1, 2, 1, 3]);
    const expected: number[] = [];
    for (let i = 0; i < 2; i++)
      for (let c = 0; c < 3; c++) {
        let sum = 0;
        for (let di = 0; di < 2; di++) for (let dj = 0; dj < 2; dj++) sum += v[idx4(s, 0, 2 * i + di, dj, c)];
        expected.push(sum / 4);
      }
    expectClose(y.dataSync(), expected, 1e-6);
    expectClose(y.dataSync(), tf.avgPool(t, 2, 2, 'valid').dataSync(), 1e-6);
  });

  it('down(up(x)) = x', () => {
    const t = tf.tensor4d(x, shape as [number, number, number, number]);
    expectClose(avgDownsample(nearestUpsample(t, 2), 2).dataSync(), t.dataSync(), 1e-6);
  });

  it('throws when the size is not divisible by the factor', () => {
    expect(() => avgDownsample(tf.zeros([1, 3, 4, 1]), 2)).toThrow(/divisible/);
    expect(() => nearestUpsample(tf.zeros([1, 3, 4, 1]), 0)).toThrow(/factor/);
  });

  it('gradients: differentiable twice; closed form grad ||2 D^T D x||^2 = up(down(x)) / 2', () => {
    // D = 2x2 averaging, D D^T = I / 4, so grad_x of ||grad_x ||D x||^2||^2 = 8 (D^T D)^2 x = 2 D^T D x,
    // and D^T y = up(y) / 4, so the result is up(down(x)) / 2.
    const s = [1, 4, 6, 2];
    const xs = tf.tensor4d(values(48, 3), s as [number, number, number, number]);
    const inner = tf.grad((v: tf.Tensor) => tf.sum(tf.square(avgDownsample(v))));
    const outer = tf.grad((v: tf.Tensor) => tf.sum(tf.square(inner(v))));
    const expected = tf.div(nearestUpsample(avgDownsample(xs)), 2);
    expectClose(outer(xs).dataSync(), expected.dataSync(), 1e-6);
  });
});

describe('resample layers', () => {
  it('shapes and values equal the functions; no leaks', () => {
    const m = sequential({ layers: [new NearestUpsample({ inputShape: [2, 3, 2] }), new AvgDownsample({ factor: 2 })] });
    expect(m.layers[0].outputShape).toEqual([null, 4, 6, 2]);
    expect(m.outputs[0].shape).toEqual([null, 2, 3, 2]);
    const t = tf.tensor4d(x, shape as [number, number, number, number]);
    expectClose((m.predict(t) as tf.Tensor).dataSync(), t.dataSync(), 1e-6);
    expectNoLeak(() => m.predict(t) as tf.Tensor);
    const even = tf.zeros([2, 2, 4, 2]);
    expectNoLeak(() => [nearestUpsample(t), avgDownsample(even)]);
  });
});
