import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  backpropFilterRef,
  convCase,
  errorFigures,
  seeded,
  setupBackends,
  valuesOn,
  type ExplicitPadding,
} from './test-helpers.js';
import { prefersChannelMajorPatches } from './conv2d-backprop-filter.js';
import { planFilterGradConv } from './filter-grad-as-conv.js';
import { patchGeometry } from './patches.js';

type Shape4 = [number, number, number, number];
type Pad = 'same' | 'valid' | ExplicitPadding;

const figures: string[] = [];
beforeAll(setupBackends);
afterAll(() => console.log(`Conv2DBackpropFilter wasm errors (rel = maxAbs / max|ref|):\n${figures.join('\n')}`));

function record(label: string, e: { maxAbs: number; rel: number }): void {
  figures.push(`  ${label}: maxAbs ${e.maxAbs.toExponential(2)}, rel ${e.rel.toExponential(2)}`);
}

/** Runs the kernel itself (both backends register one under this name). */
function filterGrad(x: tf.Tensor, dy: tf.Tensor, filterShape: Shape4, strides: number | [number, number], pad: Pad, extra = {}): tf.Tensor {
  const attrs = { strides, pad, dataFormat: 'NHWC', filterShape, ...extra };
  return tf.engine().runKernel('Conv2DBackpropFilter', { x, dy }, attrs as never) as tf.Tensor;
}

/** Seeded x and dy for a case; dy's shape is the forward conv's output. */
function inputs(xs: Shape4, ws: Shape4, stride: number | [number, number], pad: Pad, dilation = 1) {
  const c = convCase(xs, ws, stride as number, pad, dilation);
  const dyShape: Shape4 = [xs[0], c.outH, c.outW, ws[3]];
  return { c, x: seeded(xs.reduce((p, d) => p * d), 11), dy: seeded(dyShape.reduce((p, d) => p * d), 12), dyShape };
}

// [x, w, stride, pad]: strides 1 and 2, 'same' / 'valid' / explicit, batch > 1, channels 1, 3, 32, 64.
const cpuCases: [Shape4, Shape4, number | [number, number], Pad][] = [
  [[2, 14, 14, 32], [4, 4, 32, 64], 2, 'same'], // DCGAN D conv 2 (batch 2: the cpu kernel needs ~0.5 s per sample here)
  [[16, 28, 28, 1], [4, 4, 1, 32], 2, 'same'], // DCGAN D conv 1, full batch
  [[3, 9, 8, 3], [3, 3, 3, 5], 1, 'same'],
  [[2, 7, 6, 3], [2, 3, 3, 1], 1, 'valid'],
  [[2, 9, 9, 64], [3, 3, 64, 3], 2, 'valid'],
  [[4, 10, 10, 3], [5, 5, 3, 32], 2, 'same'],
  [[2, 9, 10, 2], [3, 3, 2, 3], [2, 1], 'same'],
  [[2, 8, 9, 3], [2, 2, 3, 4], 1, [[0, 0], [3, 1], [0, 2], [0, 0]]],
  // 8+ input channels and a stride: the dilated-conv path (filter-grad-as-conv.ts), but where it has no plan
  [[2, 11, 11, 8], [3, 3, 8, 4], 2, 'valid'], // trailing pad 0: dilated conv
  [[2, 10, 10, 8], [3, 3, 8, 4], 2, 'valid'], // trailing pad -1 (x's last row unused): im2col
  [[2, 9, 10, 8], [3, 3, 8, 3], [2, 1], 'same'], // strides differ: dilations [2, 1]
  [[2, 8, 9, 8], [2, 2, 8, 4], 2, [[0, 0], [3, 1], [0, 2], [0, 0]]],
  // outW >= kW * inC: cols^T written from channel-major x (prefersChannelMajorPatches)
  [[2, 12, 16, 2], [3, 3, 2, 3], 1, 'same'],
  [[2, 13, 17, 1], [4, 4, 1, 5], 2, 'same'],
  [[2, 10, 12, 2], [3, 3, 2, 2], [1, 2], [[0, 0], [2, 1], [3, 0], [0, 0]]], // pad 3 > kernel reach on the left
  [[3, 8, 20, 1], [1, 1, 1, 4], 1, 'valid'],
  [[2, 7, 9, 1], [2, 3, 1, 2], [2, 3], 'valid'],
];

/** Which path a case takes: cols^T from channel-major x, or im2col (the dilated conv is decided first). */
function channelMajor(xs: Shape4, ws: Shape4, stride: number | [number, number], pad: Pad): boolean {
  const info = tf.backend_util.computeConv2DInfo(xs, ws, stride, 1, pad as 'same', undefined, false, 'channelsLast');
  return planFilterGradConv(info) === undefined && prefersChannelMajorPatches(patchGeometry(info));
}

