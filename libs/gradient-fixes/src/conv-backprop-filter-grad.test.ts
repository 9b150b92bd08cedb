/**
 * The gradient of Conv2DBackpropFilter (missing in tfjs 4.22), needed for Hessian-vector products
 * w.r.t. conv weights. dW(x, dy) is bilinear, so f(x, dy) = <G, dW(x, dy)> is linear in each
 * argument and central differences with any step are exact up to rounding: the reference.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, test } from 'vitest';
import { registerGradientFixes, withOriginalGradients } from './register.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
  registerGradientFixes();
});

const seq = (n: number, a: number, b: number) => Array.from({ length: n }, (_, i) => Math.sin(a * i + b));
const maxRel = (got: ArrayLike<number>, want: ArrayLike<number>) => {
  const scale = Math.max(...Array.from(want, Math.abs));
  return Math.max(...Array.from(want, (w, i) => Math.abs(got[i] - w))) / scale;
};

type Shape4 = [number, number, number, number];
/** dW of conv2d(x, W) for the upstream gradient dy (the kernel itself; tfjs-core does not export the op). */
const backpropFilter = (x: tf.Tensor, dy: tf.Tensor, filterShape: Shape4, strides: number, pad: 'same' | 'valid') =>
  tf.engine().runKernel('Conv2DBackpropFilter', { x, dy }, { strides, pad, dataFormat: 'NHWC', filterShape }) as tf.Tensor4D;

/** Central differences (step 1: f is linear in the perturbed argument) of f at `values`. */
function centralDiff(f: (v: number[]) => number, values: number[]): number[] {
  return values.map((_, i) => {
    const [up, down] = [[...values], [...values]];
    up[i] += 1;
    down[i] -= 1;
    return (f(up) - f(down)) / 2;
  });
}

interface Case {
  xShape: Shape4;
  filterShape: Shape4;
  stride: number;
  pad: 'same' | 'valid';
}
const CASES: Array<[string, Case]> = [
  ['4x4 stride 2 same (DCGAN)', { xShape: [2, 6, 6, 3], filterShape: [4, 4, 3, 4], stride: 2, pad: 'same' }],
  ['3x3 stride 1 valid', { xShape: [1, 5, 5, 2], filterShape: [3, 3, 2, 3], stride: 1, pad: 'valid' }],
];
const size = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);

describe.each(CASES)('Conv2DBackpropFilter gradient, %s', (_name, { xShape, filterShape, stride, pad }) => {
  const x = seq(size(xShape), 0.7, 0.1);
  const outShape = tf.conv2d(tf.zeros(xShape) as tf.Tensor4D, tf.zeros(filterShape) as tf.Tensor4D, stride, pad).shape as Shape4;
  const dy = seq(size(outShape), 1.1, 0.4);
  const g = tf.tensor(seq(size(filterShape), 0.3, 0.9), filterShape);
  const product = (xt: tf.Tensor, dyt: tf.Tensor) => tf.sum(tf.mul(g, backpropFilter(xt, dyt, filterShape, stride, pad)));
  const f = (xv: number[], dyv: number[]) => tf.tidy(() => product(tf.tensor4d(xv, xShape), tf.tensor4d(dyv, outShape)).dataSync()[0]);
  const grads = () => tf.grads(product)([tf.tensor4d(x, xShape), tf.tensor4d(dy, outShape)]);

  test('d/dx and d/d dy equal central differences; tfjs alone has no gradient', () => {
    const [gx, gdy] = grads();
    expect(maxRel(gx.dataSync(), centralDiff((v) => f(v, dy), x))).toBeLessThan(1e-5);
    expect(maxRel(gdy.dataSync(), centralDiff((v) => f(x, v), dy))).toBeLessThan(1e-5);
    expect(() => withOriginalGradients(grads)).toThrow('gradient function not found for Conv2DBackpropFilter');
  });
});

test('a Hessian-vector product w.r.t. conv weights is symmetric (u.Hv = v.Hu) and matches differences of gradients', () => {
  // loss(W) = sum(softplus(conv(x, W))^2): second order through Conv2DBackpropFilter.
  const x = tf.tensor4d(seq(2 * 6 * 6 * 2, 0.9, 0.2), [2, 6, 6, 2]);
  const loss = (w: tf.Tensor) => tf.sum(tf.square(tf.softplus(tf.conv2d(x, w as tf.Tensor4D, 2, 'same'))));
  const w0 = tf.tensor4d(seq(4 * 4 * 2 * 3, 0.5, 0.3).map((v) => 0.3 * v), [4, 4, 2, 3]);
  const grad = tf.grad(loss);
  const hvp = (v: tf.Tensor) => tf.grad((w: tf.Tensor) => tf.sum(tf.mul(grad(w), v)))(w0);
  const u = tf.tensor4d(seq(96, 1.3, 0.7), [4, 4, 2, 3]);
  const v = tf.tensor4d(seq(96, 0.4, 1.9), [4, 4, 2, 3]);
  const [hu, hv] = [hvp(u), hvp(v)];
  const uHv = tf.sum(tf.mul(u, hv)).dataSync()[0];
  const vHu = tf.sum(tf.mul(v, hu)).dataSync()[0];
  expect(Math.abs(uHv - vHu) / Math.abs(uHv)).toBeLessThan(1e-4);
  // H v ~ (grad(w + h v) - grad(w - h v)) / 2h, float32 with h = 1e-2: a few 1e-4 relative.
  const h = 1e-2;
  const fd = tf.div(tf.sub(grad(tf.add(w0, tf.mul(h, v))), grad(tf.sub(w0, tf.mul(h, v)))), 2 * h);
  expect(maxRel(hv.dataSync(), fd.dataSync())).toBeLessThan(2e-3);
});
