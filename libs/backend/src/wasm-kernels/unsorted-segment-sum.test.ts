import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { errorFigures, seeded, setupBackends, valuesOn } from './test-helpers.js';

const figures: string[] = [];
beforeAll(setupBackends);
afterAll(() => console.log(`UnsortedSegmentSum wasm errors:\n${figures.join('\n')}`));

/** TensorFlow's definition in float64: out[s, j] = sum of x[i, j] over i with ids[i] == s (ids outside [0, n) dropped). */
function segmentSumRef(x: ArrayLike<number>, ids: number[], numSegments: number): Float64Array {
  const inner = x.length / ids.length;
  const out = new Float64Array(numSegments * inner);
  ids.forEach((s, i) => {
    if (s < 0 || s >= numSegments) return;
    for (let j = 0; j < inner; j++) out[s * inner + j] += x[i * inner + j];
  });
  return out;
}

function segmentSum(x: tf.Tensor, ids: tf.Tensor, numSegments: number): tf.Tensor {
  return tf.engine().runKernel('UnsortedSegmentSum', { x, segmentIds: ids }, { numSegments }) as tf.Tensor;
}

describe('UnsortedSegmentSum on wasm', () => {
  // ids repeat (2, 0) and fall outside [0, 4) (5, -1, 4): those rows are dropped, as on cpu.
  const ids = [2, 0, 2, 5, -1, 1, 0, 4];
  test.each([
    ['rank 1', [8]],
    ['rank 2', [8, 3]],
    ['rank 4', [8, 2, 3, 2]],
  ] as [string, number[]][])('basic, %s x: repeated and out-of-range ids match cpu and the definition', async (_r, shape) => {
    const x = seeded(shape.reduce((p, d) => p * d), 31);
    const run = () => tf.unsortedSegmentSum(tf.tensor(x, shape), tf.tensor1d(ids, 'int32'), 4);
    const wasm = await valuesOn('wasm', run);
    const e = errorFigures(wasm, await valuesOn('cpu', run));
    figures.push(`  x ${shape} vs cpu: maxAbs ${e.maxAbs.toExponential(2)}, rel ${e.rel.toExponential(2)}`);
    expect(e.rel).toBeLessThan(1e-6);
    expect(errorFigures(wasm, segmentSumRef(x, ids, 4)).rel).toBeLessThan(1e-6);
  });

  test('int32 x sums exactly', async () => {
    await tf.setBackend('wasm');
    const x = [1, -2, 3, 4, 5, 6, 7, 8];
    const out = segmentSum(tf.tensor1d(x, 'int32'), tf.tensor1d(ids, 'int32'), 4);
    expect(out.dtype).toBe('int32');
    expect(Array.from(out.dataSync())).toEqual(Array.from(segmentSumRef(x, ids, 4))); // [-2+7, 6, 1+3, 0]
    out.dispose();
  });

  test('ids of rank 2 sum over both leading axes (TensorFlow semantics)', async () => {
    await tf.setBackend('wasm');
    const x = seeded(2 * 4 * 3, 32);
    const ids2 = [0, 1, 1, 2, 2, 2, 0, 3];
    const out = segmentSum(tf.tensor(x, [2, 4, 3]), tf.tensor2d(ids2, [2, 4], 'int32'), 3);
    expect(out.shape).toEqual([3, 3]);
    expect(errorFigures(out.dataSync(), segmentSumRef(x, ids2, 3)).rel).toBeLessThan(1e-6);
    out.dispose();
  });

  test('throws when the ids shape is not a prefix of x shape', async () => {
    await tf.setBackend('wasm');
    const x = tf.zeros([4, 3]);
    const bad = tf.tensor1d([0, 1, 2], 'int32');
    expect(() => segmentSum(x, bad, 3)).toThrow(/must be a prefix of x shape/);
    tf.dispose([x, bad]);
  });

  test.each([0, 1])('gradients: embedding lookup tf.gather(table, ids, %i) differentiates on wasm as on cpu', async (axis) => {
    const table = seeded(10 * 6, 33);
    const tableShape = axis === 0 ? [10, 6] : [6, 10];
    const lookups = [3, 7, 3, 0, 9, 3, 1, 7];
    const r = seeded(8 * 6, 34);
    const grad = () =>
      tf.grad((t: tf.Tensor) => {
        const rows = tf.gather(t, tf.tensor1d(lookups, 'int32'), axis); // [8, 6] or [6, 8]
        return tf.sum(tf.mul(rows, tf.tensor(r, rows.shape)));
      })(tf.tensor(table, tableShape));
    const wasm = await valuesOn('wasm', grad);
    const e = errorFigures(wasm, await valuesOn('cpu', grad));
    figures.push(`  gather axis ${axis} gradient vs cpu: maxAbs ${e.maxAbs.toExponential(2)}, rel ${e.rel.toExponential(2)}`);
    expect(e.rel).toBeLessThan(1e-6);
    if (axis === 0) expect(errorFigures(wasm, segmentSumRef(r, lookups, 10)).rel).toBeLessThan(1e-6); // d/dtable[s] = sum of r rows looked up at s
  });

  test('leaves wasm memory and the tensor count as they were once the output is disposed', async () => {
    await tf.setBackend('wasm');
    const x = tf.ones([8, 3]);
    const idsT = tf.tensor1d(ids, 'int32');
    const before = [tf.backend().numDataIds(), tf.memory().numTensors];
    segmentSum(x, idsT, 4).dispose();
    expect([tf.backend().numDataIds(), tf.memory().numTensors]).toEqual(before);
    tf.dispose([x, idsT]);
  });
});
