import { describe, expect, it } from 'vitest';
import { stepDecay } from './step-decay.js';

describe('stepDecay', () => {
  it('basic: equals base * factor^floor(t / k)', () => {
    const s = stepDecay({ base: 0.1, factor: 0.5, every: 10 });
    expect(s(0)).toBe(0.1);
    expect(s(9)).toBe(0.1); // floor(9/10) = 0
    expect(s(10)).toBeCloseTo(0.05, 15); // 0.1 * 0.5
    expect(s(25)).toBeCloseTo(0.025, 15); // 0.1 * 0.5^2
    expect(s(30)).toBeCloseTo(0.0125, 15); // 0.1 * 0.5^3
  });

  it('throws when every or factor is not positive', () => {
    expect(() => stepDecay({ base: 1, factor: 0.5, every: 0 })).toThrow(/stepDecay: every must be a finite number > 0, got 0/);
    expect(() => stepDecay({ base: 1, factor: -0.5, every: 3 })).toThrow(/stepDecay: factor must be a finite number > 0/);
  });
});
