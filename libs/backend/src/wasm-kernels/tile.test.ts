import * as tf from '@tensorflow/tfjs-core';
import { createRng } from '@stablegen/random';
import { beforeAll, describe, expect, it } from 'vitest';
import { isWasmTrainingKernel } from './register.js';
import { seeded, setupBackends, valuesOn } from './test-helpers.js';
import { tileInto } from './tile.js';

/** tile by its definition: out[i] = x[i_d mod shape_d for every axis d]. */
function tileRef(x: Float32Array, shape: number[], reps: number[]): Float32Array {
  const outShape = shape.map((s, d) => s * reps[d]);
  const n = outShape.reduce((p, s) => p * s, 1);
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    let rest = i;
    let src = 0;
    let stride = 1;
    for (let d = shape.length - 1; d >= 0; d--) {
      src += (rest % outShape[d] % shape[d]) * stride;
      rest = Math.floor(rest / outShape[d]);
      stride *= shape[d];
    }
    out[i] = x[src];
  }
  return out;
}

/** Runs tileInto on one array holding x at 3 and the output after it, as in the wasm heap. */
function tiled(x: Float32Array, shape: number[], reps: number[]): Float32Array {
  const n = shape.reduce((p, s, d) => p * s * reps[d], 1);
  const heap = new Float32Array(3 + x.length + n + 2).fill(-7);
  heap.set(x, 3);
  tileInto(heap, 3, 3 + x.length, shape, reps);
  expect(heap[3 + x.length + n]).toBe(-7); // nothing written past the output
  return heap.slice(3 + x.length, 3 + x.length + n);
}

describe('tileInto', () => {
  it.each([
    [[1, 1, 1, 32], [32, 14, 14, 1]], // batch norm's gradient on the gan generator
    [[1, 64], [256, 1]],
    [[3], [4]],
    [[2, 3], [1, 1]],
    [[2, 3], [3, 2]],
    [[2, 1, 3], [2, 5, 1]],
    [[2, 3, 2, 2], [2, 1, 3, 2]],
    [[1, 2, 1, 3, 2], [3, 1, 2, 2, 3]],
  ])('x %j, reps %j: as the definition gives it', (shape, reps) => {
    const x = seeded(shape.reduce((p, s) => p * s, 1), 5);
    expect(tiled(x, shape, reps)).toEqual(tileRef(x, shape, reps));
  });

  it('random shapes and reps of rank 1-5', () => {
    const rng = createRng(9);
    for (let t = 0; t < 200; t++) {
      const rank = 1 + rng.int(5);
      const shape = Array.from({ length: rank }, () => 1 + rng.int(4));
      const reps = Array.from({ length: rank }, () => 1 + rng.int(4));
      const x = seeded(shape.reduce((p, s) => p * s, 1), t);
      expect(tiled(x, shape, reps)).toEqual(tileRef(x, shape, reps));
    }
  });

  it('a scalar is copied; int32 bit patterns that are NaN as float32 survive', () => {
    expect(tiled(Float32Array.of(2.5), [], [])).toEqual(Float32Array.of(2.5));
    const ints = Int32Array.of(-1, 2147483647, -8388609, 0); // -1 and 0x7fffffff are NaN when read as float32
    const heap = new Int32Array(12);
    heap.set(ints, 0);
    tileInto(heap, 0, 4, [4], [2]);
    expect(Array.from(heap.slice(4))).toEqual([...ints, ...ints]);
  });
});

describe('Tile on wasm', () => {
  beforeAll(setupBackends);

  it('is ours, and matches the cpu kernel for float32 and int32; bool goes to the built-in', async () => {
    expect(isWasmTrainingKernel('Tile')).toBe(true);
    const shape = [2, 1, 3, 4];
    const reps = [3, 5, 2, 1];
    const x = seeded(24, 3);
    const f = () => tf.tile(tf.tensor(x, shape), reps);
    expect(await valuesOn('wasm', f)).toEqual(await valuesOn('cpu', f));
    const g = () => tf.tile(tf.tensor(Int32Array.from({ length: 24 }, (_, i) => i * 1000003 - 7), shape, 'int32'), reps);
    expect(await valuesOn('wasm', g)).toEqual(await valuesOn('cpu', g));
    const b = () => tf.cast(tf.tile(tf.tensor([true, false, true], [3, 1], 'bool'), [2, 2]), 'int32');
    expect(await valuesOn('wasm', b)).toEqual(Float32Array.of(1, 1, 0, 0, 1, 1, 1, 1, 0, 0, 1, 1));
  });

  it("batch norm's gradient (the Tile that made the gan step slow) equals the cpu backend's, leaking nothing", async () => {
    const grad = () => {
      const [x, scale, offset] = [tf.tensor(seeded(32 * 5 * 5 * 8, 1), [32, 5, 5, 8]), tf.tensor(seeded(8, 2)), tf.tensor(seeded(8, 3))];
      const mean = tf.mean(x, [0, 1, 2]);
      const variance = tf.moments(x, [0, 1, 2]).variance;
      return tf.grad((v: tf.Tensor) => tf.sum(tf.square(tf.batchNorm(v, mean, variance, offset, scale, 1e-3))))(x);
    };
    await tf.setBackend('wasm');
    const before = tf.memory().numTensors;
    const wasm = await valuesOn('wasm', grad);
    expect(tf.memory().numTensors).toBe(before);
    const cpu = await valuesOn('cpu', grad);
    const maxAbs = wasm.reduce((m, v, i) => Math.max(m, Math.abs(v - cpu[i])), 0);
    const scale = cpu.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
    expect(maxAbs / scale).toBeLessThan(1e-5);
  });
});
