import * as tf from '@tensorflow/tfjs-core';
import type { WasmBackendLike } from './wasm-backend.js';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { byCol2im, bySubpixel } from './conv2d-backprop-input.js';
import { planSubpixel } from './subpixel.js';
import { isWasmTrainingKernel, registerWasmTrainingKernels, unregisterWasmTrainingKernels } from './register.js';
import {
  backpropInputRef,
  convCase,
  errorFigures,
  seeded,
  setupBackends,
  valuesOn,
  type ExplicitPadding,
} from './test-helpers.js';

type Shape4 = [number, number, number, number];
type Pad = 'same' | 'valid' | ExplicitPadding;

const figures: string[] = [];
beforeAll(setupBackends);
afterAll(() => console.log(`Conv2DBackpropInput wasm errors (rel = maxAbs / max|ref|):\n${figures.join('\n')}`));

function record(label: string, e: { maxAbs: number; rel: number }): void {
  figures.push(`  ${label}: maxAbs ${e.maxAbs.toExponential(2)}, rel ${e.rel.toExponential(2)}`);
}

/** Runs the kernel itself: dx of the forward conv whose input has shape inputShape. */
function inputGrad(dy: tf.Tensor, w: tf.Tensor, inputShape: Shape4, strides: number | [number, number], pad: Pad, extra = {}): tf.Tensor {
  const attrs = { strides, pad, dataFormat: 'NHWC', inputShape, ...extra };
  return tf.engine().runKernel('Conv2DBackpropInput', { dy, filter: w }, attrs as never) as tf.Tensor;
}

/** Seeded w and dy for a case; dy's shape is the forward conv's output. */
function inputs(xs: Shape4, ws: Shape4, stride: number | [number, number], pad: Pad, dilation = 1) {
  const c = convCase(xs, ws, stride as number, pad, dilation);
  const dyShape: Shape4 = [xs[0], c.outH, c.outW, ws[3]];
  return { c, w: seeded(ws.reduce((p, d) => p * d), 21), dy: seeded(dyShape.reduce((p, d) => p * d), 22), dyShape };
}

// [x, w, stride, pad]: strides 1, 2, 3 and mixed, 'same' / 'valid' / explicit, channels 1, 3, 32, 64.
// The kernel takes the col2im path for < 4 input channels and for the explicit-pad case (no
// sub-pixel plan: negative leading pad), the sub-pixel path otherwise.
const cases: [Shape4, Shape4, number | [number, number], Pad][] = [
  [[64, 14, 14, 32], [4, 4, 32, 64], 2, 'same'], // DCGAN: G convT 1 and D conv 2's dx
  [[16, 28, 28, 1], [4, 4, 1, 32], 2, 'same'], // DCGAN: G convT 2 and D conv 1's dx
  [[3, 9, 8, 3], [3, 3, 3, 5], 1, 'same'],
  [[2, 7, 6, 3], [2, 3, 3, 1], 1, 'valid'],
  [[2, 9, 9, 64], [3, 3, 64, 3], 2, 'valid'],
  [[4, 10, 10, 3], [5, 5, 3, 32], 2, 'same'],
  [[2, 9, 10, 2], [3, 3, 2, 3], 3, 'same'],
  [[2, 9, 10, 2], [3, 3, 2, 3], [2, 1], 'same'],
  [[2, 9, 10, 2], [1, 1, 2, 3], 2, 'valid'],
  [[2, 8, 9, 3], [2, 2, 3, 4], 1, [[0, 0], [3, 1], [0, 2], [0, 0]]],
];

