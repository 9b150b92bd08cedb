import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '@stablegen/backend';
import { createRng } from '@stablegen/random';
import { beforeAll, describe, expect, it } from 'vitest';
import { gruStep, splitRecurrent } from './gru.js';

beforeAll(async () => {
  await initBackend('cpu', { log: () => {} });
});

const sig = (v: number) => 1 / (1 + Math.exp(-v));

/**
 * Reference GRU step in float64 plain JS, written from the equations (not from the code):
 * z = s(xz + h Uz), r = s(xr + h Ur), n = tanh(xn + r (h Un)), h' = (1 - z) n + z h.
 * x = [xz | xr | xn] per row (3H), U [H][3H] with the same blocks.
 */
function gru64(x: number[][], h: number[][], u: number[][]): number[][] {
  const H = h[0].length;
  return h.map((hb, b) => {
    const hu = Array.from({ length: 3 * H }, (_, j) => hb.reduce((s, hk, k) => s + hk * u[k][j], 0));
    return hb.map((hj, j) => {
      const z = sig(x[b][j] + hu[j]);
      const r = sig(x[b][H + j] + hu[H + j]);
      const n = Math.tanh(x[b][2 * H + j] + r * hu[2 * H + j]);
      return (1 - z) * n + z * hj;
    });
  });
}

const draw = (rng: ReturnType<typeof createRng>, rows: number, cols: number) =>
  Array.from({ length: rows }, () => Array.from({ length: cols }, () => rng.normal() * 0.8));

describe('gruStep', () => {
  const [B, H] = [2, 3];
  const rng = createRng(11);
  const x = draw(rng, B, 3 * H);
  const h = draw(rng, B, H);
  const u = draw(rng, H, 3 * H);
  const w = draw(rng, B, H); // loss L = sum(w * h')
  const loss64 = (xx: number[][], hh: number[][], uu: number[][]) =>
    gru64(xx, hh, uu).reduce((s, row, b) => s + row.reduce((t, v, j) => t + v * w[b][j], 0), 0);
  const tfLoss = (xt: tf.Tensor, ht: tf.Tensor, ut: tf.Tensor) => {
    const [zr, n] = tf.split(xt, [2 * H, H], 1) as [tf.Tensor2D, tf.Tensor2D];
    return tf.sum(tf.mul(gruStep({ zr, n }, ht as tf.Tensor2D, splitRecurrent(ut as tf.Tensor2D)), tf.tensor2d(w)));
  };

  it('basic: matches the float64 reference', () => {
    const got = tf.tidy(() => {
      const [zr, n] = tf.split(tf.tensor2d(x), [2 * H, H], 1) as [tf.Tensor2D, tf.Tensor2D];
      return gruStep({ zr, n }, tf.tensor2d(h), splitRecurrent(tf.tensor2d(u))).arraySync();
    });
    const want = gru64(x, h, u);
    got.forEach((row, b) => row.forEach((v, j) => expect(v).toBeCloseTo(want[b][j], 5)));
  });

  it('gradients: match central finite differences of the float64 reference', () => {
    const grads = tf.tidy(() => tf.grads(tfLoss)([tf.tensor2d(x), tf.tensor2d(h), tf.tensor2d(u)]).map((g) => g.arraySync() as number[][]));
    const args = [x, h, u];
    const eps = 1e-6;
    args.forEach((arg, a) => {
      arg.forEach((row, i) => row.forEach((_, j) => {
        const shifted = (d: number) => args.map((m, k) => (k === a ? m.map((r, ii) => r.map((v, jj) => (ii === i && jj === j ? v + d : v))) : m));
        const [p, q] = [shifted(eps), shifted(-eps)];
        const fd = (loss64(p[0], p[1], p[2]) - loss64(q[0], q[1], q[2])) / (2 * eps); // O(eps^2) error
        expect(Math.abs(grads[a][i][j] - fd)).toBeLessThan(1e-4 + 1e-3 * Math.abs(fd));
      }));
    });
  });

  it('does not leak tensors', () => {
    const [xt, ht, ut] = [tf.tensor2d(x), tf.tensor2d(h), tf.tensor2d(u)];
    const [zr, n] = tf.split(xt, [2 * H, H], 1) as [tf.Tensor2D, tf.Tensor2D];
    const weights = splitRecurrent(ut as tf.Tensor2D);
    const before = tf.memory().numTensors;
    gruStep({ zr, n }, ht as tf.Tensor2D, weights).dispose();
    tf.grads((a: tf.Tensor) => tf.sum(gruStep({ zr: a as tf.Tensor2D, n }, ht as tf.Tensor2D, weights)))([zr])[0].dispose();
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([xt, ht, ut, zr, n, weights.zr, weights.n]);
  });
});
