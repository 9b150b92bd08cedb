import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, test } from 'vitest';
import { setupBackends } from './test-helpers.js';
import { heapF32, offset32, padRows, transpose2d, transposeFriendlyRows, type WasmBackendLike } from './wasm-backend.js';

beforeAll(setupBackends);

describe('wasm-backend helpers', () => {
  test('transposeFriendlyRows: the next count >= rows that is 16 mod 32', () => {
    for (const [rows, expected] of [[4096, 4112], [3136, 3152], [16, 16], [17, 48], [1, 16], [12559, 12560]]) {
      expect(transposeFriendlyRows(rows)).toBe(expected);
    }
  });

  test('padRows copies the rows and zero-fills the rest; transpose2d transposes', async () => {
    await tf.setBackend('wasm');
    const backend = tf.backend() as unknown as WasmBackendLike;
    const a = tf.tensor2d([1, 2, 3, 4, 5, 6], [2, 3]);
    const padded = padRows(backend, a, 2, 3, 4); // [[1,2,3],[4,5,6],[0,0,0],[0,0,0]]
    const t = transpose2d(backend, padded, 4, 3); // [[1,4,0,0],[2,5,0,0],[3,6,0,0]]
    const heap = heapF32(backend);
    const read = (info: tf.TensorInfo, n: number) => Array.from(heap.subarray(offset32(backend, info), offset32(backend, info) + n));
    expect(read(padded, 12)).toEqual([1, 2, 3, 4, 5, 6, 0, 0, 0, 0, 0, 0]);
    expect(t.shape).toEqual([3, 4]);
    expect(read(t, 12)).toEqual([1, 4, 0, 0, 2, 5, 0, 0, 3, 6, 0, 0]);
    backend.disposeData(padded.dataId);
    backend.disposeData(t.dataId);
    a.dispose();
  });
});
