import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { realsAt, toMnist, upsampleTo } from './resample.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

// One 4x4 image with pixel values 0..15 (row-major), as [1, 4, 4, 1].
const ramp = () => tf.tensor4d(Array.from({ length: 16 }, (_, i) => i), [1, 4, 4, 1]);
// Its 2x2 block means: [[2.5, 4.5], [10.5, 12.5]].
const MEANS = [2.5, 4.5, 10.5, 12.5];

describe('realsAt', () => {
  it('alpha 1 at a lower resolution: 2x2 block means', () => {
    expect(Array.from(realsAt(ramp(), 2, 1).dataSync())).toEqual(MEANS);
  });

  it('alpha 1 at the full resolution: the images unchanged', () => {
    expect(Array.from(realsAt(ramp(), 4, 1).dataSync())).toEqual(Array.from({ length: 16 }, (_, i) => i));
  });

  it('alpha 0: the previous resolution nearest-upsampled; alpha 0.25 blends linearly', () => {
    const coarse = [2.5, 2.5, 4.5, 4.5, 2.5, 2.5, 4.5, 4.5, 10.5, 10.5, 12.5, 12.5, 10.5, 10.5, 12.5, 12.5];
    expect(Array.from(realsAt(ramp(), 4, 0).dataSync())).toEqual(coarse);
    const blend = realsAt(ramp(), 4, 0.25).dataSync();
    coarse.forEach((c, i) => expect(blend[i]).toBeCloseTo(0.75 * c + 0.25 * i, 5));
  });

  it('no leaks', () => {
    const x = ramp();
    const before = tf.memory().numTensors;
    realsAt(x, 2, 0.5).dispose();
    realsAt(x, 4, 1).dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('toMnist', () => {
  it('8x8 -> upsampled 4x to 32x32 -> centre 28x28; a 32x32 input is only cropped', () => {
    const small = tf.tensor4d(Array.from({ length: 64 }, (_, i) => i), [1, 8, 8, 1]);
    const out = toMnist(small);
    expect(out.shape).toEqual([1, 28, 28, 1]);
    const up = upsampleTo(small, 32).arraySync()[0];
    const o = out.arraySync()[0];
    expect(o[0][0][0]).toBe(up[2][2][0]); // crop offset 2
    expect(o[0][0][0]).toBe(0); // pixel (2, 2) of the 32x32 comes from (0, 0) of the 8x8
    expect(o[27][27][0]).toBe(63); // (29, 29) <- (7, 7)
    const big = tf.tensor4d(Array.from({ length: 1024 }, (_, i) => i), [1, 32, 32, 1]);
    expect(toMnist(big).arraySync()[0][0][0][0]).toBe(2 * 32 + 2);
  });
});
