/**
 * `@stablegen/gradient-fixes`' gradients for the fused kernels run directly (`_FusedMatMul`,
 * `FusedConv2D`, as `@stablegen/layers`' fusedDense / fusedConv2d run them) on wasm with our
 * training kernels: first and second order (a gradient-penalty-shaped loss) within 1e-5 of cpu
 * (whose values gradient-fixes checks against float64 central differences), and lazy on wasm too.
 */
import * as tf from '@tensorflow/tfjs-core';
import { registerGradientFixes } from '@stablegen/gradient-fixes';
import { beforeAll, describe, expect, test } from 'vitest';
import { errorFigures, seeded, setupBackends } from './wasm-kernels/test-helpers.js';

beforeAll(async () => {
  await setupBackends();
  registerGradientFixes(); // what initBackend does
});

type Act = 'linear' | 'relu' | 'leakyrelu';

interface Case {
  x: number[];
  w: number[];
  bias: number;
  out: number[];
  run: (x: tf.Tensor, w: tf.Tensor, bias: tf.Tensor, act: Act) => tf.Tensor;
}

const CASES: Record<string, Case> = {
  '_FusedMatMul [6, 5] x [5, 4]': {
    x: [6, 5], w: [5, 4], bias: 4, out: [6, 4],
    run: (x, w, bias, act) => tf.reshape(tf.engine().runKernel<tf.Tensor>('_FusedMatMul', { a: tf.reshape(x, [1, 6, 5]), b: tf.reshape(w, [1, 5, 4]), bias }, { transposeA: false, transposeB: false, activation: act, leakyreluAlpha: 0.2 }), [6, 4]),
  },
  'FusedConv2D [2, 7, 7, 3] k3 s2 same -> 4': {
    x: [2, 7, 7, 3], w: [3, 3, 3, 4], bias: 4, out: [2, 4, 4, 4],
    run: (x, w, bias, act) => tf.engine().runKernel<tf.Tensor>('FusedConv2D', { x, filter: w, bias }, { strides: [2, 2], pad: 'same', dataFormat: 'NHWC', dilations: [1, 1], activation: act, leakyreluAlpha: 0.2 }),
  },
  'FusedConv2D [2, 6, 6, 2] k4 s1 valid -> 3': {
    x: [2, 6, 6, 2], w: [4, 4, 2, 3], bias: 3, out: [2, 3, 3, 3],
    run: (x, w, bias, act) => tf.engine().runKernel<tf.Tensor>('FusedConv2D', { x, filter: w, bias }, { strides: [1, 1], pad: 'valid', dataFormat: 'NHWC', dilations: [1, 1], activation: act, leakyreluAlpha: 0.2 }),
  },
};

const size = (shape: number[]) => shape.reduce((a, b) => a * b, 1);

/** d f / d [x, w, bias] and d ||df/dx||^2 / d [w, v] for f = sum(op(x, w, bias) * v), on `backend`. */
async function gradsOn(backend: 'cpu' | 'wasm', c: Case, act: Act): Promise<Float32Array[]> {
  await tf.setBackend(backend);
  return tf.tidy(() => {
    const [x, w, bias, v] = [tf.tensor(seeded(size(c.x), 1), c.x), tf.tensor(seeded(size(c.w), 2), c.w), tf.tensor1d(seeded(c.bias, 3)), tf.tensor(seeded(size(c.out), 4), c.out)];
    const f = (xx: tf.Tensor, ww: tf.Tensor, bb: tf.Tensor, vv: tf.Tensor) => tf.sum(tf.mul(c.run(xx, ww, bb, act), vv));
    const first = tf.grads((xx: tf.Tensor, ww: tf.Tensor, bb: tf.Tensor) => f(xx, ww, bb, v))([x, w, bias]);
    const second = tf.grads((ww: tf.Tensor, vv: tf.Tensor) => tf.sum(tf.square(tf.grad((xx: tf.Tensor) => f(xx, ww, bias, vv))(x))))([w, v]);
    return [...first, ...second].map((t) => Float32Array.from(t.dataSync() as Float32Array));
  });
}

describe('fused-kernel gradients on wasm', () => {
  describe.each(Object.entries(CASES))('%s', (_name, c) => {
    test.each<Act>(['linear', 'relu', 'leakyrelu'])('%s: first and second order within 1e-5 of cpu', async (act) => {
      const [cpu, wasm] = [await gradsOn('cpu', c, act), await gradsOn('wasm', c, act)];
      expect(tf.getBackend()).toBe('wasm');
      cpu.forEach((expected, i) => expect(errorFigures(wasm[i], expected).rel).toBeLessThan(1e-5));
    });
  });

  test('lazy: the input gradient of a fused conv runs no Conv2DBackpropFilter on wasm', async () => {
    await tf.setBackend('wasm');
    const c = CASES['FusedConv2D [2, 7, 7, 3] k3 s2 same -> 4'];
    const info = await tf.profile(() =>
      tf.tidy(() => {
        const [x, w, bias] = [tf.tensor(seeded(size(c.x), 1), c.x), tf.tensor(seeded(size(c.w), 2), c.w), tf.tensor1d(seeded(c.bias, 3))];
        tf.grad((xx: tf.Tensor) => tf.sum(c.run(xx, w, bias, 'leakyrelu')))(x).dataSync();
      }),
    );
    const names = info.kernels.map((k) => k.name);
    expect(names.filter((n) => n === 'Conv2DBackpropInput')).toHaveLength(1);
    expect(names.filter((n) => n === 'Conv2DBackpropFilter')).toHaveLength(0);
  });
});
