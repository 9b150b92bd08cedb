import { describe, expect, it } from 'vitest';
import { exponentialSigmaAnneal, linearSigmaAnneal } from './sigma.js';
import { flatness } from './flatness.js';

describe('linearSigmaAnneal', () => {
  it('basic: sigma0 * max(0, 1 - t / T)', () => {
    const s = linearSigmaAnneal({ sigma0: 0.1, steps: 1000 });
    expect(s(0)).toBe(0.1);
    expect(s(250)).toBeCloseTo(0.075, 15); // 0.1 * 0.75
    expect(s(1000)).toBe(0);
    expect(s(2000)).toBe(0);
    expect(flatness(s, 1001)).toBeCloseTo(0.1, 14); // monotone from 0.1 to 0
  });

  it('throws when steps is not positive', () => {
    expect(() => linearSigmaAnneal({ sigma0: 0.1, steps: 0 })).toThrow(/linearSigmaAnneal: steps must be a finite number > 0, got 0/);
  });
});

describe('exponentialSigmaAnneal', () => {
  it('basic: sigma0 * 2^(-t / halfLife), 0 from cutoff', () => {
    const s = exponentialSigmaAnneal({ sigma0: 0.8, halfLife: 100, cutoff: 1000 });
    expect(s(0)).toBe(0.8);
    expect(s(100)).toBeCloseTo(0.4, 15);
    expect(s(300)).toBeCloseTo(0.1, 15); // three half-lives: 0.8 / 8
    expect(s(50)).toBeCloseTo(0.8 * Math.SQRT1_2, 15); // 2^(-1/2)
    expect(s(999)).toBeGreaterThan(0);
    expect(s(1000)).toBe(0);
  });

  it('throws when halfLife is not positive', () => {
    expect(() => exponentialSigmaAnneal({ sigma0: 1, halfLife: -3 })).toThrow(/halfLife must be a finite number > 0, got -3/);
  });
});
