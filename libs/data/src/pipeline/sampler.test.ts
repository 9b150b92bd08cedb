import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import type { InMemoryDataset } from '../in-memory.js';
import { createSampler } from './sampler.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const data = (n: number): InMemoryDataset => ({
  x: { data: Float32Array.from({ length: n * 3 }, (_, k) => Math.floor(k / 3) * 10 + (k % 3)), shape: [n, 3] },
  y: { data: Int32Array.from({ length: n }, (_, i) => i), shape: [n] },
});

describe('createSampler', () => {
  it('basic: each epoch serves floor(n / batch) disjoint batches', () => {
    const s = createSampler(data(10), { batchSize: 3, seed: 1 });
    expect(s.batchesPerEpoch).toBe(3);
    for (let epoch = 0; epoch < 3; epoch++) {
      const idx = [0, 1, 2].flatMap(() => Array.from(s.nextIndices()));
      expect(new Set(idx).size).toBe(9);
      expect(idx.every((i) => i >= 0 && i < 10)).toBe(true);
    }
    expect(s.state()).toEqual({ seed: 1, epoch: 2, offset: 9 });
  });

  it('reports its position and resumes from it with the same batches', () => {
    const a = createSampler(data(10), { batchSize: 3, seed: 4 });
    const first = [0, 1, 2, 3].map(() => Array.from(a.nextIndices()));
    const saved = a.state();
    expect(saved).toEqual({ seed: 4, epoch: 1, offset: 3 }); // 4th batch opened epoch 1
    const rest = [0, 1, 2, 3, 4].map(() => Array.from(a.nextIndices()));
    const b = createSampler(data(10), { batchSize: 3, state: saved });
    expect([0, 1, 2, 3, 4].map(() => Array.from(b.nextIndices()))).toEqual(rest);
    // Resuming at the very end of an epoch works too.
    const c = createSampler(data(10), { batchSize: 3, seed: 4 });
    [0, 1, 2].forEach(() => c.nextIndices());
    const d = createSampler(data(10), { batchSize: 3, state: c.state() });
    expect(Array.from(d.nextIndices())).toEqual(first[3]);
  });

  it('is seeded: epochs differ, seeds differ, same seed repeats', () => {
    const run = (seed: number) => {
      const s = createSampler(data(20), { batchSize: 20, seed });
      return [Array.from(s.nextIndices()), Array.from(s.nextIndices())];
    };
    const [e0, e1] = run(9);
    expect(e1).not.toEqual(e0);
    expect(run(9)).toEqual([e0, e1]);
    expect(run(10)[0]).not.toEqual(e0);
  });

  it('next() gathers the rows of nextIndices() as tensors without leaking', () => {
    const before = tf.memory().numTensors;
    const a = createSampler(data(10), { batchSize: 4, seed: 2 });
    const b = createSampler(data(10), { batchSize: 4, seed: 2 });
    const idx = Array.from(a.nextIndices());
    const batch = b.next();
    expect(batch.x.shape).toEqual([4, 3]);
    expect(Array.from(batch.y?.dataSync() ?? [])).toEqual(idx);
    expect(Array.from(batch.x.dataSync())).toEqual(idx.flatMap((i) => [10 * i, 10 * i + 1, 10 * i + 2]));
    batch.x.dispose();
    batch.y?.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('throws when the batch is larger than the dataset or the state does not fit', () => {
    expect(() => createSampler(data(5), { batchSize: 6 })).toThrow(/batch size 6 is larger than the dataset \(5 examples\)/);
    expect(() => createSampler(data(10), { batchSize: 3, state: { seed: 0, epoch: 0, offset: 4 } })).toThrow(
      /saved offset 4 does not fit batch size 3/,
    );
  });
});
