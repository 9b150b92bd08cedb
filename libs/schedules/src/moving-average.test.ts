import { describe, expect, it } from 'vitest';
import { exponentialMovingAverage, smoothSeries, windowedMean } from './moving-average.js';

describe('exponentialMovingAverage', () => {
  it('bias-corrected value of a constant series is that constant from step 1', () => {
    const ema = exponentialMovingAverage(0.99);
    for (let t = 1; t <= 200; t++) {
      // m_t = c (1 - beta^t), divided by (1 - beta^t): exactly c up to rounding.
      expect(ema.update(3.7)).toBeCloseTo(3.7, 12);
    }
    expect(ema.count).toBe(200);
  });

  it('basic: matches the recursion worked by hand', () => {
    // beta = 0.5, x = 1, 2, 4:
    // m1 = 0.5, /0.5 = 1; m2 = 0.25 + 1 = 1.25, /0.75 = 5/3; m3 = 0.625 + 2 = 2.625, /0.875 = 3.
    expect(smoothSeries([1, 2, 4], exponentialMovingAverage(0.5))).toEqual([1, 5 / 3, 3].map((v) => expect.closeTo(v, 14)));
  });

  it('beta = 0 is the identity', () => {
    expect(smoothSeries([5, -1, 2], exponentialMovingAverage(0))).toEqual([5, -1, 2]);
  });

  it('is NaN before the first value and after reset', () => {
    const ema = exponentialMovingAverage(0.9);
    expect(ema.value).toBeNaN();
    ema.update(1);
    ema.reset();
    expect(ema.value).toBeNaN();
    expect(ema.count).toBe(0);
    expect(ema.update(7)).toBeCloseTo(7, 14); // bias correction restarts at t = 1
  });

  it('throws when beta is outside [0, 1)', () => {
    expect(() => exponentialMovingAverage(1)).toThrow(/exponentialMovingAverage: beta must be in \[0, 1\), got 1/);
    expect(() => exponentialMovingAverage(-0.1)).toThrow(/beta must be in/);
  });
});

describe('windowedMean', () => {
  it('basic: mean of the last window values', () => {
    // window 3 over 1, 2, 3, 4, 10: 1, 1.5, 2, (2+3+4)/3 = 3, (3+4+10)/3 = 17/3.
    expect(smoothSeries([1, 2, 3, 4, 10], windowedMean(3))).toEqual([1, 1.5, 2, 3, 17 / 3].map((v) => expect.closeTo(v, 14)));
  });

  it('a constant series stays that constant', () => {
    expect(smoothSeries(Array(10).fill(0.25), windowedMean(4))).toEqual(Array(10).fill(0.25));
  });

  it('throws when window is not a positive integer', () => {
    expect(() => windowedMean(0)).toThrow(/windowedMean: window must be an integer >= 1, got 0/);
    expect(() => windowedMean(2.5)).toThrow(/window must be an integer/);
  });
});
