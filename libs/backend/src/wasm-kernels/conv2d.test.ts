/**
 * Conv2D and FusedConv2D on wasm, on our GEMM with im2col (our-conv.ts): against the float64
 * definition and the cpu backend for strides, paddings, dilation, pointwise convolutions, NCHW,
 * patch matrices split into several row blocks, bias with each epilogue activation; the cases
 * that go to XNNPACK (PReLU, elu, our GEMM switched off) give the same values; nothing leaks.
 * Conv2DBackpropInput / Conv2DBackpropFilter have their own tests (they run on our GEMM too).
 */
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { gemmStatus, useGemm } from './gemm-module.js';
import { convCase, convRef, errorFigures, seeded, setupBackends, valuesOn, type ExplicitPadding } from './test-helpers.js';

const figures: string[] = [];
beforeAll(setupBackends);
afterEach(() => useGemm('ours'));
afterAll(() => console.log(`Conv2D on our GEMM vs float64 definition:\n${figures.join('\n')}`));

type Pad = 'same' | 'valid' | number | ExplicitPadding;
const CASES: [string, [number, number, number, number], [number, number, number, number], number, Pad, number][] = [
  ['DCGAN critic conv 2', [4, 14, 14, 32], [4, 4, 32, 64], 2, 'same', 1],
  ['DCGAN critic conv 1', [3, 28, 28, 1], [4, 4, 1, 32], 2, 'same', 1],
  ['3x3 stride 1 same', [2, 9, 7, 5], [3, 3, 5, 6], 1, 'same', 1],
  ['5x3 valid, odd sizes', [2, 11, 8, 3], [5, 3, 3, 9], 1, 'valid', 1],
  ['dilation 2', [2, 10, 10, 4], [3, 3, 4, 5], 1, 'same', 2],
  ['explicit pads, stride 3', [1, 13, 12, 2], [3, 2, 2, 7], 3, [[0, 0], [2, 1], [0, 3], [0, 0]], 1],
  ['pointwise (no patches)', [3, 6, 5, 16], [1, 1, 16, 10], 1, 'valid', 1],
  ['pointwise stride 2 (patches)', [2, 6, 6, 8], [1, 1, 8, 4], 2, 'valid', 1],
  ['several row blocks (K = 2304)', [2, 24, 24, 256], [3, 3, 256, 8], 1, 'same', 1],
];

describe('Conv2D on wasm (our GEMM)', () => {
  test.each(CASES)('%s: x %j, w %j matches the float64 definition and cpu', async (_label, xs, ws, stride, pad, dilation) => {
    const x = seeded(xs.reduce((p, d) => p * d), 71);
    const w = seeded(ws.reduce((p, d) => p * d), 72);
    const run = () => tf.conv2d(tf.tensor4d(x, xs), tf.tensor4d(w, ws), stride, pad as never, 'NHWC', dilation);
    const ours = await valuesOn('wasm', run);
    expect(gemmStatus()).toMatch(/^our (relaxed-)?simd GEMM$/);
    const e = errorFigures(ours, convRef(convCase(xs, ws, stride, pad, dilation), x, w));
    figures.push(`  x [${xs}] w [${ws}] stride ${stride} dilation ${dilation}: maxAbs ${e.maxAbs.toExponential(2)}, rel ${e.rel.toExponential(2)}`);
    expect(e.rel).toBeLessThan(1e-5);
    expect(errorFigures(ours, await valuesOn('cpu', run)).rel).toBeLessThan(1e-5);
  });

  test.each(['linear', 'relu', 'leakyrelu', 'relu6', 'elu', 'prelu'])('FusedConv2D with bias and %s matches cpu (elu and prelu by XNNPACK)', async (activation) => {
    const [xs, ws] = [[3, 9, 9, 6], [3, 3, 6, 12]] as [[number, number, number, number], [number, number, number, number]];
    const [x, w, bias, prelu] = [seeded(3 * 9 * 9 * 6, 81).map((v) => 3 * v), seeded(3 * 3 * 6 * 12, 82), seeded(12, 83), seeded(12, 84)];
    const run = () =>
      tf.fused.conv2d({
        x: tf.tensor4d(x, xs),
        filter: tf.tensor4d(w, ws),
        strides: 2,
        pad: 'same',
        bias: tf.tensor1d(bias),
        activation: activation as tf.fused.Activation,
        leakyreluAlpha: 0.2,
        ...(activation === 'prelu' ? { preluActivationWeights: tf.tensor1d(prelu) } : {}),
      });
    const ours = await valuesOn('wasm', run);
    expect(errorFigures(ours, await valuesOn('cpu', run)).rel).toBeLessThan(1e-5);
    if (activation === 'relu6') expect(Math.max(...ours)).toBe(6); // the inputs reach the cap
  });

  test('NCHW input gives NCHW output equal to the NHWC result transposed', async () => {
    const [xs, ws] = [[2, 7, 8, 3], [3, 3, 3, 5]] as [[number, number, number, number], [number, number, number, number]];
    const [x, w] = [seeded(2 * 7 * 8 * 3, 91), seeded(3 * 3 * 3 * 5, 92)];
    const nchw = await valuesOn('wasm', () => tf.conv2d(tf.transpose(tf.tensor4d(x, xs), [0, 3, 1, 2]) as tf.Tensor4D, tf.tensor4d(w, ws), 1, 'same', 'NCHW'));
    const nhwcT = await valuesOn('wasm', () => tf.transpose(tf.conv2d(tf.tensor4d(x, xs), tf.tensor4d(w, ws), 1, 'same'), [0, 3, 1, 2]));
    expect(errorFigures(nchw, nhwcT).maxAbs).toBe(0);
  });

  test('with our GEMM switched off XNNPACK runs it, to the same values; no buffers or tensors leak', async () => {
    const [xs, ws] = [[2, 10, 10, 8], [3, 3, 8, 16]] as [[number, number, number, number], [number, number, number, number]];
    const [x, w] = [seeded(2 * 10 * 10 * 8, 95), seeded(3 * 3 * 8 * 16, 96)];
    const run = () => tf.conv2d(tf.tensor4d(x, xs), tf.tensor4d(w, ws), 2, 'same');
    const ours = await valuesOn('wasm', run);
    useGemm('xnnpack');
    const xnn = await valuesOn('wasm', run);
    expect(gemmStatus()).toBe('XNNPACK matrix products (STABLEGEN_GEMM=xnnpack)');
    expect(errorFigures(ours, xnn).rel).toBeLessThan(1e-5);
    useGemm('ours');
    const [xt, wt] = [tf.tensor4d(x, xs), tf.tensor4d(w, ws)];
    const before = [tf.backend().numDataIds(), tf.memory().numTensors];
    tf.tidy(() => {
      tf.grads((a: tf.Tensor, b: tf.Tensor) => tf.sum(tf.square(tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, 2, 'same'))))([xt, wt]);
    });
    expect([tf.backend().numDataIds(), tf.memory().numTensors]).toEqual(before);
    tf.dispose([xt, wt]);
  });
});
