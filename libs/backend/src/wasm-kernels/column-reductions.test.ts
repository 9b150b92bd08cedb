/**
 * Our wasm `Sum` and `Mean` over any axes but the innermost (assembly/reduce.ts: column sums for
 * leading axes, offset tables otherwise) against a float64 reduction written from the definition
 * and against the cpu backend; the shapes they leave to the built-ins give the built-ins' values;
 * both builds; nothing leaked.
 */
import * as tf from '@tensorflow/tfjs-core';
import { afterEach, beforeAll, describe, expect, test } from 'vitest';
import { useGemm, type GemmVariant } from './gemm-module.js';
import { isWasmTrainingKernel } from './register.js';
import { leadingAxes } from './column-reductions.js';
import { seeded, setupBackends, valuesOn } from './test-helpers.js';

beforeAll(setupBackends);
afterEach(() => useGemm('ours'));

/** sum over the leading `r` axes in float64, and the sum of |x| per column (the error's scale). */
function columnSumsRef(x: Float32Array, rows: number, cols: number): { sums: Float64Array; scale: Float64Array } {
  const [sums, scale] = [new Float64Array(cols), new Float64Array(cols)];
  for (let r = 0; r < rows; r++)
    for (let j = 0; j < cols; j++) {
      sums[j] += x[r * cols + j];
      scale[j] += Math.abs(x[r * cols + j]);
    }
  return { sums, scale };
}

/** sum over `axes` (any, the result in row-major order of the kept axes) in float64, and the sum of |x| per output. */
function reductionRef(x: Float32Array, shape: number[], axes: number[]): { sums: Float64Array; scale: Float64Array } {
  const kept = shape.map((_, d) => d).filter((d) => !axes.includes(d));
  const outShape = kept.map((d) => shape[d]);
  const [sums, scale] = [new Float64Array(outShape.reduce((p, d) => p * d, 1)), new Float64Array(outShape.reduce((p, d) => p * d, 1))];
  const index = new Array(shape.length).fill(0);
  for (let i = 0; i < x.length; i++) {
    let rest = i;
    for (let d = shape.length - 1; d >= 0; d--) {
      index[d] = rest % shape[d];
      rest = Math.floor(rest / shape[d]);
    }
    const o = kept.reduce((acc, d) => acc * shape[d] + index[d], 0);
    sums[o] += x[i];
    scale[o] += Math.abs(x[i]);
  }
  return { sums, scale };
}

/** max over columns of |ours - exact| / sum |x| (a sum's rounding error scales with sum |x|, not |sum|). */
function worstError(ours: Float32Array, ref: { sums: Float64Array; scale: Float64Array }): number {
  expect(ours.length).toBe(ref.sums.length);
  return Math.max(...Array.from(ours, (v, j) => Math.abs(v - ref.sums[j]) / Math.max(ref.scale[j], 1e-30)));
}

describe('leadingAxes', () => {
  test('a leading run of axes, in any order or negative, is a column sum; anything else is not', () => {
    expect(leadingAxes([0, 1, 2], 4)).toBe(3);
    expect(leadingAxes([1, 0], 3)).toBe(2);
    expect(leadingAxes(-3, 3)).toBe(1);
    expect(leadingAxes(0, 1)).toBeUndefined(); // every axis
    expect(leadingAxes([1], 3)).toBeUndefined();
    expect(leadingAxes([0, 2], 3)).toBeUndefined();
  });
});

