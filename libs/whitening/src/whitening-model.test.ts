import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '@stablegen/backend';
import { beforeAll, expect, test } from 'vitest';
import { fitWhitening } from './fit-whitening.js';
import { Whitener } from './whitener.js';
import { parseWhitening, whiteningConditions, type Whitening } from './whitening-model.js';
import { correlated } from './testing/sample.js';

beforeAll(async () => {
  await initBackend('cpu', { log: () => {} });
});

test('JSON round trip: the parsed fit whitens exactly as the original', () => {
  const { x } = correlated(500);
  const fit = fitWhitening(tf.reshape(x, [500, 5, 1]), { epsilon: 1e-4 });
  const parsed = parseWhitening(JSON.stringify(fit));
  expect(parsed).toEqual(fit);
  const [a, b] = [new Whitener(fit, 'zca'), new Whitener(parsed, 'zca')];
  const img = tf.reshape(x, [500, 5, 1]);
  const [za, zb] = [a.transform(img), b.transform(img)];
  expect(Array.from(zb.dataSync())).toEqual(Array.from(za.dataSync()));
  tf.dispose([x, img, za, zb]);
  a.dispose();
  b.dispose();
});

test('whiteningConditions: closed forms from the eigenvalues', () => {
  // lambda = [4, 1, 0.25], eps = 0.25: before 16; shrunk 4.25 / 0.5 = 8.5;
  // after: lambda / (lambda + eps) = [16/17, 0.8, 0.5] -> (16/17) / 0.5 = 32/17.
  const fit: Whitening = { format: 'stablegen-whitening/1', epsilon: 0.25, exampleShape: [3], n: 10, mean: [0, 0, 0], eigenvalues: [4, 1, 0.25], eigenvectors: [1, 0, 0, 0, 1, 0, 0, 0, 1] };
  const c = whiteningConditions(fit);
  expect(c.before).toBe(16);
  expect(c.shrunk).toBe(8.5);
  expect(c.after).toBeCloseTo(32 / 17, 14);
});

test('throws naming the fault for a corrupt file', () => {
  const { x } = correlated(50);
  const good = fitWhitening(x);
  x.dispose();
  expect(() => parseWhitening('{"format":"other"}')).toThrow(/not a whitening file/);
  expect(() => parseWhitening({ ...good, mean: good.mean.slice(1) })).toThrow(/mean must hold 5/);
  expect(() => parseWhitening({ ...good, eigenvectors: [1, 2] })).toThrow(/eigenvectors must hold 25/);
  expect(() => parseWhitening({ ...good, eigenvalues: [1, 1, 1, 1, 0], epsilon: 0 })).toThrow(/singular/);
  expect(() => parseWhitening({ ...good, exampleShape: [0] })).toThrow(/exampleShape/);
});
