import * as tf from '@tensorflow/tfjs-core';
import * as tfd from '@tensorflow/tfjs-data';
import { initBackend } from '@stablegen/backend';
import { beforeAll, expect, test } from 'vitest';
import { whitenDataset, whiteningMap } from './dataset-map.js';
import { fitWhitening } from './fit-whitening.js';
import { Whitener } from './whitener.js';
import { correlated } from './testing/sample.js';

beforeAll(async () => {
  await initBackend('cpu', { log: () => {} });
});

const values = (t: tf.Tensor) => Array.from(t.dataSync());

test('basic: a dataset of image examples, mapped, equals the tensor function row by row', async () => {
  const { x } = correlated(400);
  const images = tf.reshape(x, [400, 5, 1, 1]);
  const w = new Whitener(fitWhitening(images, { epsilon: 1e-6 }), 'zca');
  const direct = w.transform(images);
  const examples = tf.unstack(tf.slice(images, [0, 0, 0, 0], [6, -1, -1, -1])); // 6 x [5, 1, 1]
  const out = (await whitenDataset(tfd.array(examples), w).toArray()) as tf.Tensor[];
  expect(out).toHaveLength(6);
  out.forEach((t, i) => {
    expect(t.shape).toEqual([5, 1, 1]);
    values(t).forEach((v, j) => expect(v).toBeCloseTo(direct.dataSync()[i * 5 + j], 5));
  });
  tf.dispose([x, images, direct, ...examples, ...out]);
  w.dispose();
});

test('object elements: only the named field is whitened; batched elements work', async () => {
  const { x } = correlated(300, 2);
  const w = new Whitener(fitWhitening(x, { epsilon: 1e-6 }), 'pca');
  const direct = w.transform(x);
  const ys = tf.range(0, 300);
  const ds = tfd.zip({ xs: tfd.array(tf.unstack(x)), ys: tfd.array(tf.unstack(ys)) }).batch(100).map(whiteningMap(w, 'xs'));
  const batches = (await ds.toArray()) as Array<{ xs: tf.Tensor; ys: tf.Tensor }>;
  expect(batches.map((b) => b.xs.shape)).toEqual([[100, 5], [100, 5], [100, 5]]);
  batches.forEach((b, i) => {
    values(b.xs).forEach((v, k) => expect(v).toBeCloseTo(direct.dataSync()[i * 500 + k], 5));
    expect(values(b.ys)).toEqual(Array.from({ length: 100 }, (_, k) => i * 100 + k));
  });
  expect(() => whiteningMap(w, 'nope')({ xs: x } as tf.TensorContainer)).toThrow(/no field 'nope'/);
  tf.dispose([x, direct, ys, ...batches.flatMap((b) => [b.xs, b.ys])]);
  w.dispose();
});

test('leaks no tensors (whiteningMap, whitenDataset)', async () => {
  const { x } = correlated(60, 3);
  const w = new Whitener(fitWhitening(x, { epsilon: 1e-6 }), 'zca');
  const examples = tf.unstack(x);
  const before = tf.memory().numTensors;
  const out = (await whitenDataset(tfd.array(examples), w).toArray()) as tf.Tensor[];
  const one = whiteningMap(w)(examples[0]) as tf.Tensor;
  tf.dispose([...out, one]);
  expect(tf.memory().numTensors).toBe(before);
  tf.dispose([x, ...examples]);
  w.dispose();
});
