import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '@stablegen/backend';
import { createRng } from '@stablegen/random';
import { beforeAll, describe, expect, it } from 'vitest';
import { greedyTokens, sampleTokens } from './predict-tokens.js';

beforeAll(async () => {
  await initBackend('cpu', { log: () => {} });
});

/** softmax in float64, written out independently of the code under test. */
function softmax64(logits: number[]): number[] {
  const m = Math.max(...logits);
  const e = logits.map((l) => Math.exp(l - m));
  const z = e.reduce((a, b) => a + b, 0);
  return e.map((x) => x / z);
}

describe('greedyTokens', () => {
  it('basic: argmax per row, first index on ties', () => {
    const logits = tf.tensor2d([[0.1, 2, -1], [5, 5, 1], [-3, -2, -1]]);
    const t = greedyTokens(logits);
    expect(t.dtype).toBe('int32');
    expect(Array.from(t.dataSync())).toEqual([1, 0, 2]); // read off the rows
    tf.dispose([logits, t]);
  });

  it('does not leak tensors', () => {
    const logits = tf.randomNormal([4, 6], 0, 1, 'float32', 1);
    const before = tf.memory().numTensors;
    greedyTokens(logits).dispose();
    expect(tf.memory().numTensors).toBe(before);
    logits.dispose();
  });
});

describe('sampleTokens', () => {
  it('basic: frequencies over 10,000 draws match softmax', () => {
    const row = [1, 0, -1, 2, 0.5];
    const p = softmax64(row); // [0.2094, 0.0770, 0.0283, 0.5692, 0.1270]
    const n = 10_000;
    const logits = tf.tile(tf.tensor2d([row]), [n, 1]);
    const draws = sampleTokens(logits, createRng(3));
    const counts = new Array(row.length).fill(0);
    for (const d of draws) counts[d] += 1;
    counts.forEach((c, v) => expect(Math.abs(c / n - p[v])).toBeLessThan(0.02));
    // Pearson chi-square, 4 degrees of freedom: 18.467 is the 0.999 quantile.
    const chi2 = counts.reduce((s, c, v) => s + (c - n * p[v]) ** 2 / (n * p[v]), 0);
    expect(chi2).toBeLessThan(18.467);
    logits.dispose();
  });

  it('never draws a zero-probability token', () => {
    const logits = tf.tensor2d([[-1e30, 0, 0], [0, -1e30, -1e30]]); // exp underflows to 0
    const rng = createRng(0);
    for (let k = 0; k < 200; k++) {
      const [a, b] = sampleTokens(logits, rng);
      expect(a).not.toBe(0);
      expect(b).toBe(0);
    }
    logits.dispose();
  });

  it('same seed gives the same draws', () => {
    const logits = tf.randomNormal([300, 8], 0, 2, 'float32', 5);
    expect(sampleTokens(logits, createRng(11))).toEqual(sampleTokens(logits, createRng(11)));
    expect(sampleTokens(logits, createRng(11))).not.toEqual(sampleTokens(logits, createRng(12)));
    logits.dispose();
  });

  it('does not leak tensors', () => {
    const logits = tf.randomNormal([4, 6], 0, 1, 'float32', 1);
    const before = tf.memory().numTensors;
    sampleTokens(logits, createRng(1));
    expect(tf.memory().numTensors).toBe(before);
    logits.dispose();
  });

  it('throws when logits are not finite or not [batch, vocab]', () => {
    const bad = tf.tensor2d([[0, 1], [NaN, 0]]);
    expect(() => sampleTokens(bad, createRng(1))).toThrow(/sampleTokens: row 1 has a non-finite logit \(NaN\) at token 0/);
    const flat = tf.tensor1d([0, 1]);
    expect(() => sampleTokens(flat, createRng(1))).toThrow(/logits must be \[batch >= 1, vocab >= 1\], got shape \[2\]/);
    tf.dispose([bad, flat]);
  });
});
