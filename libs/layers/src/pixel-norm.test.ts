import * as tf from '@tensorflow/tfjs-core';
import { sequential } from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectClose, expectNoLeak, numericGrad, useCpu, values } from '@stablegen/backend/testing';
import { PixelNorm, pixelNorm } from './pixel-norm.js';

beforeAll(useCpu);

/** Float64 reference of Karras et al. 2018 eq. in sec. 4.2: a / sqrt(mean(a^2) + eps) per row of length c. */
function pixelNormRef(x: number[], c: number, eps = 1e-8): number[] {
  const out: number[] = [];
  for (let r = 0; r < x.length / c; r++) {
    const row = x.slice(r * c, (r + 1) * c);
    const rms = Math.sqrt(row.reduce((s, v) => s + v * v, 0) / c + eps);
    out.push(...row.map((v) => v / rms));
  }
  return out;
}

describe('pixelNorm', () => {
  it('basic: matches the closed form per pixel (float64 reference)', () => {
    const x = values(2 * 3 * 3 * 5, 7);
    const y = pixelNorm(tf.tensor4d(x, [2, 3, 3, 5]));
    expectClose(y.dataSync(), pixelNormRef(x, 5), 1e-6);
    // each feature vector then has mean square 1 (up to eps): a property of the closed form
    const ms = tf.mean(tf.square(y), -1).dataSync();
    expectClose(ms, new Array(18).fill(1), 1e-5);
  });

  it('works on latent vectors [batch, dim]', () => {
    const x = values(4 * 8, 3);
    expectClose(pixelNorm(tf.tensor2d(x, [4, 8])).dataSync(), pixelNormRef(x, 8), 1e-6);
  });

  it('gradients: match central finite differences of the float64 reference', () => {
    const x = values(2 * 4, 11);
    const w = values(2 * 4, 12); // loss = sum(w * pixelNorm(x))
    const g = tf.grad((t: tf.Tensor) => tf.sum(tf.mul(pixelNorm(t), tf.tensor2d(w, [2, 4]))));
    const expected = numericGrad((v) => pixelNormRef(v, 4).reduce((s, y, i) => s + y * w[i], 0), x);
    expectClose(g(tf.tensor2d(x, [2, 4])).dataSync(), expected, 1e-3);
  });

  it('layer: same result as the function, shape kept, no leaks', () => {
    const model = sequential({ layers: [new PixelNorm({ inputShape: [2, 2, 3] })] });
    const x = tf.tensor4d(values(12, 5), [1, 2, 2, 3]);
    const y = model.predict(x) as tf.Tensor;
    expect(y.shape).toEqual([1, 2, 2, 3]);
    expectClose(y.dataSync(), pixelNorm(x).dataSync(), 0);
    expectNoLeak(() => model.predict(x) as tf.Tensor);
    expectNoLeak(() => pixelNorm(x));
  });
});
