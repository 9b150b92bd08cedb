import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '@stablegen/backend';
import { createRng } from '@stablegen/random';
import { beforeAll, describe, expect, test } from 'vitest';
import { asMatrix, spectralNormalize, stopGradient } from './power-iteration.js';
import { powerStep, topSingular } from './testing/float64.js';

beforeAll(async () => {
  await initBackend('cpu', { log: () => {} });
});

const rng = createRng(42);
const randn = (n: number) => Array.from({ length: n }, () => rng.normal());

/** Runs `steps` calls of spectralNormalize, feeding u back; returns the last sigma and u. */
function iterate(w: tf.Tensor, u0: tf.Tensor, steps: number) {
  let u = tf.clone(u0);
  let sigma = 0;
  for (let i = 0; i < steps; i++) {
    const r = spectralNormalize(w, u);
    sigma = r.sigma.dataSync()[0];
    tf.dispose([u, r.wSn, r.sigma]);
    u = r.u;
  }
  return { sigma, u };
}

describe('spectralNormalize', () => {
  test('converges: sigma within 1% of the exact largest singular value after 60 steps', () => {
    const wv = randn(12 * 7);
    const w = tf.tensor2d(wv, [12, 7]);
    const u0 = tf.tensor2d(randn(7), [1, 7]);
    const { sigma, u } = iterate(w, u0, 60);
    const exact = topSingular(wv, 12, 7).sigma1; // float64 SVD (ml-matrix)
    expect(Math.abs(sigma - exact) / exact).toBeLessThan(0.01);
    tf.dispose([w, u0, u]);
  });

  test('one step from a converged u tracks a slowly changing weight within the Rayleigh bound', () => {
    const wv = randn(10 * 6);
    const w = tf.tensor2d(wv, [10, 6]);
    const u0 = tf.tensor2d(randn(6), [1, 6]);
    const { u } = iterate(w, u0, 300);
    const moved = wv.map((x) => x * (1 + 1e-3 * rng.normal())); // W' = W + dW, |dW| ~ 1e-3 |W|
    const w2 = tf.tensor2d(moved, [10, 6]);
    const uv = Array.from(u.dataSync());
    const { sigma } = iterate(w2, u, 1);
    const { sigma1, sigma2, v1 } = topSingular(moved, 10, 6); // float64 SVD of W'
    // Bound (derived): with phi the angle between the stored u and W's top right singular vector,
    // one power step gives v at angle theta with tan(theta) <= (sigma2 / sigma1) tan(phi), and
    // sigma_est = |v W'| >= cos(theta) sigma1, so the relative error is <= 1 - cos(theta) <= tan^2(theta) / 2.
    const cosPhi = Math.abs(uv.reduce((s, x, i) => s + x * v1[i], 0)) / Math.hypot(...uv);
    const tanTheta = (sigma2 / sigma1) * (Math.sqrt(1 - cosPhi * cosPhi) / cosPhi);
    const bound = tanTheta ** 2 / 2 + 1e-6; // + float32 rounding of a dot product of ~10 terms
    const err = (sigma1 - sigma) / sigma1;
    expect(err).toBeGreaterThan(-1e-6); // the estimate never exceeds sigma1 (Rayleigh quotient)
    expect(err).toBeLessThan(bound);
    expect(bound).toBeLessThan(1e-4); // the stated figure for a 1e-3 relative change
    tf.dispose([w, u0, u, w2]);
  });

  test('a conv kernel [kh, kw, cin, cout] is normalised as the matrix [kh*kw*cin, cout]', () => {
    const [kh, kw, cin, cout] = [3, 3, 2, 4];
    const kv = randn(kh * kw * cin * cout);
    const k = tf.tensor4d(kv, [kh, kw, cin, cout]);
    // Build the paper's matrix by index arithmetic: row (i*kw + j)*cin + c, column o.
    const rows = kh * kw * cin;
    const paper = new Array<number>(rows * cout);
    for (let i = 0; i < kh; i++)
      for (let j = 0; j < kw; j++)
        for (let c = 0; c < cin; c++)
          for (let o = 0; o < cout; o++) paper[((i * kw + j) * cin + c) * cout + o] = kv[((i * kw + j) * cin + c) * cout + o];
    const u0 = tf.tensor2d(randn(cout), [1, cout]);
    const { sigma, u } = iterate(k, u0, 200);
    const exact = topSingular(paper, rows, cout).sigma1;
    expect(Math.abs(sigma - exact) / exact).toBeLessThan(1e-4);
    // A different grouping ([kh*kw, cin*cout]) has another sigma, so the check can tell them apart.
    expect(Math.abs(topSingular(kv, kh * kw, cin * cout).sigma1 - exact) / exact).toBeGreaterThan(0.01);
    tf.dispose([k, u0, u]);
  });

  test('basic: W_sn = W / sigma and the new u equal one float64 power step', () => {
    const wv = randn(5 * 3);
    const uv = randn(3);
    const w = tf.tensor2d(wv, [5, 3]);
    const u = tf.tensor2d(uv, [1, 3]);
    const r = spectralNormalize(w, u);
    const ref = powerStep(wv, 5, 3, uv); // Miyato et al. Algorithm 1, float64
    expect(r.sigma.dataSync()[0]).toBeCloseTo(ref.sigma, 5);
    Array.from(r.u.dataSync()).forEach((x, i) => expect(x).toBeCloseTo(ref.u[i], 6));
    Array.from(r.wSn.dataSync()).forEach((x, i) => expect(x).toBeCloseTo(wv[i] / ref.sigma, 5));
    tf.dispose([w, u, r.wSn, r.sigma, r.u]);
  });

  test('gradients: d/dW sum(W_sn * C) matches central differences with u, v held fixed', () => {
    const [m, n] = [4, 3];
    const wv = randn(m * n);
    const cv = randn(m * n);
    const uv = randn(n);
    const [w, c, u0] = [tf.tensor2d(wv, [m, n]), tf.tensor2d(cv, [m, n]), tf.tensor2d(uv, [1, n])];
    const [gw, gu] = tf.grads((ww: tf.Tensor, uu: tf.Tensor) => tf.sum(tf.mul(spectralNormalize(ww, uu).wSn, c)))([w, u0]);
    // Reference: v, u' from one float64 power step at W, then frozen; f(W) = sum(W C) / (v W u'^T).
    const { v, u: u1 } = powerStep(wv, m, n, uv);
    const f = (ww: number[]) => {
      const sigma = v.reduce((s, vi, i) => s + vi * u1.reduce((t, uj, j) => t + ww[i * n + j] * uj, 0), 0);
      return ww.reduce((s, x, k) => s + x * cv[k], 0) / sigma;
    };
    const g = gw.dataSync();
    wv.forEach((_, k) => {
      const [p, q] = [[...wv], [...wv]];
      p[k] += 1e-6;
      q[k] -= 1e-6;
      expect(g[k]).toBeCloseTo((f(p) - f(q)) / 2e-6, 4);
    });
    expect(Array.from(gu.dataSync())).toEqual([0, 0, 0]); // nothing flows into u
    tf.dispose([w, c, u0, gw, gu]);
  });

  test('throws when iterations < 1, u has the wrong shape or w has rank < 2', () => {
    const w = tf.tensor2d(randn(6), [3, 2]);
    const u = tf.tensor2d(randn(2), [1, 2]);
    expect(() => spectralNormalize(w, u, 0)).toThrow(/iterations/);
    expect(() => spectralNormalize(w, tf.zeros([1, 3]))).toThrow(/u must have shape \[1, 2\]/);
    expect(() => spectralNormalize(tf.zeros([4]), tf.zeros([1, 4]))).toThrow(/rank >= 2/);
    tf.dispose([w, u]);
  });

  test('leaks no tensors (spectralNormalize, asMatrix, stopGradient, also under tf.grad)', () => {
    const w = tf.tensor4d(randn(24), [2, 2, 2, 3]);
    const u = tf.tensor2d(randn(3), [1, 3]);
    const before = tf.memory().numTensors;
    const r = spectralNormalize(w, u, 3);
    const m = asMatrix(w);
    const s = stopGradient(w);
    const g = tf.grad((ww: tf.Tensor) => tf.sum(spectralNormalize(ww, u).wSn))(w);
    expect(m.shape).toEqual([8, 3]);
    tf.dispose([r.wSn, r.sigma, r.u, m, s, g]);
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([w, u]);
  });
});

describe('stopGradient', () => {
  test('basic: identity forward, zero gradient', () => tf.tidy(() => {
    const x = tf.tensor1d([1, -2, 3]);
    expect(Array.from(stopGradient(x).dataSync())).toEqual([1, -2, 3]);
    // d/dx [sum(x^2) + sum(stop(x)^2)] = 2x (the stopped term contributes nothing)
    const g = tf.grad((xx: tf.Tensor) => tf.add(tf.sum(tf.square(xx)), tf.sum(tf.square(stopGradient(xx)))))(x);
    expect(Array.from(g.dataSync())).toEqual([2, -4, 6]);
  }));
});
