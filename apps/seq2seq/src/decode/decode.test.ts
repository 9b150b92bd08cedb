import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '@stablegen/backend';
import { END } from '@stablegen/data';
import { beforeAll, describe, expect, it } from 'vitest';
import { disposeParams } from '../model/params.js';
import { handSetParams } from '../testing/hand-set.js';
import { beamDecode } from './beam.js';
import { greedyDecode } from './greedy.js';

beforeAll(async () => {
  await initBackend('cpu', { log: () => {} });
});

// Ids: PAD 0, START 1, END 2, UNK 3, then a 4, b 5, c 6. NO = a logit far below the rest.
const [START_, A, B, C, NO] = [1, 4, 5, 6, -20];
const ln = Math.log;

/** Rows = previous token, columns = next token. After END (and PAD/UNK) END repeats. */
function table(rows: Record<number, Record<number, number>>): number[][] {
  return Array.from({ length: 7 }, (_, prev) => Array.from({ length: 7 }, (_, next) => (rows[prev] ?? { [END]: 0 })[next] ?? NO));
}

/** A trap for greedy search: 'a' is likelier first, but 'b' then END is the likelier sequence. */
const TRAP = table({
  [START_]: { [A]: ln(0.5), [B]: ln(0.4), [C]: ln(0.1) },
  [A]: { [A]: ln(0.25), [B]: ln(0.25), [C]: ln(0.2), [END]: ln(0.3) },
  [B]: { [END]: ln(0.9), [A]: ln(0.1) },
  [C]: { [END]: ln(0.9), [C]: ln(0.1) },
});

/** float64 log-softmax of one row (independent of the code under test). */
function logSoftmax64(row: number[]): number[] {
  const m = Math.max(...row);
  const z = Math.log(row.reduce((s, v) => s + Math.exp(v - m), 0)) + m;
  return row.map((v) => v - z);
}

/** Exhaustive search over every sequence of up to `steps` tokens: the most likely one ending in END. */
function bestSequence(t: number[][], steps: number): { tokens: number[]; score: number } {
  let best = { tokens: [] as number[], score: -Infinity };
  const visit = (prev: number, tokens: number[], score: number) => {
    if (score <= best.score) return; // log-probabilities only decrease
    if (prev === END) return void (best = { tokens, score });
    if (tokens.length === steps) return;
    logSoftmax64(t[prev]).forEach((lp, next) => visit(next, [...tokens, next], score + lp));
  };
  visit(START_, [], 0);
  return best;
}

describe('greedy decoding', () => {
  it('emits the chain the hand-set weights encode', () => {
    // START -> c -> a -> b -> END, each with logit 0 against -20 for the rest.
    const { params } = handSetParams(table({ [START_]: { [C]: 0 }, [C]: { [A]: 0 }, [A]: { [B]: 0 }, [B]: { [END]: 0 } }));
    const x = tf.tensor2d([[4, 5, 0], [5, 0, 0]], [2, 3], 'int32'); // inputs do not matter here
    const out = greedyDecode(params, x, 6);
    // After END the table keeps emitting END (rows PAD/END/UNK put logit 0 on END).
    expect(Array.from(out)).toEqual([C, A, B, END, END, END, C, A, B, END, END, END]);
    x.dispose();
    disposeParams(params);
  });

  it('takes the locally best token: the trap gives "a" then END', () => {
    const { params } = handSetParams(TRAP);
    const x = tf.tensor2d([[4, 4, 4]], [1, 3], 'int32');
    expect(Array.from(greedyDecode(params, x, 3))).toEqual([A, END, END]);
    x.dispose();
    disposeParams(params);
  });
});

describe('beam decoding', () => {
  it('width 2 finds the most likely sequence (exhaustive search) where greedy does not', () => {
    const { params } = handSetParams(TRAP);
    const x = tf.tensor2d([[4, 4, 4], [5, 3, 0]], [2, 3], 'int32');
    const expected = bestSequence(TRAP, 5); // b END, p = 0.4 * 0.9 (up to the -20 logits)
    expect(expected.tokens).toEqual([B, END]);
    for (const h of beamDecode(params, x, 5, 2)) {
      expect(h.tokens).toEqual(expected.tokens);
      expect(h.score).toBeCloseTo(expected.score, 5);
      expect(h.score).toBeCloseTo(Math.log(0.36), 4);
    }
    x.dispose();
    disposeParams(params);
  });

  it('width 1 is greedy decoding', () => {
    const { params } = handSetParams(TRAP);
    const x = tf.tensor2d([[4, 4, 4]], [1, 3], 'int32');
    const [h] = beamDecode(params, x, 5, 1);
    expect(h.tokens).toEqual([A, END]); // greedy's answer, p = 0.5 * 0.3
    expect(h.score).toBeCloseTo(Math.log(0.15), 4);
    x.dispose();
    disposeParams(params);
  });

  it('returns a cut hypothesis when nothing ends within the steps', () => {
    // START -> a -> a -> a ... never END.
    const { params } = handSetParams(table({ [START_]: { [A]: 0 }, [A]: { [A]: 0, [B]: -1 }, [B]: { [A]: 0 } }));
    const x = tf.tensor2d([[4]], [1, 1], 'int32');
    const [h] = beamDecode(params, x, 3, 2);
    expect(h.tokens).toEqual([A, A, A]);
    x.dispose();
    disposeParams(params);
  });

  it('does not leak tensors', () => {
    const { params } = handSetParams(TRAP);
    const x = tf.tensor2d([[4, 4, 4]], [1, 3], 'int32');
    const before = tf.memory().numTensors;
    beamDecode(params, x, 5, 3);
    greedyDecode(params, x, 5);
    expect(tf.memory().numTensors).toBe(before);
    x.dispose();
    disposeParams(params);
  });

  it('throws when the width is not a positive integer', () => {
    const { params } = handSetParams(TRAP);
    const x = tf.tensor2d([[4]], [1, 1], 'int32');
    expect(() => beamDecode(params, x, 3, 0)).toThrow(/width must be an integer >= 1, got 0/);
    x.dispose();
    disposeParams(params);
  });
});
