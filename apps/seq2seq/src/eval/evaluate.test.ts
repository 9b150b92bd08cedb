import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '@stablegen/backend';
import { END, PAD, START } from '@stablegen/data';
import { beforeAll, describe, expect, it } from 'vitest';
import { disposeParams } from '../model/params.js';
import { CHAIN_A, CHAIN_B, CHAIN_C, chainTable, handSetParams } from '../testing/hand-set.js';
import { countExact, scoreSplit } from './evaluate.js';

beforeAll(async () => {
  await initBackend('cpu', { log: () => {} });
});

const [A, B, C] = [CHAIN_A, CHAIN_B, CHAIN_C];
const CHAIN = chainTable();

describe('scoreSplit', () => {
  it('teacher-forced / free-running accuracy and exact match of a hand-set model (counted by hand)', () => {
    const { params } = handSetParams(CHAIN);
    // Greedy always emits c a b END. Targets, their teacher-forced predictions (next of the true
    // previous token) and the free-running comparison:
    //   c a b END: forced c a b END (4/4), free 4/4, exact
    //   c b END:   forced c a END   (2/3), free c a b   (1/3)
    //   a b END:   forced c b END   (2/3), free c a b   (0/3)
    // => teacher-forced 8/10, free 5/10, exact 1/3.
    const y = Int32Array.from([START, C, A, B, END, START, C, B, END, PAD, START, A, B, END, PAD]);
    const x = { data: Int32Array.from([4, 5, 0, 5, 0, 0, 4, 4, 4]), shape: [3, 3] };
    for (const batch of [3, 2]) {
      const s = scoreSplit(params, { x, y: { data: y, shape: [3, 5] } }, batch, 2);
      expect(s.tfTokenAcc).toBeCloseTo(0.8, 12);
      expect(s.freeTokenAcc).toBeCloseTo(0.5, 12);
      expect(s.exactMatch).toBeCloseTo(1 / 3, 12);
      expect(s.beamExactMatch).toBeCloseTo(1 / 3, 12); // the chain is certain: beam = greedy
    }
    disposeParams(params);
  });

  it('does not leak tensors', () => {
    const { params } = handSetParams(CHAIN);
    const before = tf.memory().numTensors;
    scoreSplit(params, { x: { data: Int32Array.from([4, 5]), shape: [1, 2] }, y: { data: Int32Array.from([START, C, END]), shape: [1, 3] } }, 4, 2);
    expect(tf.memory().numTensors).toBe(before);
    disposeParams(params);
  });
});

describe('countExact', () => {
  it('needs every non-PAD target position, END included', () => {
    // rows of 3: [c a END] vs [c a END] exact; [c a b] vs [c a END] wrong END; [c END 9] vs [c END PAD] exact
    expect(countExact([C, A, END, C, A, B, C, END, 9], Int32Array.from([C, A, END, C, A, END, C, END, PAD]), 3)).toBe(2);
  });
});