describe('Conv2DBackpropFilter on wasm', () => {
  test('the cases cover both patch layouts, and the rule picks channel-major only for few input channels', () => {
    const picks = cpuCases.map(([xs, ws, stride, pad]) => channelMajor(xs, ws, stride, pad));
    expect(picks.filter(Boolean).length).toBeGreaterThanOrEqual(5);
    expect(picks.filter((p) => !p).length).toBeGreaterThanOrEqual(5);
    expect(channelMajor([16, 32, 32, 8], [3, 3, 8, 8], 1, 'same')).toBe(true); // progressive's 32x32 block
    expect(channelMajor([16, 16, 16, 16], [3, 3, 16, 16], 1, 'same')).toBe(false);
  });

  test.each(cpuCases)('matches the cpu kernel and the float64 definition: x %j, w %j, stride %j, pad %j', async (xs, ws, stride, pad) => {
    const { c, x, dy, dyShape } = inputs(xs, ws, stride, pad);
    const run = () => filterGrad(tf.tensor(x, xs), tf.tensor(dy, dyShape), ws, stride, pad);
    const cpu = await valuesOn('cpu', run);
    const wasm = await valuesOn('wasm', run);
    const ref = backpropFilterRef(c, x, dy);
    const vsCpu = errorFigures(wasm, cpu);
    record(`x ${xs} w ${ws} s ${stride} ${JSON.stringify(pad)} vs cpu`, vsCpu);
    expect(vsCpu.rel).toBeLessThan(1e-4);
    expect(errorFigures(wasm, ref).rel).toBeLessThan(1e-4);
    expect(errorFigures(cpu, ref).rel).toBeLessThan(1e-4); // the reference agrees with tfjs's own kernel
  });

  test('DCGAN shape x [64,14,14,32], w [4,4,32,64], stride 2 same matches the float64 definition', async () => {
    const xs: Shape4 = [64, 14, 14, 32];
    const ws: Shape4 = [4, 4, 32, 64];
    const { c, x, dy, dyShape } = inputs(xs, ws, 2, 'same');
    const wasm = await valuesOn('wasm', () => filterGrad(tf.tensor(x, xs), tf.tensor(dy, dyShape), ws, 2, 'same'));
    const e = errorFigures(wasm, backpropFilterRef(c, x, dy));
    record('x 64,14,14,32 w 4,4,32,64 s 2 same vs float64 definition', e);
    expect(e.rel).toBeLessThan(1e-4);
  });

  test.each([
    [[2, 14, 14, 32], [4, 4, 32, 64], 2, 'same'],
    [[3, 9, 8, 3], [3, 3, 3, 5], 1, 'valid'],
  ] as [Shape4, Shape4, number, Pad][])('gradients: d/dw sum(conv2d(x, w) * r) on wasm equals tf.grad on cpu: x %j, w %j', async (xs, ws, stride, pad) => {
    const { x, dy: r, dyShape } = inputs(xs, ws, stride, pad);
    const w = seeded(ws.reduce((p, d) => p * d), 13);
    const grad = () =>
      tf.grad((wt: tf.Tensor) => tf.sum(tf.mul(tf.conv2d(tf.tensor(x, xs) as tf.Tensor4D, wt as tf.Tensor4D, stride, pad as 'same'), tf.tensor(r, dyShape))))(
        tf.tensor(w, ws),
      );
    const e = errorFigures(await valuesOn('wasm', grad), await valuesOn('cpu', grad));
    record(`tf.grad x ${xs} w ${ws} s ${stride} ${pad} vs cpu`, e);
    expect(e.rel).toBeLessThan(1e-4);
  });

  test('dilations 2 match the float64 definition (the cpu kernel has no dilations)', async () => {
    const xs: Shape4 = [2, 11, 10, 3];
    const ws: Shape4 = [3, 2, 3, 4];
    const { c, x, dy, dyShape } = inputs(xs, ws, 1, 'same', 2);
    const wasm = await valuesOn('wasm', () => filterGrad(tf.tensor(x, xs), tf.tensor(dy, dyShape), ws, 1, 'same', { dilations: 2 }));
    const e = errorFigures(wasm, backpropFilterRef(c, x, dy));
    record('dilation 2 vs float64 definition', e);
    expect(e.rel).toBeLessThan(1e-4);
  });

  test.each([
    [[2, 9, 8, 3], [3, 3, 3, 4]],
    [[2, 9, 12, 1], [3, 3, 1, 4]], // channel-major patches
  ] as [Shape4, Shape4][])('NCHW gives the NHWC result: x %j, w %j', async (xs, ws) => {
    const { x, dy, dyShape } = inputs(xs, ws, 2, 'same');
    const nhwc = await valuesOn('wasm', () => filterGrad(tf.tensor(x, xs), tf.tensor(dy, dyShape), ws, 2, 'same'));
    const nchw = await valuesOn('wasm', () => {
      const attrs = { strides: 2, pad: 'same', dataFormat: 'NCHW', filterShape: ws };
      const inputsNchw = { x: tf.transpose(tf.tensor(x, xs), [0, 3, 1, 2]), dy: tf.transpose(tf.tensor(dy, dyShape), [0, 3, 1, 2]) };
      return tf.engine().runKernel('Conv2DBackpropFilter', inputsNchw, attrs as never) as tf.Tensor;
    });
    expect(errorFigures(nchw, nhwc).rel).toBeLessThan(1e-6);
  });

  test.each([
    [[2, 14, 14, 32], [4, 4, 32, 64]],
    [[2, 14, 14, 1], [4, 4, 1, 8]], // channel-major patches
  ] as [Shape4, Shape4][])('frees every intermediate (wasm data ids and engine tensors unchanged): x %j, w %j', async (xs, ws) => {
    await tf.setBackend('wasm');
    const x = tf.tensor(seeded(xs.reduce((p, d) => p * d), 1), xs);
    const dy = tf.tensor(seeded(xs[0] * 7 * 7 * ws[3], 2), [xs[0], 7, 7, ws[3]]);
    const ids = tf.backend().numDataIds();
    const tensors = tf.memory().numTensors;
    filterGrad(x, dy, ws, 2, 'same').dispose();
    expect(tf.backend().numDataIds()).toBe(ids);
    expect(tf.memory().numTensors).toBe(tensors);
    tf.dispose([x, dy]);
  });
});