describe.each<GemmVariant>(['relaxed-simd', 'simd'])('Sum on our %s build', (variant) => {
  // [shape, axes]: the bias gradients of the reference DCGAN and of ring8's MLP, column counts
  // around the 16-wide panel and the 4-wide vector (tails of 1-3), rows across the 256-row blocks.
  const cases: [number[], number[]][] = [
    [[64, 14, 14, 32], [0, 1, 2]],
    [[256, 512], [0]],
    [[1000, 13], [0]],
    [[3, 5, 7], [0, 1]],
    [[257, 1], [0]],
    [[2, 3, 4, 21], [0]],
    [[600, 18], [0]],
  ];
  test.each(cases.flatMap(([shape, axes]) => (['sum', 'mean'] as const).map((op) => [op, shape, axes] as const)))('%s of shape %j over axes %j: the float64 value within 1e-6 of sum |x| (/ rows), and cpu', async (op, shape, axes) => {
    useGemm(variant);
    const n = shape.reduce((p, d) => p * d, 1);
    const x = seeded(n, 7 + n % 97).map((v) => v + 0.25); // a nonzero mean, so the sums grow with the rows
    const run = () => tf[op](tf.tensor(x, shape), axes);
    const ours = await valuesOn('wasm', run);
    expect(isWasmTrainingKernel(op === 'sum' ? 'Sum' : 'Mean')).toBe(true);
    const rows = shape.slice(0, axes.length).reduce((p, d) => p * d, 1);
    const { sums, scale } = columnSumsRef(x, rows, n / rows);
    const ref = op === 'sum' ? { sums, scale } : { sums: sums.map((v) => v / rows), scale: scale.map((v) => v / rows) };
    expect(worstError(ours, ref)).toBeLessThan(1e-6);
    const cpu = await valuesOn('cpu', run);
    expect(worstError(cpu, ref)).toBeLessThan(1e-5); // cpu sums sequentially: looser
  });

  // [shape, axes] with the innermost axis kept and the others anywhere: progressive's 2x2 average
  // pooling (axes 2 and 4 of [b, h/2, 2, w/2, 2, c]), a middle axis, split groups, runs under 4 floats.
  const gathered: [number[], number[]][] = [
    [[16, 16, 2, 16, 2, 16], [2, 4]],
    [[4, 6, 5], [1]],
    [[3, 4, 5, 6], [0, 2]],
    [[2, 3, 4, 5], [1, 2]],
    [[7, 1, 9], [1]],
    [[5, 3, 2, 2, 3], [1, 3]],
  ];
  test.each(gathered.flatMap(([shape, axes]) => (['sum', 'mean'] as const).map((op) => [op, shape, axes] as const)))('%s of shape %j over axes %j: the float64 value within 1e-6 of sum |x| (/ count), and cpu', async (op, shape, axes) => {
    useGemm(variant);
    const n = shape.reduce((p, d) => p * d, 1);
    const x = seeded(n, 9 + n % 89).map((v) => v + 0.25);
    const run = () => tf[op](tf.tensor(x, shape), axes);
    const ours = await valuesOn('wasm', run);
    const count = axes.reduce((p, d) => p * shape[d], 1);
    const { sums, scale } = reductionRef(x, shape, axes);
    const ref = op === 'sum' ? { sums, scale } : { sums: sums.map((v) => v / count), scale: scale.map((v) => v / count) };
    expect(worstError(ours, ref)).toBeLessThan(1e-6);
    expect(worstError(await valuesOn('cpu', run), ref)).toBeLessThan(1e-5);
    useGemm('xnnpack'); // the built-in: transpose, then sum in the same order as ours
    expect(worstError(await valuesOn('wasm', run), ref)).toBeLessThan(1e-6);
  });

  test('keepDims keeps the reduced axes as ones', async () => {
    useGemm(variant);
    await tf.setBackend('wasm');
    for (const op of ['sum', 'mean'] as const) {
      const y = tf.tidy(() => tf[op](tf.tensor(seeded(2 * 3 * 4, 3), [2, 3, 4]), [0, 1], true));
      expect(y.shape).toEqual([1, 1, 4]);
      const z = tf.tidy(() => tf[op](tf.tensor(seeded(2 * 3 * 4 * 5, 3), [2, 3, 4, 5]), [1, 2], true));
      expect(z.shape).toEqual([2, 1, 1, 5]);
      tf.dispose([y, z]);
    }
  });
});

describe('Sum and Mean left to the built-ins', () => {
  test.each([
    ['trailing axes', [4, 6, 5], [2]],
    ['the innermost and another', [4, 6, 5], [0, 2]],
    ['every axis', [4, 6, 5], [0, 1, 2]],
  ] as const)('%s: the same values as cpu', async (_label, shape, axes) => {
    const x = seeded(4 * 6 * 5, 5);
    for (const op of ['sum', 'mean'] as const) {
      const run = () => tf[op](tf.tensor(x, [...shape]), [...axes]);
      const ref = await valuesOn('cpu', run);
      const ours = await valuesOn('wasm', run);
      expect(Array.from(ours, (v, i) => Math.abs(v - ref[i])).every((d) => d < 1e-5)).toBe(true);
    }
  });

  test('int32 and STABLEGEN_GEMM=xnnpack go to the built-ins with exact integer sums / the same values', async () => {
    const ints = await valuesOn('wasm', () => tf.sum(tf.tensor([[1, 2], [3, 4], [5, 6]], [3, 2], 'int32'), 0));
    expect(Array.from(ints)).toEqual([9, 12]);
    const intMean = await valuesOn('wasm', () => tf.mean(tf.tensor([[1, 2], [3, 4], [5, 7]], [3, 2], 'int32'), 0));
    expect(Array.from(intMean)).toEqual([3, 13 / 3].map(Math.fround));
    const x = seeded(40 * 8, 9);
    const ours = await valuesOn('wasm', () => tf.sum(tf.tensor(x, [40, 8]), 0));
    useGemm('xnnpack');
    const builtin = await valuesOn('wasm', () => tf.sum(tf.tensor(x, [40, 8]), 0));
    expect(worstError(builtin, columnSumsRef(x, 40, 8))).toBeLessThan(1e-5);
    expect(worstError(ours, columnSumsRef(x, 40, 8))).toBeLessThan(1e-6);
  });

  test('leaks no buffers or tensors', async () => {
    await tf.setBackend('wasm');
    const x = tf.tensor(seeded(30 * 20, 11), [30, 20]);
    const before = [tf.backend().numDataIds(), tf.memory().numTensors];
    tf.tidy(() => {
      tf.sum(x, 0);
      tf.sum(x, 1);
      tf.sum(x, 0, true);
      tf.mean(x, 0);
      tf.mean(tf.reshape(x, [5, 6, 4, 5]), [1, 2]);
    });
    expect([tf.backend().numDataIds(), tf.memory().numTensors]).toEqual(before);
    x.dispose();
  });
});
