import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { DataError } from '../errors.js';
import type { Batch, InMemoryDataset } from '../in-memory.js';
import { disposeBatch, iterateBatches, makeBatchDataset, type PipelineOptions } from './tfjs-pipeline.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** n examples whose x row is [i, -i] and label is i, so a batch's rows can be identified. */
function indexed(n: number): InMemoryDataset {
  return {
    x: { data: Float32Array.from({ length: 2 * n }, (_, k) => (k % 2 === 0 ? k / 2 : -(k - 1) / 2)), shape: [n, 2] },
    y: { data: Int32Array.from({ length: n }, (_, i) => i), shape: [n] },
  };
}

/** Labels of each batch, after checking every row's x against its label; disposes the batches. */
async function labels(data: InMemoryDataset, opts: PipelineOptions, maxBatches = Infinity): Promise<number[][]> {
  const out: number[][] = [];
  for await (const b of iterateBatches(makeBatchDataset(data, opts), maxBatches)) {
    const y = Array.from(b.y?.dataSync() ?? []);
    expect(Array.from(b.x.dataSync())).toEqual(y.flatMap((i) => [i, -i]));
    out.push(y);
    disposeBatch(b);
  }
  return out;
}

const sorted = (a: number[]): number[] => [...a].sort((p, q) => p - q);
const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);

describe('makeBatchDataset', () => {
  it('basic: batch shapes and dtypes; one epoch visits every example once', async () => {
    const ds = makeBatchDataset(indexed(10), { batchSize: 4, seed: 1 });
    const shapes: number[][] = [];
    for await (const b of iterateBatches(ds)) {
      shapes.push(b.x.shape, (b.y as tf.Tensor).shape);
      expect([b.x.dtype, b.y?.dtype]).toEqual(['float32', 'int32']);
      disposeBatch(b);
    }
    expect(shapes).toEqual([[4, 2], [4], [4, 2], [4], [2, 2], [2]]);
    expect(sorted((await labels(indexed(10), { batchSize: 4, seed: 1 })).flat())).toEqual(range(10));
  });

  it('drops the last small batch when asked', async () => {
    const batches = await labels(indexed(10), { batchSize: 4, seed: 1, dropRemainder: true });
    expect(batches.map((b) => b.length)).toEqual([4, 4]);
  });

  it('same seed gives the same order, another seed another order', async () => {
    const a = await labels(indexed(50), { batchSize: 10, seed: 5 });
    expect(await labels(indexed(50), { batchSize: 10, seed: 5 })).toEqual(a);
    expect(await labels(indexed(50), { batchSize: 10, seed: 6 })).not.toEqual(a);
    // Shuffled at all: the identity order has probability 1/50!.
    expect(a.flat()).not.toEqual(range(50));
    expect((await labels(indexed(50), { batchSize: 10, shuffle: false })).flat()).toEqual(range(50));
  });

  it('repeat: never ends, reshuffles each epoch, each epoch a permutation', async () => {
    const batches = await labels(indexed(12), { batchSize: 4, seed: 3, repeat: true }, 9); // 3 epochs
    const epochs = [0, 1, 2].map((e) => batches.slice(3 * e, 3 * e + 3).flat());
    for (const e of epochs) expect(sorted(e)).toEqual(range(12));
    expect(epochs[1]).not.toEqual(epochs[0]);
    expect(await labels(indexed(12), { batchSize: 4, seed: 3, repeat: true }, 9)).toEqual(batches);
  });

  it('batches without labels have no y', async () => {
    const data = { x: indexed(6).x };
    for await (const b of iterateBatches(makeBatchDataset(data, { batchSize: 3 }))) {
      expect(b.y).toBeUndefined();
      disposeBatch(b);
    }
  });

  it('does not leak tensors: the count is flat after iterating and disposing', async () => {
    const before = tf.memory().numTensors;
    const seen: Batch[] = [];
    for await (const b of iterateBatches(makeBatchDataset(indexed(64), { batchSize: 8, seed: 1, repeat: true }), 20)) {
      seen.push(b);
      disposeBatch(b);
    }
    expect(seen).toHaveLength(20);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('throws when the batch size is larger than the dataset', () => {
    const err = (() => {
      try {
        makeBatchDataset(indexed(10), { batchSize: 11 });
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(DataError);
    expect((err as DataError).code).toBe('batch-too-large');
    expect((err as DataError).message).toBe(
      'batch size 11 is larger than the dataset (10 examples). Use a batch size <= 10, or a larger dataset.',
    );
  });
});
