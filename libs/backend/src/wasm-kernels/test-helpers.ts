/**
 * Shared by the wasm-kernel tests (not part of the library's API): backend setup, seeded inputs,
 * running one computation on a named backend, error figures, and float64 reference convolutions
 * written straight from the definitions (independent of tfjs).
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-core/dist/register_all_gradients.js';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import { createRng } from '@stablegen/random';
import { registerWasmTrainingKernels } from './register.js';

export type ExplicitPadding = tf.backend_util.ExplicitPadding;

/** Loads cpu and wasm, registers our kernels, silences the cpu banner; wasm is left active. */
export async function setupBackends(): Promise<void> {
  await tf.setBackend('cpu');
  (tf.backend() as unknown as { firstUse: boolean }).firstUse = false;
  await tf.setBackend('wasm');
  registerWasmTrainingKernels();
}

/** n values uniform in [-1, 1) from seed. */
export function seeded(n: number, seed: number): Float32Array {
  const rng = createRng(seed);
  return Float32Array.from({ length: n }, () => 2 * rng.uniform() - 1);
}

/** Runs f on `backend` and returns its output values (tensors created inside are freed). */
export async function valuesOn(backend: 'cpu' | 'wasm', f: () => tf.Tensor): Promise<Float32Array> {
  await tf.setBackend(backend);
  const out = tf.tidy(f);
  const values = Float32Array.from(out.dataSync() as Float32Array);
  out.dispose();
  return values;
}

export interface ErrorFigures {
  /** max |actual - expected| */
  maxAbs: number;
  /** maxAbs / max |expected| (relative to the reference's scale; element-wise ratios blow up near 0). */
  rel: number;
}

export function errorFigures(actual: ArrayLike<number>, expected: ArrayLike<number>): ErrorFigures {
  if (actual.length !== expected.length) throw new Error(`length ${actual.length} != ${expected.length}`);
  let maxAbs = 0;
  let scale = 0;
  for (let i = 0; i < actual.length; i++) {
    const d = Math.abs(actual[i] - expected[i]);
    maxAbs = Number.isNaN(d) ? Infinity : Math.max(maxAbs, d);
    scale = Math.max(scale, Math.abs(expected[i]));
  }
  return { maxAbs, rel: scale === 0 ? maxAbs : maxAbs / scale };
}

/** Geometry of a forward conv y = conv2d(x, w), NHWC / HWIO. */
export interface ConvCase {
  x: [number, number, number, number];
  w: [number, number, number, number];
  stride: [number, number];
  dilation: [number, number];
  /** Leading pads (top, left) and the output size, as tfjs computes them. */
  padTop: number;
  padLeft: number;
  outH: number;
  outW: number;
}

/** Calls f(n, oh, ow, kh, kw, ih, iw) for every in-range tap of the forward conv. */
function forEachTap(c: ConvCase, f: (n: number, oh: number, ow: number, kh: number, kw: number, ih: number, iw: number) => void): void {
  const [batch, h, w] = c.x;
  const [kH, kW] = c.w;
  for (let n = 0; n < batch; n++)
    for (let oh = 0; oh < c.outH; oh++)
      for (let ow = 0; ow < c.outW; ow++)
        for (let kh = 0; kh < kH; kh++)
          for (let kw = 0; kw < kW; kw++) {
            const ih = oh * c.stride[0] + kh * c.dilation[0] - c.padTop;
            const iw = ow * c.stride[1] + kw * c.dilation[1] - c.padLeft;
            if (ih >= 0 && ih < h && iw >= 0 && iw < w) f(n, oh, ow, kh, kw, ih, iw);
          }
}

/** dW[kh, kw, ci, co] = sum x[n, ih, iw, ci] * dy[n, oh, ow, co] over taps, in float64. */
export function backpropFilterRef(c: ConvCase, x: Float32Array, dy: Float32Array): Float64Array {
  const [, h, w, ci] = c.x;
  const [, kW, , co] = c.w;
  const dW = new Float64Array(c.w.reduce((p, d) => p * d, 1));
  forEachTap(c, (n, oh, ow, kh, kw, ih, iw) => {
    const xo = ((n * h + ih) * w + iw) * ci;
    const yo = ((n * c.outH + oh) * c.outW + ow) * co;
    for (let i = 0; i < ci; i++) for (let o = 0; o < co; o++) dW[((kh * kW + kw) * ci + i) * co + o] += x[xo + i] * dy[yo + o];
  });
  return dW;
}

/** dx[n, ih, iw, ci] = sum w[kh, kw, ci, co] * dy[n, oh, ow, co] over taps, in float64. */
export function backpropInputRef(c: ConvCase, wv: Float32Array, dy: Float32Array): Float64Array {
  const [, h, w, ci] = c.x;
  const [, kW, , co] = c.w;
  const dx = new Float64Array(c.x.reduce((p, d) => p * d, 1));
  forEachTap(c, (n, oh, ow, kh, kw, ih, iw) => {
    const xo = ((n * h + ih) * w + iw) * ci;
    const yo = ((n * c.outH + oh) * c.outW + ow) * co;
    for (let i = 0; i < ci; i++) for (let o = 0; o < co; o++) dx[xo + i] += wv[((kh * kW + kw) * ci + i) * co + o] * dy[yo + o];
  });
  return dx;
}

/** y[n, oh, ow, co] = sum x[n, ih, iw, ci] * w[kh, kw, ci, co] over taps, in float64. */
export function convRef(c: ConvCase, x: Float32Array, wv: Float32Array): Float64Array {
  const [, h, w, ci] = c.x;
  const [, kW, , co] = c.w;
  const y = new Float64Array(c.x[0] * c.outH * c.outW * co);
  forEachTap(c, (n, oh, ow, kh, kw, ih, iw) => {
    const xo = ((n * h + ih) * w + iw) * ci;
    const yo = ((n * c.outH + oh) * c.outW + ow) * co;
    for (let i = 0; i < ci; i++) for (let o = 0; o < co; o++) y[yo + o] += x[xo + i] * wv[((kh * kW + kw) * ci + i) * co + o];
  });
  return y;
}

/** The ConvCase tfjs derives for these arguments (pads and output size from computeConv2DInfo). */
export function convCase(
  x: [number, number, number, number],
  w: [number, number, number, number],
  stride: number,
  pad: 'same' | 'valid' | number | ExplicitPadding,
  dilation = 1,
): ConvCase {
  const info = tf.backend_util.computeConv2DInfo(x, w, stride, dilation, pad);
  return {
    x,
    w,
    stride: [info.strideHeight, info.strideWidth],
    dilation: [info.dilationHeight, info.dilationWidth],
    padTop: info.padInfo.top,
    padLeft: info.padInfo.left,
    outH: info.outHeight,
    outW: info.outWidth,
  };
}
