/**
 * Float64 reference for double backprop through maxPool on a single-channel image.
 *   f(x; W, V) = sum( maxPool(act(x * W)) * V )
 *   df/dx_k = W_k act'(x_k W_k) * sum over windows o whose argmax is k of V_o
 *   loss(W, V) = sum_k (df/dx_k)^2, differentiated by central differences.
 * Windows follow TensorFlow's 'valid' / 'same' rules. The inputs used here have no ties (minGap
 * says how far they are from one); maxPoolTieCase checks ties.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Activation } from './double-backprop-harness.js';

export interface PoolSpec {
  size: number;
  filter: number;
  stride: number;
  pad: 'valid' | 'same';
}

/** Flat input indices of each pooling window, row-major, padding positions left out. */
export function poolWindows({ size, filter, stride, pad }: PoolSpec): number[][] {
  const out = pad === 'same' ? Math.ceil(size / stride) : Math.ceil((size - filter + 1) / stride);
  const top = pad === 'same' ? Math.floor(Math.max((out - 1) * stride + filter - size, 0) / 2) : 0;
  const windows: number[][] = [];
  for (let oy = 0; oy < out; oy++) {
    for (let ox = 0; ox < out; ox++) {
      const idx: number[] = [];
      for (let i = 0; i < filter; i++) {
        for (let j = 0; j < filter; j++) {
          const r = oy * stride - top + i;
          const c = ox * stride - top + j;
          if (r >= 0 && r < size && c >= 0 && c < size) idx.push(r * size + c);
        }
      }
      windows.push(idx);
    }
  }
  return windows;
}

/** Which of several equal maxima a backend's MaxPoolGrad picks (row-major window order). */
export type TieRule = 'first' | 'last';

/** Index of the maximum of `values` over `window`; ties resolved by `rule`. */
export function windowArgmax(values: ArrayLike<number>, window: number[], rule: TieRule = 'first'): number {
  const better = (v: number, best: number) => (rule === 'first' ? v > best : v >= best);
  return window.reduce((best, k) => (better(values[k], values[best]) ? k : best), window[0]);
}

/** Smallest gap between a window's maximum and its runner-up (how far the argmax is from flipping). */
export function minArgmaxGap(values: number[], windows: number[][]): number {
  return Math.min(
    ...windows.map((win) => {
      const sorted = win.map((k) => values[k]).sort((a, b) => b - a);
      return sorted[0] - sorted[1];
    }),
  );
}

function loss(act: Activation, windows: number[][], x: number[], w: number[], v: number[]): number {
  const a = x.map((xk, k) => actValue(act, xk * w[k]));
  const u = new Float64Array(x.length);
  windows.forEach((win, o) => (u[windowArgmax(a, win)] += v[o]));
  return x.reduce((acc, xk, k) => acc + (w[k] * act.derivative(xk * w[k]) * u[k]) ** 2, 0);
}

/** act(h) in float64 for the activations used with maxPool. */
function actValue(act: Activation, h: number): number {
  if (act.name === 'softplus') return Math.log1p(Math.exp(h));
  if (act.name === 'tanh') return Math.tanh(h);
  throw new Error(`no float64 forward for ${act.name}`);
}

/** Loss and central-difference gradients w.r.t. W and V; minGap guards against argmax flips. */
export function maxPoolReference(act: Activation, spec: PoolSpec, x: number[], w: number[], v: number[]) {
  const windows = poolWindows(spec);
  const h = 1e-6;
  const fd = (arr: number[], f: (a: number[]) => number) =>
    arr.map((_, i) => {
      const plus = [...arr];
      const minus = [...arr];
      plus[i] += h;
      minus[i] -= h;
      return (f(plus) - f(minus)) / (2 * h);
    });
  return {
    loss: loss(act, windows, x, w, v),
    dW: fd(w, (ww) => loss(act, windows, x, ww, v)),
    dV: fd(v, (vv) => loss(act, windows, x, w, vv)),
    minGap: minArgmaxGap(x.map((xk, k) => actValue(act, xk * w[k])), windows),
  };
}

/**
 * M g by double backprop (our MaxPoolGrad gradient) on an input with many ties, the float64
 * reference (g at each window's maximum under the backend's tie rule, measured: cpu first, wasm
 * last) and both sides of <M^T dy, g> = <dy, M g>.
 */
export function maxPoolTieCase(spec: PoolSpec, rule: TieRule) {
  const n = spec.size * spec.size;
  const xs = Array.from({ length: n }, (_, k) => (k * 7) % 3); // values 0, 1, 2: ties in every window
  const windows = poolWindows(spec);
  const dyv = windows.map((_, i) => Math.cos(0.7 * i + 0.2));
  const gv = Array.from({ length: n }, (_, k) => Math.sin(0.9 * k + 0.1));
  const square = (m: number): [number, number, number, number] => [1, Math.sqrt(m), Math.sqrt(m), 1];
  const [x, dy, g] = [tf.tensor4d(xs, square(n)), tf.tensor4d(dyv, square(dyv.length)), tf.tensor4d(gv, square(n))];
  const pool = (t: tf.Tensor4D) => tf.maxPool(t, spec.filter, spec.stride, spec.pad);
  const backward = (d: tf.Tensor) => tf.grad((xx: tf.Tensor) => tf.sum(tf.mul(pool(xx as tf.Tensor4D), d)))(x); // M^T d
  const mtDy = tf.tidy(() => backward(dy));
  const mG = tf.grad((d: tf.Tensor) => tf.sum(tf.mul(backward(d), g)))(dy); // M g
  const out = {
    got: Array.from(mG.dataSync()),
    expected: windows.map((win) => Math.fround(gv[windowArgmax(xs, win, rule)])),
    lhs: tf.sum(tf.mul(mtDy, g)).dataSync()[0], // <M^T dy, g>
    rhs: tf.sum(tf.mul(dy, mG)).dataSync()[0], // <dy, M g>
  };
  tf.dispose([x, dy, g, mtDy, mG]);
  return out;
}