describe('Conv2DBackpropInput on wasm', () => {
  test.each(cases)('matches the cpu kernel and the float64 definition: x %j, w %j, stride %j, pad %j', async (xs, ws, stride, pad) => {
    const { c, w, dy, dyShape } = inputs(xs, ws, stride, pad);
    const run = () => inputGrad(tf.tensor(dy, dyShape), tf.tensor(w, ws), xs, stride, pad);
    const cpu = await valuesOn('cpu', run);
    const wasm = await valuesOn('wasm', run);
    const vsCpu = errorFigures(wasm, cpu);
    record(`x ${xs} w ${ws} s ${stride} ${JSON.stringify(pad)} vs cpu`, vsCpu);
    expect(vsCpu.rel).toBeLessThan(1e-4);
    expect(errorFigures(wasm, backpropInputRef(c, w, dy)).rel).toBeLessThan(1e-4);
  });

  // The kernel picks one strategy per shape; here both run on every case that has a sub-pixel plan.
  test.each(cases)('both strategies (sub-pixel and col2im) match the cpu kernel: x %j, w %j, stride %j, pad %j', async (xs, ws, stride, pad) => {
    const { w, dy, dyShape } = inputs(xs, ws, stride, pad);
    const info = tf.backend_util.computeConv2DInfo(xs, ws, stride, 1, pad);
    const plans = planSubpixel(info);
    const cpu = await valuesOn('cpu', () => inputGrad(tf.tensor(dy, dyShape), tf.tensor(w, ws), xs, stride, pad));
    const direct = (f: (dyI: tf.TensorInfo, wI: tf.TensorInfo, backend: WasmBackendLike) => tf.TensorInfo) =>
      valuesOn('wasm', () => tf.engine().makeTensorFromTensorInfo(f(tf.tensor(dy, dyShape), tf.tensor(w, ws), tf.backend() as unknown as WasmBackendLike)));
    expect(errorFigures(await direct((d, f, b) => byCol2im(d, f, info, b)), cpu).rel).toBeLessThan(1e-4);
    if (plans === undefined) return; // explicit padding case: col2im only
    expect(errorFigures(await direct((d, f, b) => bySubpixel(d, f, plans, info, b)), cpu).rel).toBeLessThan(1e-4);
  });

  test.each([
    [[4, 14, 14, 32], [4, 4, 32, 64], 2, 'same'],
    [[3, 9, 8, 3], [3, 3, 3, 5], 1, 'valid'],
  ] as [Shape4, Shape4, number, Pad][])('gradients: d/dx sum(conv2d(x, w) * r) on wasm equals tf.grad on cpu: x %j, w %j', async (xs, ws, stride, pad) => {
    const { w, dy: r, dyShape } = inputs(xs, ws, stride, pad);
    const x = seeded(xs.reduce((p, d) => p * d), 23);
    const grad = () =>
      tf.grad((xt: tf.Tensor) => tf.sum(tf.mul(tf.conv2d(xt as tf.Tensor4D, tf.tensor(w, ws) as tf.Tensor4D, stride, pad as 'same'), tf.tensor(r, dyShape))))(
        tf.tensor(x, xs),
      );
    const e = errorFigures(await valuesOn('wasm', grad), await valuesOn('cpu', grad));
    record(`tf.grad x ${xs} w ${ws} s ${stride} ${pad} vs cpu`, e);
    expect(e.rel).toBeLessThan(1e-4);
  });

  test('conv2dTranspose equals the wasm built-in kernel it replaces', async () => {
    const { w, dy, dyShape } = inputs([8, 14, 14, 32], [4, 4, 32, 64], 2, 'same');
    const run = () => tf.conv2dTranspose(tf.tensor(dy, dyShape) as tf.Tensor4D, tf.tensor(w, [4, 4, 32, 64]) as tf.Tensor4D, [8, 14, 14, 32], 2, 'same');
    expect(isWasmTrainingKernel('Conv2DBackpropInput')).toBe(true);
    const ours = await valuesOn('wasm', run);
    unregisterWasmTrainingKernels();
    expect(isWasmTrainingKernel('Conv2DBackpropInput')).toBe(false);
    const builtin = await valuesOn('wasm', run);
    registerWasmTrainingKernels();
    const e = errorFigures(ours, builtin);
    // Often bitwise equal: both sum the same taps in the same order without FMA.
    record('conv2dTranspose vs the wasm built-in', e);
    expect(e.rel).toBeLessThan(1e-4);
  });

  test('dilations 2 match the float64 definition (col2im path; the cpu kernel has no dilations)', async () => {
    const xs: Shape4 = [2, 11, 10, 3];
    const ws: Shape4 = [3, 2, 3, 4];
    const { c, w, dy, dyShape } = inputs(xs, ws, 1, 'same', 2);
    const wasm = await valuesOn('wasm', () => inputGrad(tf.tensor(dy, dyShape), tf.tensor(w, ws), xs, 1, 'same', { dilations: 2 }));
    const e = errorFigures(wasm, backpropInputRef(c, w, dy));
    record('dilation 2 vs float64 definition', e);
    expect(e.rel).toBeLessThan(1e-4);
  });

  test('NCHW gives the NHWC result', async () => {
    const xs: Shape4 = [2, 9, 8, 3];
    const ws: Shape4 = [3, 3, 3, 4];
    const { w, dy, dyShape } = inputs(xs, ws, 2, 'same');
    const nhwc = await valuesOn('wasm', () => inputGrad(tf.tensor(dy, dyShape), tf.tensor(w, ws), xs, 2, 'same'));
    const nchw = await valuesOn('wasm', () => {
      const attrs = { strides: 2, pad: 'same', dataFormat: 'NCHW', inputShape: [2, 3, 9, 8] };
      const dyNchw = tf.transpose(tf.tensor(dy, dyShape), [0, 3, 1, 2]);
      const dx = tf.engine().runKernel('Conv2DBackpropInput', { dy: dyNchw, filter: tf.tensor(w, ws) }, attrs as never) as tf.Tensor;
      return tf.transpose(dx, [0, 2, 3, 1]);
    });
    expect(errorFigures(nchw, nhwc).rel).toBeLessThan(1e-6);
  });

  test.each([
    ['sub-pixel', 'same'],
    ['col2im', [[0, 0], [3, 1], [0, 2], [0, 0]]],
  ] as [string, Pad][])('frees every intermediate (%s path)', async (_path, pad) => {
    await tf.setBackend('wasm');
    const xs: Shape4 = [2, 8, 9, 4]; // 4 input channels: 'same' takes the sub-pixel path
    const ws: Shape4 = [2, 2, 4, 4];
    const { w, dy, dyShape } = inputs(xs, ws, 1, pad);
    const [dyT, wT] = [tf.tensor(dy, dyShape), tf.tensor(w, ws)];
    const ids = tf.backend().numDataIds();
    const tensors = tf.memory().numTensors;
    inputGrad(dyT, wT, xs, 1, pad).dispose();
    expect(tf.backend().numDataIds()).toBe(ids);
    expect(tf.memory().numTensors).toBe(tensors);
    tf.dispose([dyT, wT]);
  });
});
