import * as tf from '@tensorflow/tfjs-core';
import { sequential } from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectClose, expectNoLeak, idx4, useCpu, values } from '@stablegen/backend/testing';
import { EqualizedConv2D } from './equalized-conv2d.js';
import { EqualizedDense } from './equalized-dense.js';
import { heConstant } from './he-constant.js';
import { heConv2d, heDense } from './he-layers.js';

beforeAll(useCpu);

/** Mean and (biased) standard deviation of plain numbers. */
function moments(v: ArrayLike<number>): { mean: number; std: number } {
  let mean = 0;
  for (let i = 0; i < v.length; i++) mean += v[i] / v.length;
  let variance = 0;
  for (let i = 0; i < v.length; i++) variance += (v[i] - mean) ** 2 / v.length;
  return { mean, std: Math.sqrt(variance) };
}

describe('heConstant', () => {
  it('is sqrt(gain / fanIn) (He et al. 2015) and throws when fanIn <= 0', () => {
    expect(heConstant(50)).toBeCloseTo(Math.sqrt(2 / 50), 15);
    expect(heConstant(8, 1)).toBeCloseTo(Math.sqrt(1 / 8), 15);
    expect(() => heConstant(0)).toThrow(/fanIn/);
  });
});

describe('EqualizedDense', () => {
  it('stores N(0, 1) weights (4096 draws: |mean| < 5/64, |std - 1| < 0.06, about 5 sigma)', () => {
    const layer = new EqualizedDense({ units: 64, seed: 3 });
    layer.apply(tf.zeros([1, 64]));
    const m = moments(layer.getWeights()[0].dataSync());
    expect(Math.abs(m.mean)).toBeLessThan(5 / 64);
    expect(Math.abs(m.std - 1)).toBeLessThan(0.06);
  });

  it('basic: output equals x @ (w * sqrt(2 / fanIn)) + b computed in plain JS', () => {
    const layer = new EqualizedDense({ units: 3, seed: 5 });
    const x = values(2 * 4, 9);
    layer.apply(tf.zeros([1, 4])); // build
    const bias = [0.5, -1, 2];
    layer.setWeights([layer.getWeights()[0], tf.tensor1d(bias)]);
    const w = layer.getWeights()[0].dataSync();
    const c = Math.sqrt(2 / 4); // He's constant, fanIn 4
    expect(layer.scale).toBeCloseTo(c, 12);
    const expected: number[] = [];
    for (let b = 0; b < 2; b++) {
      for (let u = 0; u < 3; u++) {
        let s = bias[u];
        for (let i = 0; i < 4; i++) s += x[b * 4 + i] * w[i * 3 + u] * c;
        expected.push(s);
      }
    }
    const y = layer.apply(tf.tensor2d(x, [2, 4])) as tf.Tensor;
    expectClose(y.dataSync(), expected, 1e-5);
  });

  it('same seed gives the same weights; a different seed differs', () => {
    const make = (seed: number): Float32Array => {
      const layer = new EqualizedDense({ units: 4, seed });
      layer.apply(tf.zeros([1, 3]));
      return layer.getWeights()[0].dataSync() as Float32Array;
    };
    expect(Array.from(make(7))).toEqual(Array.from(make(7)));
    expect(Array.from(make(7))).not.toEqual(Array.from(make(8)));
  });

  it('gain 1 scales by sqrt(1 / fanIn); no leaks', () => {
    const model = sequential({ layers: [new EqualizedDense({ units: 2, gain: 1, seed: 1, inputShape: [9] })] });
    expect((model.layers[0] as EqualizedDense).scale).toBeCloseTo(1 / 3, 12);
    const x = tf.ones([2, 9]);
    expectNoLeak(() => model.predict(x) as tf.Tensor);
  });
});

describe('EqualizedConv2D', () => {
  it('basic: output equals a plain-JS 3x3 "same" convolution with w * sqrt(2 / (9 * cIn))', () => {
    const [h, w, cIn, cOut] = [4, 3, 2, 3];
    const layer = new EqualizedConv2D({ filters: cOut, kernelSize: 3, seed: 2 });
    const x = values(h * w * cIn, 4);
    const y = layer.apply(tf.tensor4d(x, [1, h, w, cIn])) as tf.Tensor;
    const k = layer.getWeights()[0].dataSync(); // [3, 3, cIn, cOut]
    const c = Math.sqrt(2 / (9 * cIn));
    expect(layer.scale).toBeCloseTo(c, 12);
    const expected: number[] = [];
    for (let i = 0; i < h; i++) {
      for (let j = 0; j < w; j++) {
        for (let o = 0; o < cOut; o++) {
          let s = 0; // bias starts at zero
          for (let di = 0; di < 3; di++) {
            for (let dj = 0; dj < 3; dj++) {
              const [ii, jj] = [i + di - 1, j + dj - 1]; // 'same' padding for k = 3: one pixel each side
              if (ii < 0 || ii >= h || jj < 0 || jj >= w) continue;
              for (let q = 0; q < cIn; q++) s += x[idx4([1, h, w, cIn], 0, ii, jj, q)] * k[((di * 3 + dj) * cIn + q) * cOut + o] * c;
            }
          }
          expected.push(s);
        }
      }
    }
    expect(y.shape).toEqual([1, h, w, cOut]);
    expectClose(y.dataSync(), expected, 1e-5);
  });

  it('1x1 toRGB with gain 1 has scale sqrt(1 / cIn); output shape; no leaks', () => {
    const model = sequential({ layers: [new EqualizedConv2D({ filters: 3, kernelSize: 1, gain: 1, seed: 4, inputShape: [2, 2, 16] })] });
    expect((model.layers[0] as EqualizedConv2D).scale).toBeCloseTo(0.25, 12);
    expect(model.outputs[0].shape).toEqual([null, 2, 2, 3]);
    const x = tf.ones([1, 2, 2, 16]);
    expectNoLeak(() => model.predict(x) as tf.Tensor);
  });

  it('throws when the input is not [batch, h, w, c]', () => {
    const layer = new EqualizedConv2D({ filters: 2, kernelSize: 3, seed: 1 });
    expect(() => layer.apply(tf.zeros([2, 3]))).toThrow(/expects input/);
  });
});

describe('heConv2d / heDense', () => {
  it('equalized: true gives the equalised layers; false gives tf.layers with He-std weights', () => {
    expect(heConv2d({ equalized: true, seed: 1, filters: 2, kernelSize: 3 })).toBeInstanceOf(EqualizedConv2D);
    expect(heDense({ equalized: true, seed: 1, units: 2 })).toBeInstanceOf(EqualizedDense);
    const conv = heConv2d({ equalized: false, seed: 1, filters: 256, kernelSize: 3 });
    expect(conv.getClassName()).toBe('Conv2D');
    conv.apply(tf.zeros([1, 3, 3, 8]));
    // He et al. 2015: std = sqrt(2 / fanIn), fanIn = 3 * 3 * 8; 18432 draws, tolerance ~10 sigma
    const m = moments(conv.getWeights()[0].dataSync());
    expect(Math.abs(m.std / Math.sqrt(2 / 72) - 1)).toBeLessThan(0.05);
    const dense = heDense({ equalized: false, seed: 1, units: 3, useBias: false });
    dense.apply(tf.zeros([1, 4]));
    expect(dense.getWeights().length).toBe(1);
  });
});
