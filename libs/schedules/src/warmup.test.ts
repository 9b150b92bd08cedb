import { describe, expect, it } from 'vitest';
import { linearWarmup } from './warmup.js';
import { constant } from './schedule.js';

describe('linearWarmup', () => {
  it('basic: equals start + (base - start) * min(t, W) / W', () => {
    const s = linearWarmup({ base: 0.002, steps: 100 });
    expect(s(0)).toBe(0); // start defaults to 0
    expect(s(25)).toBeCloseTo(0.0005, 15); // 0.002 * 25/100 by hand
    expect(s(50)).toBeCloseTo(0.001, 15); // 0.002 * 50/100
    expect(s(100)).toBe(0.002); // t = W: base
    expect(s(10_000)).toBe(0.002); // held after W
  });

  it('from a start value', () => {
    const s = linearWarmup({ base: 1e-3, start: 1e-4, steps: 10 });
    expect(s(0)).toBeCloseTo(1e-4, 15);
    expect(s(3)).toBeCloseTo(1e-4 + (9e-4 * 3) / 10, 15); // 3.7e-4 by hand
    expect(s(10)).toBe(1e-3);
  });

  it('zero-length warm-up is base from step 0', () => {
    expect(linearWarmup({ base: 0.5, steps: 0 })(0)).toBe(0.5);
  });

  it('throws when steps is negative or the step is invalid', () => {
    expect(() => linearWarmup({ base: 1, steps: -1 })).toThrow(/linearWarmup: steps must be a finite number >= 0, got -1/);
    expect(() => linearWarmup({ base: NaN, steps: 3 })).toThrow(/base must be a finite number/);
    const s = linearWarmup({ base: 1, steps: 3 });
    expect(() => s(-1)).toThrow(/linearWarmup: step must be a finite number >= 0, got -1/);
    expect(() => s(NaN)).toThrow(/step must be/);
  });
});

describe('constant', () => {
  it('basic', () => {
    const s = constant(0.3);
    expect([s(0), s(7), s(1e9)]).toEqual([0.3, 0.3, 0.3]);
  });

  it('throws when value is not finite', () => {
    expect(() => constant(Infinity)).toThrow(/constant: value must be a finite number/);
  });
});
