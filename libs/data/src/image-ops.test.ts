import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { downsampleImages, padImageArray } from './image-ops.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** Reference average pooling in float64 plain JS. x [n, s, s, c] -> [n, size, size, c]. */
function avgPoolRef(x: Float64Array, [n, s, , c]: number[], size: number): Float64Array {
  const k = s / size;
  const out = new Float64Array(n * size * size * c);
  for (let b = 0; b < n; b++)
    for (let r = 0; r < size; r++)
      for (let q = 0; q < size; q++)
        for (let ch = 0; ch < c; ch++) {
          let sum = 0;
          for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) sum += x[((b * s + r * k + i) * s + q * k + j) * c + ch];
          out[((b * size + r) * size + q) * c + ch] = sum / (k * k);
        }
  return out;
}

describe('downsampleImages', () => {
  it('basic: equals block means (float64 reference) for 32 -> 16, 8, 4', () => {
    const shape = [2, 32, 32, 3];
    const values = Float64Array.from({ length: 2 * 32 * 32 * 3 }, (_, i) => Math.sin(i * 0.37) * 0.9);
    const x = tf.tensor4d(Float32Array.from(values), shape as [number, number, number, number]);
    for (const size of [16, 8, 4]) {
      const y = downsampleImages(x, size);
      expect(y.shape).toEqual([2, size, size, 3]);
      const ref = avgPoolRef(values, shape, size);
      const got = y.dataSync();
      let maxErr = 0;
      for (let i = 0; i < ref.length; i++) maxErr = Math.max(maxErr, Math.abs(got[i] - ref[i]));
      expect(maxErr).toBeLessThan(1e-6); // float32 summation of <= 64 values in [-1, 1]
      y.dispose();
    }
    x.dispose();
  });

  it('does not leak tensors', () => {
    const x = tf.zeros([1, 32, 32, 1]) as tf.Tensor4D;
    const before = tf.memory().numTensors;
    downsampleImages(x, 8).dispose();
    downsampleImages(x, 32).dispose();
    expect(tf.memory().numTensors).toBe(before);
    x.dispose();
  });

  it('throws when the side is not a multiple of the target', () => {
    const x = tf.zeros([1, 28, 28, 1]) as tf.Tensor4D;
    expect(() => downsampleImages(x, 8)).toThrow(/cannot average-pool 28x28 images to 8x8.*pad MNIST to 32/);
    x.dispose();
  });
});

describe('padImageArray', () => {
  it('basic: centres the image and fills the border', () => {
    // 1 image 2x3x1 into 5x5: top = floor(3/2) = 1 row, left = floor(2/2) = 1 column.
    const img = { data: Float32Array.from([1, 2, 3, 4, 5, 6]), shape: [1, 2, 3, 1] };
    const out = padImageArray(img, 5, -1);
    expect(out.shape).toEqual([1, 5, 5, 1]);
    // prettier-ignore
    expect(Array.from(out.data)).toEqual([
      -1, -1, -1, -1, -1,
      -1,  1,  2,  3, -1,
      -1,  4,  5,  6, -1,
      -1, -1, -1, -1, -1,
      -1, -1, -1, -1, -1,
    ]);
  });

  it('throws when the target is smaller than the image', () => {
    const img = { data: new Float32Array(28 * 28), shape: [1, 28, 28, 1] };
    expect(() => padImageArray(img, 16)).toThrow(/cannot pad 28x28 images to 16x16/);
  });
});
