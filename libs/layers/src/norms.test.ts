import * as tf from '@tensorflow/tfjs-core';
import { sequential } from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectClose, expectNoLeak, numericGrad, useCpu, values } from '@stablegen/backend/testing';
import { InstanceNorm } from './instance-norm.js';
import { LayerNorm } from './layer-norm.js';
import { standardize } from './standardize.js';

beforeAll(useCpu);

const [B, H, W, C] = [3, 2, 3, 4];
const x = values(B * H * W * C, 31).map((v, i) => 2 * v + (i % C)); // channel offsets make axes matter

/** Float64 reference: standardise x (flat [B, H, W, C]) over groups chosen by groupOf(b, c). */
function standardizeRef(v: number[], groupOf: (b: number, c: number) => number, eps = 1e-5): number[] {
  const sum = new Map<number, number>();
  const count = new Map<number, number>();
  const key = (i: number): number => groupOf(Math.floor(i / (H * W * C)), i % C);
  v.forEach((a, i) => {
    sum.set(key(i), (sum.get(key(i)) ?? 0) + a);
    count.set(key(i), (count.get(key(i)) ?? 0) + 1);
  });
  const mean = (i: number): number => (sum.get(key(i)) as number) / (count.get(key(i)) as number);
  const sq = new Map<number, number>();
  v.forEach((a, i) => sq.set(key(i), (sq.get(key(i)) ?? 0) + (a - mean(i)) ** 2));
  return v.map((a, i) => (a - mean(i)) / Math.sqrt((sq.get(key(i)) as number) / (count.get(key(i)) as number) + eps));
}

/** Mean and biased variance of the entries of flat [B, H, W, C] that belong to (b, c?) groups. */
function groupMoments(v: ArrayLike<number>, pick: (b: number, c: number) => boolean): [number, number] {
  const sel: number[] = [];
  for (let i = 0; i < v.length; i++) if (pick(Math.floor(i / (H * W * C)), i % C)) sel.push(v[i]);
  const m = sel.reduce((s, a) => s + a, 0) / sel.length;
  return [m, sel.reduce((s, a) => s + (a - m) ** 2, 0) / sel.length];
}

describe('LayerNorm', () => {
  it('basic: each sample has zero mean and unit variance over [h, w, c] (float64 reference)', () => {
    const y = new LayerNorm().apply(tf.tensor4d(x, [B, H, W, C])) as tf.Tensor;
    expectClose(y.dataSync(), standardizeRef(x, (b) => b), 1e-5);
    for (let b = 0; b < B; b++) {
      const [m, v] = groupMoments(y.dataSync(), (bb) => bb === b);
      expect(Math.abs(m)).toBeLessThan(1e-6);
      expect(Math.abs(v - 1)).toBeLessThan(1e-3); // var / (var + 1e-5), var of x ~ 2
    }
  });

  it('normalises vectors [batch, features]', () => {
    const y = new LayerNorm().apply(tf.tensor2d(x.slice(0, 12), [3, 4])) as tf.Tensor;
    const ref = [0, 1, 2].flatMap((r) => {
      const row = x.slice(r * 4, r * 4 + 4);
      const m = row.reduce((s, a) => s + a, 0) / 4;
      const v = row.reduce((s, a) => s + (a - m) ** 2, 0) / 4;
      return row.map((a) => (a - m) / Math.sqrt(v + 1e-5));
    });
    expectClose(y.dataSync(), ref, 1e-5);
  });

  it('one sample does not depend on the others (unlike batch norm)', () => {
    const layer = new LayerNorm();
    const full = layer.apply(tf.tensor4d(x, [B, H, W, C])) as tf.Tensor;
    const first = layer.apply(tf.tensor4d(x.slice(0, H * W * C), [1, H, W, C])) as tf.Tensor;
    expectClose(first.dataSync(), full.dataSync().slice(0, H * W * C), 1e-6);
  });

  it('applies the per-channel affine gamma * z + beta', () => {
    const layer = new LayerNorm();
    const t = tf.tensor4d(x, [B, H, W, C]);
    const z = (layer.apply(t) as tf.Tensor).dataSync();
    const gamma = [1, 2, -1, 0.5];
    const beta = [0, 1, 2, 3];
    layer.setWeights([tf.tensor1d(gamma), tf.tensor1d(beta)]);
    const y = (layer.apply(t) as tf.Tensor).dataSync();
    expectClose(y, Array.from(z, (a, i) => gamma[i % C] * a + beta[i % C]), 1e-5);
  });
});

describe('InstanceNorm', () => {
  it('basic: each (sample, channel) has zero mean and unit variance over [h, w]', () => {
    const y = new InstanceNorm().apply(tf.tensor4d(x, [B, H, W, C])) as tf.Tensor;
    expectClose(y.dataSync(), standardizeRef(x, (b, c) => b * C + c), 1e-5);
    for (let b = 0; b < B; b++) {
      for (let c = 0; c < C; c++) {
        const [m, v] = groupMoments(y.dataSync(), (bb, cc) => bb === b && cc === c);
        expect(Math.abs(m)).toBeLessThan(1e-6);
        expect(Math.abs(v - 1)).toBeLessThan(1e-3);
      }
    }
  });

  it('throws when the input has no spatial axis', () => {
    expect(() => new InstanceNorm().apply(tf.zeros([2, 3]))).toThrow(/InstanceNorm expects/);
  });
});

describe('standardize', () => {
  it('gradients: match central finite differences of the float64 reference', () => {
    const v = values(6, 41); // one row of 6
    const w = values(6, 42);
    const ref = (u: number[]): number => {
      const m = u.reduce((s, a) => s + a, 0) / 6;
      const s2 = u.reduce((s, a) => s + (a - m) ** 2, 0) / 6;
      return u.reduce((s, a, i) => s + ((a - m) / Math.sqrt(s2 + 1e-5)) * w[i], 0);
    };
    const g = tf.grad((t: tf.Tensor) => tf.sum(tf.mul(standardize(t, [1]), tf.tensor2d(w, [1, 6]))));
    expectClose(g(tf.tensor2d(v, [1, 6])).dataSync(), numericGrad(ref, v), 1e-3);
  });

  it('layers keep shape and do not leak', () => {
    const m = sequential({ layers: [new LayerNorm({ inputShape: [H, W, C] }), new InstanceNorm()] });
    expect(m.outputs[0].shape).toEqual([null, H, W, C]);
    expect(m.countParams()).toBe(4 * C); // gamma and beta [C] for each of the two layers
    const t = tf.tensor4d(x, [B, H, W, C]);
    expectNoLeak(() => m.predict(t) as tf.Tensor);
    expectNoLeak(() => standardize(t, [1, 2]));
  });
});
