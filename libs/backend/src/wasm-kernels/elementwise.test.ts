/**
 * Our wasm LeakyRelu, Tanh, row-broadcast Add / Multiply and FusedBatchNorm (assembly/elementwise.ts)
 * against their definitions (Math.tanh for tanh, float64 for batch norm), the wasm built-ins and the
 * cpu backend: LeakyRelu, Add and Multiply bit-exact, tanh within 4 float32 ulp, batch norm within
 * 1e-6 of its largest value; vector tails (lengths 1-3 past a multiple of 4); NaN, infinities, signed zero;
 * broadcasts they leave to the built-in; both builds; nothing leaked.
 */
import * as tf from '@tensorflow/tfjs-core';
import { afterEach, beforeAll, describe, expect, test } from 'vitest';
import { useGemm, type GemmVariant } from './gemm-module.js';
import { isWasmTrainingKernel } from './register.js';
import { seeded, setupBackends, valuesOn } from './test-helpers.js';

beforeAll(setupBackends);
afterEach(() => useGemm('ours'));

/** Distance in float32 units in the last place between a float32 value and an exact one. */
function ulps(actual: number, exact: number): number {
  if (Number.isNaN(exact)) return Number.isNaN(actual) ? 0 : Infinity;
  if (actual === exact) return 0;
  const e = Math.fround(exact);
  const ulp = Math.abs(Math.fround(e + Math.sign(e || 1) * 2 ** (Math.floor(Math.log2(Math.abs(e) || 2 ** -149)) - 23)) - e) || 2 ** -149;
  return Math.abs(actual - exact) / ulp;
}

/** Values that cover every branch: tiny, around tanh's switch at 0.5, large, special. */
function probes(n: number): Float32Array {
  const special = [0, -0, 1e-30, -1e-8, 0.4999999, 0.5, -0.5, 0.5000001, 1, -3, 9, 9.05, 9.99, 10.01, -1e4, Infinity, -Infinity, NaN];
  const spread = Array.from(seeded(n, 17), (v, i) => v * [0.01, 0.6, 3, 12][i % 4]);
  return Float32Array.from([...special, ...spread]);
}

describe.each<GemmVariant>(['relaxed-simd', 'simd'])('on our %s build', (variant) => {
  test.each([1, 2, 3, 4, 5, 1001])('tanh of %i + 18 values: within 4 ulp of Math.tanh, signs and specials kept', async (n) => {
    useGemm(variant);
    const x = probes(n);
    const ours = await valuesOn('wasm', () => tf.tanh(tf.tensor1d(x)));
    expect(isWasmTrainingKernel('Tanh')).toBe(true);
    const worst = Math.max(...Array.from(x, (v, i) => ulps(ours[i], Math.tanh(v))));
    expect(worst).toBeLessThanOrEqual(4);
    expect(Object.is(ours[1], -0)).toBe(true);
    expect([ours[11], ours[12], ours[13], ours[14], ours[15], ours[16]]).toEqual([1, 1, 1, -1, 1, -1]); // tanh rounds to +-1 from 9.02
    expect(Number.isNaN(ours[17])).toBe(true);
  });

  test.each([1, 3, 7, 1001])('leakyRelu of %i + 18 values: x > 0 ? x : 0.2 x exactly (float32 alpha, as the built-in)', async (n) => {
    useGemm(variant);
    const x = probes(n);
    const run = () => tf.leakyRelu(tf.tensor1d(x), 0.2);
    const ours = await valuesOn('wasm', run);
    expect(isWasmTrainingKernel('LeakyRelu')).toBe(true);
    expect(Array.from(ours)).toEqual(Array.from(x, (v) => Math.fround(v > 0 ? v : Math.fround(0.2) * v)));
    useGemm('xnnpack');
    expect(Array.from(ours)).toEqual(Array.from(await valuesOn('wasm', run)));
    // cpu multiplies by alpha in float64, then rounds: within one ulp.
    const cpu = await valuesOn('cpu', run);
    expect(Math.max(...Array.from(ours, (v, i) => ulps(v, cpu[i])))).toBeLessThanOrEqual(1);
  });

  test.each([
    [[16, 32, 32, 8], [8]],
    [[8], [3, 5, 8]],
    [[2, 3, 4, 6], [1, 4, 6]],
    [[64, 7], [1, 1, 7]],
    [[5, 13], [13]],
  ].flatMap(([as, bs]) => (['add', 'mul'] as const).map((op) => [op, as, bs] as const)))('%s of %j and %j: exact, broadcast shape, as cpu', async (op, as, bs) => {
    useGemm(variant);
    const [a, b] = [seeded(as.reduce((p, d) => p * d, 1), 3), seeded(bs.reduce((p, d) => p * d, 1), 4)];
    const run = () => tf[op](tf.tensor(a, as), tf.tensor(b, bs));
    await tf.setBackend('wasm');
    const shape = tf.tidy(() => run().shape);
    expect(shape).toEqual(tf.backend_util.assertAndGetBroadcastShape(as, bs));
    const ours = await valuesOn('wasm', run);
    expect(isWasmTrainingKernel(op === 'add' ? 'Add' : 'Multiply')).toBe(true);
    const cpu = await valuesOn('cpu', run);
    expect(Array.from(ours)).toEqual(Array.from(cpu));
    const cols = Math.min(a.length, b.length);
    const [full, row] = a.length >= b.length ? [a, b] : [b, a];
    expect(Array.from(ours)).toEqual(Array.from(full, (v, i) => Math.fround(op === 'add' ? v + row[i % cols] : v * row[i % cols])));
  });

  test.each<[number[], boolean, boolean]>([
    [[32, 14, 14, 32], true, true],
    [[2, 3, 7], true, false],
    [[5, 6], false, true],
    [[4, 1, 3, 9], false, false],
  ])('fusedBatchNorm of %j (scale %s, offset %s): the float64 definition within 1e-6, the built-in and cpu', async (shape, withScale, withOffset) => {
    useGemm(variant);
    const c = shape[shape.length - 1];
    const n = shape.reduce((p, d) => p * d, 1);
    const x = seeded(n, 21).map((v) => 3 * v + 1);
    const [mean, variance, scale, offset] = [seeded(c, 22), seeded(c, 23).map((v) => v * v + 0.1), seeded(c, 24), seeded(c, 25)];
    const run = () => tf.batchNorm(tf.tensor(x, shape), tf.tensor1d(mean), tf.tensor1d(variance), withOffset ? tf.tensor1d(offset) : undefined, withScale ? tf.tensor1d(scale) : undefined, 1e-3);
    const ours = await valuesOn('wasm', run);
    expect(isWasmTrainingKernel('FusedBatchNorm')).toBe(true);
    const ref = Array.from(x, (v, i) => {
      const j = i % c;
      return (v - mean[j]) * (withScale ? scale[j] : 1) / Math.sqrt(variance[j] + 1e-3) + (withOffset ? offset[j] : 0);
    });
    const scaleOf = ref.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
    const worst = (vals: Float32Array) => vals.reduce((m, v, i) => Math.max(m, Math.abs(v - ref[i])), 0) / scaleOf;
    expect(worst(ours)).toBeLessThan(1e-6);
    expect(worst(await valuesOn('cpu', run))).toBeLessThan(1e-6);
    useGemm('xnnpack');
    expect(worst(await valuesOn('wasm', run))).toBeLessThan(1e-6);
  });
});

