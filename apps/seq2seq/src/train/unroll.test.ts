import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '@stablegen/backend';
import { createRng } from '@stablegen/random';
import { createTfSchedule } from '@stablegen/teacher-forcing';
import { beforeAll, describe, expect, it } from 'vitest';
import { greedyDecode } from '../decode/greedy.js';
import { disposeParams } from '../model/params.js';
import { randomBatch, tinyParams } from '../testing/tiny-model.js';
import { unrollDecoder } from './unroll.js';

beforeAll(async () => {
  await initBackend('cpu', { log: () => {} });
});

describe('unrollDecoder', () => {
  it('realised ground-truth rate matches eps_i of the schedule over many draws', () => {
    const p = tinyParams();
    const [batch, outLen] = [1000, 12]; // 10 choices per row: 10,000 coins per case
    const { x, y } = randomBatch(batch, 5, outLen, 1);
    const rng = createRng(7);
    const cases: Array<[string, Parameters<typeof createTfSchedule>[1], number]> = [
      ['inverse-sigmoid', { k: 100 }, 500], // 100 / (100 + e^5) = 0.40251
      ['linear', { c: 0.001 }, 800], // 1 - 0.8 = 0.2
      ['exponential', { k: 0.999 }, 100], // 0.999^100 = 0.90479
    ];
    for (const [name, params, i] of cases) {
      const eps = createTfSchedule(name, params)(i);
      const u = unrollDecoder(p, x, y, outLen, { eps, mode: 'greedy', rng });
      // Binomial sd sqrt(eps (1 - eps) / 10,000) <= 0.005: 0.02 is 4 sd.
      expect(Math.abs(u.groundTruthRate - eps)).toBeLessThan(0.02);
      u.logits.dispose();
    }
    x.dispose();
    disposeParams(p);
  });

  it('eps = 1 is teacher forcing: rate 1 and no coins drawn', () => {
    const p = tinyParams();
    const { x, y } = randomBatch(4, 5, 7, 2);
    const rng = createRng(1);
    const before = rng.state();
    const u = unrollDecoder(p, x, y, 7, { eps: 1, mode: 'greedy', rng });
    expect(u.groundTruthRate).toBe(1);
    expect(u.logits.shape).toEqual([6, 4, 8]); // [L - 1, batch, V]
    expect(rng.state()).toEqual(before);
    tf.dispose([u.logits, x]);
    disposeParams(p);
  });

  it('eps = 0 in greedy mode runs free: its argmax tokens are greedy decoding', () => {
    const p = tinyParams(9);
    const { x, y } = randomBatch(16, 6, 8, 3);
    const u = unrollDecoder(p, x, y, 8, { eps: 0, mode: 'greedy', rng: createRng(4) });
    expect(u.groundTruthRate).toBe(0);
    const free = tf.tidy(() => tf.transpose(tf.argMax(u.logits, 2)).dataSync()); // [batch, L - 1]
    expect(Array.from(free)).toEqual(Array.from(greedyDecode(p, x, 7)));
    tf.dispose([u.logits, x]);
    disposeParams(p);
  });

  it('does not leak tensors', () => {
    const p = tinyParams();
    const { x, y } = randomBatch(4, 5, 7, 2);
    const before = tf.memory().numTensors;
    const u = unrollDecoder(p, x, y, 7, { eps: 0.5, mode: 'sampled', rng: createRng(3) });
    expect(tf.memory().numTensors).toBe(before + 1);
    tf.dispose([u.logits, x]);
    disposeParams(p);
  });
});
