import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '@stablegen/backend';
import { createRng } from '@stablegen/random';
import { beforeAll, describe, expect, it } from 'vitest';
import { chooseDecoderInputs } from './choose-inputs.js';
import { createTfSchedule } from './factory.js';

beforeAll(async () => {
  await initBackend('cpu', { log: () => {} });
});

/** Row-wise argmax in plain JS (first index on ties), independent of tf.argMax. */
function argmaxRows(data: Float32Array, batch: number, vocab: number): number[] {
  return Array.from({ length: batch }, (_, b) => {
    let best = 0;
    for (let v = 1; v < vocab; v++) if (data[b * vocab + v] > data[b * vocab + best]) best = v;
    return best;
  });
}

describe('chooseDecoderInputs', () => {
  it('realised ground-truth rate over 10,000 draws is within 0.01 of eps_i', () => {
    const n = 10_000;
    const logits = tf.zeros([n, 2]);
    const gt = new Int32Array(n).fill(1);
    const cases: Array<[string, Parameters<typeof createTfSchedule>[1], number, number]> = [
      ['constant', { eps: 0.05 }, 0, 0.05],
      ['linear', { c: 0.001 }, 700, 0.3], // 1 - 0.001 * 700
      ['inverse-sigmoid', { k: 10 }, 20, 0.57507434], // 10 / (10 + e^2) = 10 / 17.389056
      ['exponential', { k: 0.99 }, 10, 0.90438208], // 0.99^10
    ];
    const rng = createRng(2015);
    for (const [name, params, i, hand] of cases) {
      const eps = createTfSchedule(name, params)(i);
      expect(eps).toBeCloseTo(hand, 7);
      const { inputs, usedGroundTruth, groundTruthRate } = chooseDecoderInputs(gt, logits, eps, { mode: 'greedy', rng });
      // Binomial std sqrt(eps (1 - eps) / n) <= 0.005, so 0.01 is at least 2 std.
      expect(Math.abs(groundTruthRate - eps)).toBeLessThan(0.01);
      expect(groundTruthRate).toBe(usedGroundTruth.reduce((a, b) => a + b, 0) / n);
      inputs.dispose();
    }
    logits.dispose();
  });

  it('greedy mode feeds argmax where the coin says prediction, ground truth elsewhere', () => {
    const [batch, vocab] = [64, 7];
    const logits = tf.randomNormal([batch, vocab], 0, 1, 'float32', 9);
    const argmax = argmaxRows(logits.dataSync() as Float32Array, batch, vocab);
    const gt = Int32Array.from({ length: batch }, (_, b) => (b * 3) % vocab);
    const none = chooseDecoderInputs(gt, logits, 0, { mode: 'greedy', rng: createRng(1) });
    expect(Array.from(none.inputs.dataSync())).toEqual(argmax);
    expect(none.groundTruthRate).toBe(0);
    const all = chooseDecoderInputs(gt, logits, 1, { mode: 'greedy', rng: createRng(1) });
    expect(Array.from(all.inputs.dataSync())).toEqual(Array.from(gt));
    expect(all.groundTruthRate).toBe(1);
    const half = chooseDecoderInputs(gt, logits, 0.5, { mode: 'greedy', rng: createRng(1) });
    const got = half.inputs.dataSync();
    half.usedGroundTruth.forEach((m, b) => expect(got[b]).toBe(m ? gt[b] : argmax[b]));
    expect(half.groundTruthRate).toBeGreaterThan(0);
    expect(half.groundTruthRate).toBeLessThan(1);
    tf.dispose([logits, none.inputs, all.inputs, half.inputs]);
  });

  it('sampled mode: predictions follow softmax and ground truth follows the mask', () => {
    const n = 10_000;
    // Token 0 has probability 0 (exp underflow), so an input 0 can only be the ground truth.
    const row = [-1e30, 0.5, -0.5, 1.0];
    const e = row.map(Math.exp); // float64 softmax by hand over tokens 1..3
    const p = e.map((x) => x / (e[1] + e[2] + e[3])); // [0, 0.3072, 0.1130, 0.5065] (p[0] = 0)
    const logits = tf.tile(tf.tensor2d([row]), [n, 1]);
    const gt = tf.zeros([n], 'int32');
    const out = chooseDecoderInputs(gt, logits, 0.3, { mode: 'sampled', rng: createRng(77) });
    const got = out.inputs.dataSync();
    const counts = [0, 0, 0, 0];
    let predicted = 0;
    out.usedGroundTruth.forEach((m, b) => {
      expect(got[b] === 0).toBe(m === 1);
      if (!m) { counts[got[b]] += 1; predicted += 1; }
    });
    for (let v = 1; v < 4; v++) expect(Math.abs(counts[v] / predicted - p[v])).toBeLessThan(0.02);
    expect(Math.abs(out.groundTruthRate - 0.3)).toBeLessThan(0.01);
    tf.dispose([logits, gt, out.inputs]);
  });

  it('same seed gives the same choices; another seed does not', () => {
    const logits = tf.randomNormal([500, 6], 0, 1, 'float32', 4);
    const gt = Int32Array.from({ length: 500 }, (_, b) => b % 6);
    const run = (seed: number) => {
      const r = chooseDecoderInputs(gt, logits, 0.5, { mode: 'sampled', rng: createRng(seed) });
      const tokens = Array.from(r.inputs.dataSync());
      r.inputs.dispose();
      return { tokens, mask: Array.from(r.usedGroundTruth) };
    };
    expect(run(42)).toEqual(run(42));
    expect(run(42).mask).not.toEqual(run(43).mask);
    logits.dispose();
  });

  it('accepts ground truth as an int32 tensor with the same result', () => {
    const logits = tf.randomNormal([50, 5], 0, 1, 'float32', 8);
    const gtArr = Int32Array.from({ length: 50 }, (_, b) => b % 5);
    const gtT = tf.tensor1d(gtArr, 'int32');
    for (const mode of ['greedy', 'sampled'] as const) {
      const a = chooseDecoderInputs(gtArr, logits, 0.4, { mode, rng: createRng(5) });
      const b = chooseDecoderInputs(gtT, logits, 0.4, { mode, rng: createRng(5) });
      expect(Array.from(b.inputs.dataSync())).toEqual(Array.from(a.inputs.dataSync()));
      expect(b.usedGroundTruth).toEqual(a.usedGroundTruth);
      tf.dispose([a.inputs, b.inputs]);
    }
    tf.dispose([logits, gtT]);
  });

  it('does not leak tensors (only the returned inputs remain)', () => {
    const logits = tf.randomNormal([16, 5], 0, 1, 'float32', 3);
    const gtT = tf.tensor1d(new Int32Array(16), 'int32');
    const rng = createRng(0);
    const before = tf.memory().numTensors;
    for (const gt of [new Int32Array(16), gtT]) {
      for (const mode of ['greedy', 'sampled'] as const) {
        const r = chooseDecoderInputs(gt, logits, 0.5, { mode, rng });
        expect(tf.memory().numTensors).toBe(before + 1);
        r.inputs.dispose();
      }
    }
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([logits, gtT]);
  });

  it('throws when arguments are invalid', () => {
    const logits = tf.zeros([3, 4]);
    const rng = createRng(0);
    const gt = new Int32Array(3);
    expect(() => chooseDecoderInputs(gt, logits, 1.5, { mode: 'greedy', rng })).toThrow(/chooseDecoderInputs: eps must be in \[0, 1\], got 1.5/);
    expect(() => chooseDecoderInputs(new Int32Array(2), logits, 0.5, { mode: 'greedy', rng })).toThrow(/groundTruth has 2 tokens but logits have batch 3/);
    const f = tf.zeros([3]);
    expect(() => chooseDecoderInputs(f, logits, 0.5, { mode: 'greedy', rng })).toThrow(/groundTruth must be int32, got float32/);
    const wrong = tf.zeros([3, 1], 'int32');
    expect(() => chooseDecoderInputs(wrong, logits, 0.5, { mode: 'greedy', rng })).toThrow(/groundTruth must be \[3\] to match logits, got shape \[3, 1\]/);
    const mode = 'beam' as 'greedy';
    expect(() => chooseDecoderInputs(gt, logits, 0.5, { mode, rng })).toThrow(/mode must be 'greedy' or 'sampled', got 'beam'/);
    const intLogits = tf.zeros([3, 4], 'int32');
    expect(() => chooseDecoderInputs(gt, intLogits, 0.5, { mode: 'greedy', rng })).toThrow(/logits must be float32, got int32/);
    tf.dispose([logits, f, wrong, intLogits]);
  });
});
