/**
 * The registered `FusedConv2D` gradient (kernel run directly, as `@stablegen/layers`' fusedConv2d
 * does) on cpu, for stride 1 'valid' and stride 2 'same' (tfjs-backend-wasm alone has no
 * Conv2DBackpropFilter; libs/backend's fused-gradients.test.ts checks wasm with our kernels
 * against cpu):
 * - first and second order (a gradient-penalty-shaped loss) against a float64 reference with
 *   central differences;
 * - linear: the same bits as tfjs's own fused op (the same kernels);
 * - lazy: a gradient w.r.t. the input alone runs no Conv2DBackpropFilter, one w.r.t. the filter no
 *   Conv2DBackpropInput;
 * - unsupported attributes throw, naming the cause.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, test } from 'vitest';
import { central, maxRelErr, sameBits } from '../test/central-differences.js';
import { registerGradientFixes } from './register.js';

beforeAll(() => registerGradientFixes());

type Act = 'linear' | 'relu' | 'leakyrelu';
const ALPHA = 0.2;
const [B, H, CI, K, CO] = [2, 5, 2, 3, 3];

interface Geometry {
  stride: number;
  pad: 'same' | 'valid';
}
const GEOMETRIES: [string, Geometry][] = [
  ['stride 1 valid', { stride: 1, pad: 'valid' }],
  ['stride 2 same', { stride: 2, pad: 'same' }],
];

/** Output size and the top / left padding of tfjs's conv2d. */
function outGeometry(g: Geometry): { out: number; before: number } {
  if (g.pad === 'valid') return { out: Math.ceil((H - K + 1) / g.stride), before: 0 };
  const out = Math.ceil(H / g.stride);
  return { out, before: Math.floor(Math.max(0, (out - 1) * g.stride + K - H) / 2) };
}

const X = Array.from({ length: B * H * H * CI }, (_, i) => ((i * 7) % 13) / 6 - 1);
const F = Array.from({ length: K * K * CI * CO }, (_, i) => (i % 4 === 0 ? -1 : 1) * (0.05 + 0.011 * i));
const BIAS = [0.07, -0.05, 0.03];
const vValues = (g: Geometry) => Array.from({ length: B * outGeometry(g).out ** 2 * CO }, (_, i) => ((i * 5) % 9) / 4 - 1);

const slope = (act: Act, z: number) => (act === 'linear' || z > 0 ? 1 : act === 'relu' ? 0 : ALPHA);

/** Calls visit(b, i, j, o, xIndex, fIndex) for every product of the convolution (NHWC, HWIO). */
function taps(g: Geometry, visit: (zIndex: number, xIndex: number, fIndex: number) => void): void {
  const { out, before } = outGeometry(g);
  for (let b = 0; b < B; b++)
    for (let i = 0; i < out; i++)
      for (let j = 0; j < out; j++)
        for (let o = 0; o < CO; o++)
          for (let di = 0; di < K; di++)
            for (let dj = 0; dj < K; dj++) {
              const [r, c] = [i * g.stride + di - before, j * g.stride + dj - before];
              if (r < 0 || r >= H || c < 0 || c >= H) continue;
              for (let ci = 0; ci < CI; ci++) visit(((b * out + i) * out + j) * CO + o, ((b * H + r) * H + c) * CI + ci, ((di * K + dj) * CI + ci) * CO + o);
            }
}

/** Pre-activations z = conv(x, f) + bias in float64, [B, out, out, CO]. */
function pre(g: Geometry, x: number[], f: number[], bias: number[]): number[] {
  const n = B * outGeometry(g).out ** 2;
  const z = Array.from({ length: n * CO }, (_, p) => bias[p % CO]);
  taps(g, (zi, xi, fi) => (z[zi] += x[xi] * f[fi]));
  return z;
}

/** f = sum(act(z) * V). */
const f64 = (g: Geometry, act: Act, x: number[], f: number[], bias: number[], v: number[]) => pre(g, x, f, bias).reduce((s, z, p) => s + z * slope(act, z) * v[p], 0);

/** sum((df/dx)^2), with df/dx = conv^T(act'(z) * V, f). */
function penalty64(g: Geometry, act: Act, x: number[], f: number[], bias: number[], v: number[]): number {
  const z = pre(g, x, f, bias);
  const dx = new Array<number>(x.length).fill(0);
  taps(g, (zi, xi, fi) => (dx[xi] += slope(act, z[zi]) * v[zi] * f[fi]));
  return dx.reduce((s, d) => s + d * d, 0);
}

/** act(conv(x, f) + bias): the kernel run directly, or tfjs's fused op (linear only). */
function forward(kind: 'kernel' | 'tfjs', g: Geometry, act: Act, x: tf.Tensor, f: tf.Tensor, bias: tf.Tensor | null): tf.Tensor {
  if (kind === 'tfjs') return tf.fused.conv2d({ x: x as tf.Tensor4D, filter: f as tf.Tensor4D, strides: g.stride, pad: g.pad, bias: bias ?? undefined });
  const inputs: tf.NamedTensorMap = { x, filter: f };
  if (bias) inputs.bias = bias;
  return tf.engine().runKernel<tf.Tensor>('FusedConv2D', inputs, { strides: [g.stride, g.stride], pad: g.pad, dataFormat: 'NHWC', dilations: [1, 1], activation: act, leakyreluAlpha: ALPHA });
}

