import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '@stablegen/backend';
import { END, PAD, START } from '@stablegen/data';
import { beforeAll, describe, expect, it } from 'vitest';
import { greedyDecode } from '../decode/greedy.js';
import { disposeParams } from '../model/params.js';
import { CHAIN_A, CHAIN_B, CHAIN_C, chainTable, handSetParams } from '../testing/hand-set.js';
import { randomBatch, tinyParams } from '../testing/tiny-model.js';
import { unrollDecoder } from '../train/unroll.js';
import { defaultPrefixLengths, scorePrefixContinuations } from './prefix-continuation.js';

beforeAll(async () => {
  await initBackend('cpu', { log: () => {} });
});

const [A, B, C] = [CHAIN_A, CHAIN_B, CHAIN_C];
const CHAIN = chainTable();

describe('greedyDecode with a forced prefix', () => {
  it('a prefix of every step is teacher forcing (unrollDecoder at eps 1); none is free-running', () => {
    const p = tinyParams(11);
    const { x, y } = randomBatch(12, 6, 8, 5);
    const forced = tf.tidy(() => tf.transpose(tf.argMax(unrollDecoder(p, x, y, 8).logits, 2)).dataSync());
    expect(Array.from(greedyDecode(p, x, 7, { y, length: 7 }))).toEqual(Array.from(forced));
    expect(Array.from(greedyDecode(p, x, 7, { y, length: 0 }))).toEqual(Array.from(greedyDecode(p, x, 7)));
    expect(() => greedyDecode(p, x, 7, { y, length: 8 })).toThrow(/does not fit 12 rows of 7 steps/);
    x.dispose();
    disposeParams(p);
  });
});

describe('scorePrefixContinuations', () => {
  // Greedy always emits c a b END. Rows: c a b END; c b END; a b END (see each case's count).
  const y = Int32Array.from([START, C, A, B, END, START, C, B, END, PAD, START, A, B, END, PAD]);
  const x = { data: Int32Array.from([4, 5, 0, 5, 0, 0, 4, 4, 4]), shape: [3, 3] };

  it('continuation accuracy from the true and from the own prefix, counted by hand', () => {
    const { params } = handSetParams(CHAIN);
    for (const batch of [3, 2]) {
      const [l0, l1, l2] = scorePrefixContinuations(params, { x, y: { data: y, shape: [3, 5] } }, batch, [0, 1, 2]);
      // L = 0: both are free-running: 4/4 + 1/3 + 0/3; nothing slipped.
      expect([l0.gtAcc, l0.ownAcc, l0.slipShare, l0.slipGtAcc]).toEqual([0.5, 0.5, 0, undefined]);
      // L = 1: from the truth c a b END | c a b END | c b END END -> 3/3 + 0/2 + 2/2 after the prefix;
      // own c a b END on every row -> 3/3 + 0/2 + 0/2; the third row's own prefix (c vs a) slipped.
      expect(l1.gtAcc).toBeCloseTo(5 / 7, 12);
      expect(l1.ownAcc).toBeCloseTo(3 / 7, 12);
      expect([l1.slipShare, l1.slipGtAcc, l1.slipOwnAcc]).toEqual([1 / 3, 1, 0]);
      // L = 2: from the truth the rows end c a b END | c a END END | c b END END -> 2/2 + 1/1 + 1/1;
      // own 2/2 + 0/1 + 0/1; rows two and three slipped inside the prefix.
      expect([l2.gtAcc, l2.ownAcc, l2.slipShare, l2.slipGtAcc, l2.slipOwnAcc]).toEqual([1, 0.5, 2 / 3, 1, 0]);
    }
    disposeParams(params);
  });

  it('rejects a prefix as long as the targets, and does not leak tensors', () => {
    const { params } = handSetParams(CHAIN);
    const data = { x, y: { data: y, shape: [3, 5] } };
    expect(() => scorePrefixContinuations(params, data, 3, [4])).toThrow(/prefix length 4 is outside 0..3/);
    const before = tf.memory().numTensors;
    scorePrefixContinuations(params, data, 2, [0, 2]);
    expect(tf.memory().numTensors).toBe(before);
    disposeParams(params);
  });

  it('default prefix lengths: 0 and each quarter of the target', () => {
    expect(defaultPrefixLengths(22)).toEqual([0, 5, 11, 16]);
    expect(defaultPrefixLengths(2)).toEqual([0, 1]);
  });
});
