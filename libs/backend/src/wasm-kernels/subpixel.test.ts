import { describe, expect, test } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { axisPhase, planSubpixel } from './subpixel.js';

/** Pairs (dy index, tap) that reach output i, from the definition: oh*s + kh - pad = i. */
function contributionsRef(i: number, pad: number, s: number, k: number, outSize: number): string[] {
  const pairs: string[] = [];
  for (let oh = 0; oh < outSize; oh++) for (let kh = 0; kh < k; kh++) if (oh * s + kh - pad === i) pairs.push(`${oh}:${kh}`);
  return pairs.sort();
}

/** The same pairs as the phase plan produces them (dy padded by `before`; taps flipped). */
function contributionsPlan(i: number, pad: number, s: number, k: number, inSize: number, outSize: number): string[] {
  const p = i % s;
  const a = (i - p) / s;
  const ph = axisPhase(p, pad, s, k, inSize, outSize);
  const pairs: string[] = [];
  for (let t = 0; t < ph.taps; t++) {
    const oh = a - ph.before + t;
    if (oh >= 0 && oh < outSize) pairs.push(`${oh}:${ph.firstTap + s * (ph.taps - 1 - t)}`);
  }
  return pairs.sort();
}

describe('sub-pixel plan', () => {
  test('DCGAN axis (k4, s2, pad 1, 14 <- 7): hand-derived phases', () => {
    // i = 2a: taps kh = 1, 3 read dy[a], dy[a-1] -> first tap 1, 2 taps, 1 leading pad; i = 2a+1: kh = 0, 2 read dy[a+1], dy[a].
    expect(axisPhase(0, 1, 2, 4, 14, 7)).toEqual({ firstTap: 1, taps: 2, before: 1, after: 0, count: 7 });
    expect(axisPhase(1, 1, 2, 4, 14, 7)).toEqual({ firstTap: 0, taps: 2, before: 0, after: 1, count: 7 });
  });

  test('every output receives exactly the (dy, tap) pairs of the definition', () => {
    for (const [k, s, inSize, pad] of [[4, 2, 14, 1], [3, 2, 9, 1], [5, 3, 10, 2], [1, 2, 9, 0], [3, 1, 6, 1], [2, 3, 8, 0]]) {
      const outSize = Math.floor((inSize + 2 * pad - k) / s) + 1;
      for (let i = 0; i < inSize; i++) {
        expect(contributionsPlan(i, pad, s, k, inSize, outSize), `k${k} s${s} in${inSize} pad${pad} i${i}`).toEqual(contributionsRef(i, pad, s, k, outSize));
      }
    }
  });

  test('has no plan for dilations or for padding that would need a negative pad', () => {
    const dilated = tf.backend_util.computeConv2DInfo([1, 9, 9, 1], [3, 3, 1, 1], 1, 2, 'same');
    expect(planSubpixel(dilated)).toBeUndefined();
    const bigPad = tf.backend_util.computeConv2DInfo([1, 8, 9, 1], [2, 2, 1, 1], 1, 1, [[0, 0], [3, 1], [0, 2], [0, 0]]);
    expect(planSubpixel(bigPad)).toBeUndefined();
    const dcgan = tf.backend_util.computeConv2DInfo([1, 14, 14, 32], [4, 4, 32, 64], 2, 1, 'same');
    expect(planSubpixel(dcgan)?.length).toBe(4);
  });
});