/** d f / d [x, f, bias] and d penalty / d [f, V]. */
function grads(kind: 'kernel' | 'tfjs', g: Geometry, act: Act): Float32Array[] {
  return tf.tidy(() => {
    const { out } = outGeometry(g);
    const [x, f, bias, v] = [tf.tensor4d(X, [B, H, H, CI]), tf.tensor4d(F, [K, K, CI, CO]), tf.tensor1d(BIAS), tf.tensor4d(vValues(g), [B, out, out, CO])];
    const fn = (xx: tf.Tensor, ff: tf.Tensor, bb: tf.Tensor, vv: tf.Tensor) => tf.sum(tf.mul(forward(kind, g, act, xx, ff, bb), vv));
    const first = tf.grads((xx: tf.Tensor, ff: tf.Tensor, bb: tf.Tensor) => fn(xx, ff, bb, v))([x, f, bias]);
    const second = tf.grads((ff: tf.Tensor, vv: tf.Tensor) => tf.sum(tf.square(tf.grad((xx: tf.Tensor) => fn(xx, ff, bias, vv))(x))))([f, v]);
    return [...first, ...second].map((t) => t.dataSync() as Float32Array);
  });
}

describe.each(['cpu'])('FusedConv2D gradient on %s', (backend) => {
  beforeAll(async () => {
    await tf.setBackend(backend);
  });

  describe.each(GEOMETRIES)('%s', (_name, g) => {
    test('the fixed values keep every pre-activation away from the kink, on both sides of it', () => {
      const z = pre(g, X, F, BIAS);
      expect(Math.min(...z.map(Math.abs))).toBeGreaterThan(1e-3);
      expect(z.some((v) => v < 0) && z.some((v) => v > 0)).toBe(true);
    });

    test.each<Act>(['linear', 'relu', 'leakyrelu'])('%s: first and second order match float64 central differences', (act) => {
      const got = grads('kernel', g, act);
      expect(tf.getBackend()).toBe(backend);
      const v = vValues(g);
      const want = [
        central(X, (x) => f64(g, act, x, F, BIAS, v)),
        central(F, (f) => f64(g, act, X, f, BIAS, v)),
        central(BIAS, (b) => f64(g, act, X, F, b, v)),
        central(F, (f) => penalty64(g, act, X, f, BIAS, v)),
        central(v, (vv) => penalty64(g, act, X, F, BIAS, vv)),
      ];
      got.forEach((t, i) => expect(maxRelErr(t, want[i])).toBeLessThan(1e-5));
      expect(Math.max(...want[3].map(Math.abs))).toBeGreaterThan(0.1); // the second-order terms are not trivially zero
    });

    test('linear: the same bits as tfjs own fused op', () => {
      const [ours, theirs] = [grads('kernel', g, 'linear'), grads('tfjs', g, 'linear')];
      ours.forEach((t, i) => expect(sameBits(t, theirs[i])).toBe(true));
    });
  });

  test('lazy: w.r.t. the input alone no filter gradient, w.r.t. the filter alone no input gradient', async () => {
    const g = GEOMETRIES[1][1];
    const kernelsOf = async (wrt: 'x' | 'filter') => {
      const info = await tf.profile(() =>
        tf.tidy(() => {
          const [x, f, bias] = [tf.tensor4d(X, [B, H, H, CI]), tf.tensor4d(F, [K, K, CI, CO]), tf.tensor1d(BIAS)];
          const fn = (xx: tf.Tensor, ff: tf.Tensor) => tf.sum(forward('kernel', g, 'leakyrelu', xx, ff, bias));
          (wrt === 'x' ? tf.grad((xx: tf.Tensor) => fn(xx, f))(x) : tf.grad((ff: tf.Tensor) => fn(x, ff))(f)).dataSync();
        }),
      );
      const names = info.kernels.map((k) => k.name);
      return { input: names.filter((n) => n === 'Conv2DBackpropInput').length, filter: names.filter((n) => n === 'Conv2DBackpropFilter').length };
    };
    expect(await kernelsOf('x')).toEqual({ input: 1, filter: 0 });
    expect(await kernelsOf('filter')).toEqual({ input: 0, filter: 1 });
  });

  test.each([
    [{ dilations: [2, 2], strides: [1, 1] }, /dilations \[2,2\] are not supported/],
    [{ activation: 'elu' }, /FusedConv2D gradient: activation 'elu' is not supported/],
    [{ activation: 'leakyrelu', leakyreluAlpha: -0.5 }, /alpha -0.5 < 0 is not supported/],
  ])('unsupported attributes %o throw, naming the cause', (attrs, message) => {
    const run = () =>
      tf.tidy(() => {
        const x = tf.ones([1, 4, 4, 1]);
        const attributes = { strides: [1, 1], pad: 'same', dataFormat: 'NHWC', dilations: [1, 1], activation: 'linear', ...attrs } as tf.NamedAttrMap;
        return tf.grad((t: tf.Tensor) => tf.sum(tf.engine().runKernel<tf.Tensor>('FusedConv2D', { x: t, filter: tf.ones([2, 2, 1, 1]) }, attributes)))(x);
      });
    expect(run).toThrow(message);
  });
});
