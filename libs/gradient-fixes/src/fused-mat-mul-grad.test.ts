/**
 * The registered `_FusedMatMul` gradient (kernel run directly, as `@stablegen/layers`' fusedDense
 * does) on cpu and wasm:
 * - first and second order (a gradient-penalty-shaped loss) against a float64 reference with
 *   central differences;
 * - the same bits as tfjs's own path (tf.fused.matMul, then tf.leakyRelu for leakyrelu);
 * - lazy: a gradient w.r.t. the input alone runs one matmul and no bias sum;
 * - unsupported attributes throw, naming the cause.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import { beforeAll, describe, expect, test } from 'vitest';
import { central, maxRelErr, sameBits } from '../test/central-differences.js';
import { registerGradientFixes } from './register.js';

beforeAll(() => registerGradientFixes());

type Act = 'linear' | 'relu' | 'leakyrelu';
const ALPHA = 0.2;
const [N, K, M] = [5, 3, 4];
// Fixed values with every pre-activation |x W + b| >= 0.05, away from the kink.
const X = Array.from({ length: N * K }, (_, i) => ((i * 7) % 11) / 5 - 1);
const W = Array.from({ length: K * M }, (_, i) => (i % 3 === 0 ? -1 : 1) * (0.3 + 0.07 * i));
const B = [0.13, -0.21, 0.05, 0.17];
const V = Array.from({ length: N * M }, (_, i) => ((i * 5) % 7) / 3 - 1);

const slope = (act: Act, z: number) => (act === 'linear' || z > 0 ? 1 : act === 'relu' ? 0 : ALPHA);
const activate = (act: Act, z: number) => z * slope(act, z);

/** Pre-activations x W + b in float64, [N, M] row-major. */
function pre(x: number[], w: number[], b: number[]): number[] {
  return Array.from({ length: N * M }, (_, p) => {
    const [i, j] = [Math.floor(p / M), p % M];
    let z = b[j];
    for (let k = 0; k < K; k++) z += x[i * K + k] * w[k * M + j];
    return z;
  });
}

/** f = sum(act(x W + b) * V) in float64. */
const f64 = (act: Act, x: number[], w: number[], b: number[], v: number[]) => pre(x, w, b).reduce((s, z, p) => s + activate(act, z) * v[p], 0);

/** loss = sum((df/dx)^2) in float64, with df/dx = (act'(z) * V) W^T. */
function penalty64(act: Act, x: number[], w: number[], b: number[], v: number[]): number {
  const z = pre(x, w, b);
  let loss = 0;
  for (let i = 0; i < N; i++) {
    for (let k = 0; k < K; k++) {
      let g = 0;
      for (let j = 0; j < M; j++) g += slope(act, z[i * M + j]) * v[i * M + j] * w[k * M + j];
      loss += g * g;
    }
  }
  return loss;
}

/** act(x W + b) [N, M]: the kernel run directly (ours) or tfjs's fused op (+ leakyRelu). */
function forward(kind: 'kernel' | 'tfjs', act: Act, x: tf.Tensor, w: tf.Tensor, b: tf.Tensor | null): tf.Tensor {
  if (kind === 'tfjs') {
    const y = tf.fused.matMul({ a: x as tf.Tensor2D, b: w as tf.Tensor2D, bias: b ?? undefined, activation: act === 'relu' ? 'relu' : 'linear' });
    return act === 'leakyrelu' ? tf.leakyRelu(y, ALPHA) : y;
  }
  const inputs: tf.NamedTensorMap = { a: tf.reshape(x, [1, N, K]), b: tf.reshape(w, [1, K, M]) };
  if (b) inputs.bias = b;
  const y = tf.engine().runKernel<tf.Tensor>('_FusedMatMul', inputs, { transposeA: false, transposeB: false, activation: act, leakyreluAlpha: ALPHA });
  return tf.reshape(y, [N, M]);
}

interface Grads {
  first: Float32Array[]; // d f / d [x, w, b]
  second: Float32Array[]; // d penalty / d [w, v] (the penalty depends on b only through act', zero almost everywhere)
}

function grads(kind: 'kernel' | 'tfjs', act: Act): Grads {
  return tf.tidy(() => {
    const [x, w, b, v] = [tf.tensor2d(X, [N, K]), tf.tensor2d(W, [K, M]), tf.tensor1d(B), tf.tensor2d(V, [N, M])];
    const f = (xx: tf.Tensor, ww: tf.Tensor, bb: tf.Tensor, vv: tf.Tensor) => tf.sum(tf.mul(forward(kind, act, xx, ww, bb), vv));
    const first = tf.grads((xx: tf.Tensor, ww: tf.Tensor, bb: tf.Tensor) => f(xx, ww, bb, v))([x, w, b]);
    const second = tf.grads((ww: tf.Tensor, vv: tf.Tensor) => tf.sum(tf.square(tf.grad((xx: tf.Tensor) => f(xx, ww, b, vv))(x))))([w, v]);
    return { first: first.map((t) => t.dataSync() as Float32Array), second: second.map((t) => t.dataSync() as Float32Array) };
  });
}