describe('left to the built-ins', () => {
  test.each([
    ['same shapes', [4, 6], [4, 6]],
    ['a scalar', [4, 6], []],
    ['fewer than 4 columns', [10, 3], [3]],
    ['a column, not a row', [4, 6], [4, 1]],
    ['both broadcast', [4, 1], [1, 6]],
  ])('add and mul with %s: the same values as cpu', async (_label, as, bs) => {
    const [a, b] = [seeded(as.reduce((p, d) => p * d, 1), 5), seeded(bs.reduce((p, d) => p * d, 1), 6)];
    for (const op of ['add', 'mul'] as const) {
      const run = () => tf[op](tf.tensor(a, as), tf.tensor(b, bs));
      expect(Array.from(await valuesOn('wasm', run))).toEqual(Array.from(await valuesOn('cpu', run)));
    }
  });

  test('batch norm with a mean of the full shape goes to the built-in, same values as cpu', async () => {
    const x = seeded(4 * 6, 31);
    const m = seeded(4 * 6, 32);
    const run = () => tf.batchNorm(tf.tensor2d(x, [4, 6]), tf.tensor2d(m, [4, 6]), tf.onesLike(tf.tensor2d(m, [4, 6])));
    const [ours, cpu] = [await valuesOn('wasm', run), await valuesOn('cpu', run)];
    expect(Math.max(...Array.from(ours, (v, i) => Math.abs(v - cpu[i])))).toBeLessThan(1e-6);
  });

  test('int32 add and STABLEGEN_GEMM=xnnpack run the built-ins', async () => {
    const ints = await valuesOn('wasm', () => tf.add(tf.tensor2d([[1, 2, 3, 4], [5, 6, 7, 8]], [2, 4], 'int32'), tf.tensor1d([10, 20, 30, 40], 'int32')));
    expect(Array.from(ints)).toEqual([11, 22, 33, 44, 15, 26, 37, 48]);
    useGemm('xnnpack');
    const x = probes(40);
    const builtin = await valuesOn('wasm', () => tf.tanh(tf.tensor1d(x)));
    expect(Math.max(...Array.from(x, (v, i) => ulps(builtin[i], Math.tanh(v))))).toBeLessThanOrEqual(2);
  });

  test('leaks no buffers or tensors', async () => {
    await tf.setBackend('wasm');
    const x = tf.tensor2d(seeded(30 * 20, 11), [30, 20]);
    const b = tf.tensor1d(seeded(20, 12));
    const before = [tf.backend().numDataIds(), tf.memory().numTensors];
    tf.tidy(() => {
      tf.tanh(x);
      tf.leakyRelu(x, 0.1);
      tf.add(x, b);
      tf.add(b, x);
      tf.mul(x, b);
      tf.batchNorm(x, b, tf.onesLike(b));
    });
    expect([tf.backend().numDataIds(), tf.memory().numTensors]).toEqual(before);
    tf.dispose([x, b]);
  });
});
