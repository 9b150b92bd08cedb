import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '@stablegen/backend';
import { createRng } from '@stablegen/random';
import { beforeAll, describe, expect, it } from 'vitest';
import { dotAttention, dotContext } from './attention.js';

beforeAll(async () => {
  await initBackend('cpu', { log: () => {} });
});

const [B, T, H] = [2, 4, 3];
const rng = createRng(1);
const S = Array.from({ length: B }, () => Array.from({ length: T }, () => Array.from({ length: H }, () => rng.normal())));
const h0 = Array.from({ length: B }, () => Array.from({ length: H }, () => rng.normal()));
const valid = [4, 2]; // example 1 has 2 real positions, then PAD
const mask = valid.map((n) => Array.from({ length: T }, (_, t) => (t < n ? 0 : -1e9)));
const w = Array.from({ length: B }, () => Array.from({ length: H }, () => rng.normal())); // loss = sum(w * c)

/** Float64 reference from the equations: weights and context per example (PAD positions skipped). */
function attention64(s: number[][][], h: number[][]): { a: number[][]; c: number[][] } {
  const a = s.map((sb, b) => {
    const scores = sb.slice(0, valid[b]).map((row) => row.reduce((acc, v, k) => acc + v * h[b][k], 0));
    const m = Math.max(...scores);
    const e = scores.map((v) => Math.exp(v - m));
    const z = e.reduce((x, y) => x + y, 0);
    return Array.from({ length: T }, (_, t) => (t < valid[b] ? e[t] / z : 0));
  });
  const c = s.map((sb, b) => Array.from({ length: H }, (_, k) => sb.reduce((acc, row, t) => acc + a[b][t] * row[k], 0)));
  return { a, c };
}
const loss64 = (s: number[][][], h: number[][]) => attention64(s, h).c.reduce((acc, row, b) => acc + row.reduce((x, v, k) => x + v * w[b][k], 0), 0);

describe('dotAttention', () => {
  it('basic: softmax of dot scores over unmasked positions, weighted sum (float64 loops)', () => {
    const got = tf.tidy(() => {
      const a = dotAttention(tf.tensor3d(S), tf.tensor2d(mask), tf.tensor2d(h0));
      return { c: a.context.arraySync(), w: a.weights.arraySync() };
    });
    const want = attention64(S, h0);
    for (let b = 0; b < B; b++) {
      for (let t = 0; t < T; t++) expect(got.w[b][t]).toBeCloseTo(want.a[b][t], 6);
      for (let k = 0; k < H; k++) expect(got.c[b][k]).toBeCloseTo(want.c[b][k], 5);
    }
  });

  it('gradients: hand-written backward matches central finite differences (float64)', () => {
    const [gS, gh] = tf.tidy(() => {
      const f = (s: tf.Tensor, h: tf.Tensor) => tf.sum(tf.mul(dotContext(s as tf.Tensor3D, tf.tensor2d(mask), h as tf.Tensor2D), tf.tensor2d(w)));
      const [ds, dh] = tf.grads(f)([tf.tensor3d(S), tf.tensor2d(h0)]);
      return [ds.arraySync() as number[][][], dh.arraySync() as number[][]];
    });
    const eps = 1e-6;
    const near = (got: number, fd: number) => expect(Math.abs(got - fd)).toBeLessThan(1e-4 + 1e-3 * Math.abs(fd));
    for (let b = 0; b < B; b++) {
      for (let k = 0; k < H; k++) {
        const shift = (d: number) => h0.map((r, bb) => r.map((v, kk) => (bb === b && kk === k ? v + d : v)));
        near(gh[b][k], (loss64(S, shift(eps)) - loss64(S, shift(-eps))) / (2 * eps));
        for (let t = 0; t < T; t++) {
          const shiftS = (d: number) => S.map((sb, bb) => sb.map((r, tt) => r.map((v, kk) => (bb === b && tt === t && kk === k ? v + d : v))));
          near(gS[b][t][k], (loss64(shiftS(eps), h0) - loss64(shiftS(-eps), h0)) / (2 * eps)); // PAD rows: 0
        }
      }
    }
  });

  it('does not leak tensors', () => {
    const [s, m, h] = [tf.ones([2, 3, 4]) as tf.Tensor3D, tf.zeros([2, 3]) as tf.Tensor2D, tf.ones([2, 4]) as tf.Tensor2D];
    const before = tf.memory().numTensors;
    const a = dotAttention(s, m, h);
    expect(tf.memory().numTensors).toBe(before + 2);
    tf.grads((x: tf.Tensor) => tf.sum(dotContext(x as tf.Tensor3D, m, h)))([s])[0].dispose();
    expect(tf.memory().numTensors).toBe(before + 2);
    tf.dispose([a.context, a.weights, s, m, h]);
  });
});
