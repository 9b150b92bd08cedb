import { describe, expect, it } from 'vitest';
import { cosineDecay } from './cosine.js';

describe('cosineDecay', () => {
  it('basic: equals floor + (base - floor)(1 + cos(pi t / T)) / 2', () => {
    const s = cosineDecay({ base: 1, steps: 100 });
    expect(s(0)).toBe(1); // cos 0 = 1
    expect(s(50)).toBeCloseTo(0.5, 15); // cos(pi/2) = 0
    expect(s(25)).toBeCloseTo((1 + Math.SQRT1_2) / 2, 15); // cos(pi/4) = 1/sqrt2: 0.853553...
    expect(s(75)).toBeCloseTo((1 - Math.SQRT1_2) / 2, 15); // cos(3pi/4) = -1/sqrt2: 0.146446...
    expect(s(100)).toBe(0);
    expect(s(500)).toBe(0); // held at floor
  });

  it('decays to a floor', () => {
    const s = cosineDecay({ base: 0.01, floor: 0.001, steps: 60 });
    expect(s(0)).toBeCloseTo(0.01, 15);
    expect(s(20)).toBeCloseTo(0.001 + 0.009 * 0.75, 15); // cos(pi/3) = 1/2: (1 + 1/2)/2 = 0.75
    expect(s(30)).toBeCloseTo(0.0055, 15); // midpoint (base + floor)/2
    expect(s(60)).toBe(0.001);
  });

  it('throws when steps is negative', () => {
    expect(() => cosineDecay({ base: 1, steps: -5 })).toThrow(/cosineDecay: steps must be a finite number >= 0, got -5/);
  });
});