describe.each(['cpu', 'wasm'])('_FusedMatMul gradient on %s', (backend) => {
  beforeAll(async () => {
    await tf.setBackend(backend);
  });

  test('the fixed values keep every pre-activation away from the kink', () => {
    expect(Math.min(...pre(X, W, B).map(Math.abs))).toBeGreaterThan(0.05);
  });

  test.each<Act>(['linear', 'relu', 'leakyrelu'])('%s: first and second order match float64 central differences', (act) => {
    const ours = grads('kernel', act);
    expect(tf.getBackend()).toBe(backend);
    const want = [
      central(X, (x) => f64(act, x, W, B, V)),
      central(W, (w) => f64(act, X, w, B, V)),
      central(B, (b) => f64(act, X, W, b, V)),
    ];
    ours.first.forEach((g, i) => expect(maxRelErr(g, want[i])).toBeLessThan(1e-5));
    const want2 = [central(W, (w) => penalty64(act, X, w, B, V)), central(V, (v) => penalty64(act, X, W, B, v))];
    ours.second.forEach((g, i) => expect(maxRelErr(g, want2[i])).toBeLessThan(1e-5));
    expect(Math.max(...want2[0].map(Math.abs))).toBeGreaterThan(0.1); // the second-order terms are not trivially zero
  });

  test.each<Act>(['linear', 'relu', 'leakyrelu'])('%s: the same bits as tfjs own fused op', (act) => {
    const [ours, theirs] = [grads('kernel', act), grads('tfjs', act)];
    [...ours.first, ...ours.second].forEach((g, i) => expect(sameBits(g, [...theirs.first, ...theirs.second][i])).toBe(true));
  });

  test('lazy: the gradient w.r.t. the input alone runs one matmul and no bias sum; all three run two and one', async () => {
    const kernelsOf = async (wrt: 'x' | 'all') => {
      const info = await tf.profile(() =>
        tf.tidy(() => {
          const [x, w, b] = [tf.tensor2d(X, [N, K]), tf.tensor2d(W, [K, M]), tf.tensor1d(B)];
          const f = (xx: tf.Tensor, ww: tf.Tensor, bb: tf.Tensor) => tf.sum(forward('kernel', 'leakyrelu', xx, ww, bb));
          if (wrt === 'x') tf.grad((xx: tf.Tensor) => f(xx, w, b))(x).dataSync();
          else tf.grads(f)([x, w, b]).forEach((g) => g.dataSync());
        }),
      );
      const names = info.kernels.map((k) => k.name);
      return { matmuls: names.filter((n) => n === 'BatchMatMul').length, sums: names.filter((n) => n === 'Sum').length };
    };
    expect(await kernelsOf('x')).toEqual({ matmuls: 1, sums: 1 }); // the one Sum is f's own
    expect(await kernelsOf('all')).toEqual({ matmuls: 2, sums: 2 });
  });

  test('no bias: the kernel without one differentiates too', () => {
    const g = tf.tidy(() => {
      const [x, w] = [tf.tensor2d(X, [N, K]), tf.tensor2d(W, [K, M])];
      return tf.grad((ww: tf.Tensor) => tf.sum(tf.mul(forward('kernel', 'relu', x, ww, null), tf.tensor2d(V, [N, M]))))(w).dataSync();
    });
    expect(maxRelErr(g, central(W, (w) => f64('relu', X, w, [0, 0, 0, 0], V)))).toBeLessThan(1e-5);
  });

  test.each([
    [{ transposeA: true }, /transposeA \/ transposeB are not supported/],
    [{ activation: 'elu' }, /activation 'elu' is not supported/],
    [{ activation: 'leakyrelu', leakyreluAlpha: -0.5 }, /alpha -0.5 < 0 is not supported/],
    [{ activation: 'leakyrelu' }, /leakyrelu needs leakyreluAlpha/],
  ])('unsupported attributes %o throw, naming the cause', (attrs, message) => {
    const run = () =>
      tf.tidy(() => {
        const a = tf.ones([1, 2, 2]);
        return tf.grad((t: tf.Tensor) => tf.sum(tf.engine().runKernel<tf.Tensor>('_FusedMatMul', { a: t, b: tf.ones([1, 2, 2]) }, { transposeA: false, transposeB: false, activation: 'linear', ...attrs })))(a);
      });
    expect(run).toThrow(message);
  });
});
