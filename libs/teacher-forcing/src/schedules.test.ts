import { describe, expect, it } from 'vitest';
import { constantSchedule, exponentialSchedule, inverseSigmoidSchedule, linearSchedule } from './schedules.js';

// Formulas: Bengio et al. 2015, section 2.4. Expected values worked by hand from them.
describe('constantSchedule', () => {
  it('basic: eps at every i', () => {
    const s = constantSchedule(0.3);
    expect([s(0), s(5), s(1e6)]).toEqual([0.3, 0.3, 0.3]);
  });

  it('throws when eps is outside [0, 1]', () => {
    expect(() => constantSchedule(1.2)).toThrow(/constantSchedule: eps must be in \[0, 1\], got 1.2/);
  });
});

describe('linearSchedule', () => {
  it('basic: max(epsMin, k - c i)', () => {
    const s = linearSchedule({ k: 1, c: 0.001, epsMin: 0.1 });
    expect(s(0)).toBe(1);
    expect(s(250)).toBeCloseTo(0.75, 15); // 1 - 0.25
    expect(s(700)).toBeCloseTo(0.3, 15); // 1 - 0.7
    expect(s(900)).toBeCloseTo(0.1, 15); // floor reached at (k - epsMin) / c = 900
    expect(s(5000)).toBe(0.1); // held at epsMin
  });

  it('defaults k = 1 and epsMin = 0', () => {
    const s = linearSchedule({ c: 0.01 });
    expect(s(0)).toBe(1);
    expect(s(40)).toBeCloseTo(0.6, 15); // 1 - 0.4
    expect(s(100)).toBeCloseTo(0, 15);
    expect(s(300)).toBe(0);
  });

  it('throws when parameters are out of range', () => {
    expect(() => linearSchedule({ k: 1.5, c: 0.1 })).toThrow(/linearSchedule: k must be in \[0, 1\], got 1.5/);
    expect(() => linearSchedule({ k: 0.5, c: 0.1, epsMin: 0.6 })).toThrow(/epsMin must be in \[0, 0.5\], got 0.6/);
    expect(() => linearSchedule({ c: -0.1 })).toThrow(/c must be a finite number >= 0, got -0.1/);
    expect(() => linearSchedule({ c: 0.1 })(-1)).toThrow(/iteration i must be a finite number >= 0, got -1/);
  });
});

describe('exponentialSchedule', () => {
  it('basic: k^i', () => {
    const s = exponentialSchedule(0.99);
    expect(s(0)).toBe(1);
    expect(s(1)).toBeCloseTo(0.99, 15);
    expect(s(2)).toBeCloseTo(0.9801, 15); // 0.99 * 0.99
    // 0.99^100 = exp(100 ln 0.99) = exp(-1.005033585) = e^-1 * 0.994979 = 0.366032341
    expect(s(100)).toBeCloseTo(0.366032341, 9);
  });

  it('throws when k is not in (0, 1)', () => {
    expect(() => exponentialSchedule(1)).toThrow(/exponentialSchedule: k must be in \(0, 1\), got 1/);
    expect(() => exponentialSchedule(0)).toThrow(/k must be in \(0, 1\)/);
  });
});

describe('inverseSigmoidSchedule', () => {
  it('basic: k / (k + exp(i / k))', () => {
    const s = inverseSigmoidSchedule(10);
    expect(s(0)).toBeCloseTo(10 / 11, 15); // exp(0) = 1: 0.909090...
    expect(s(10)).toBeCloseTo(0.78626972848, 10); // 10 / (10 + e) = 10 / 12.718281828
    expect(s(10 * Math.log(10))).toBeCloseTo(0.5, 14); // i = k ln k: exp(i/k) = k, so k / 2k
    expect(s(100)).toBeCloseTo(4.53793276e-4, 11); // 10 / (10 + e^10) = 10 / 22036.4658
    expect(inverseSigmoidSchedule(1)(0)).toBe(0.5); // k = 1: 1 / (1 + 1)
  });

  it('reaches 0 without NaN when exp overflows', () => {
    expect(inverseSigmoidSchedule(1)(1e6)).toBe(0); // exp(1e6) = Infinity: 1 / Infinity
  });

  it('throws when k < 1', () => {
    expect(() => inverseSigmoidSchedule(0.5)).toThrow(/inverseSigmoidSchedule: k must be a finite number >= 1, got 0.5/);
  });
});
