import { describe, expect, it } from 'vitest';
import { flatness } from './flatness.js';
import { linearWarmup } from './warmup.js';
import { cosineDecay } from './cosine.js';
import { stepDecay } from './step-decay.js';
import { constant } from './schedule.js';

describe('flatness', () => {
  it('linear warm-up from 0 to lr over W steps is lr (telescoping)', () => {
    const lr = 2e-4;
    expect(flatness(linearWarmup({ base: lr, steps: 40 }), 41)).toBeCloseTo(lr, 16);
    // Steps past W add nothing: the schedule is flat there.
    expect(flatness(linearWarmup({ base: lr, steps: 40 }), 500)).toBeCloseTo(lr, 16);
  });

  it('cosine from lr to 0 is lr (monotone, telescoping)', () => {
    const lr = 0.05;
    expect(flatness(cosineDecay({ base: lr, steps: 300 }), 301)).toBeCloseTo(lr, 15);
  });

  it('step schedule is the sum of its jumps', () => {
    // Jumps at t = 10, 20, 30 within 35 steps: 1 -> 0.5 -> 0.25 -> 0.125, sum 0.5 + 0.25 + 0.125.
    expect(flatness(stepDecay({ base: 1, factor: 0.5, every: 10 }), 35)).toBeCloseTo(0.875, 15);
    // Only the jumps inside [0, N-1] count: N = 20 sees t = 0..19, one jump.
    expect(flatness(stepDecay({ base: 1, factor: 0.5, every: 10 }), 20)).toBeCloseTo(0.5, 15);
  });

  it('counts up and down movement (not the net change)', () => {
    // 0, 1, 0, 1, 0: four moves of 1, net change 0.
    expect(flatness((t) => t % 2, 5)).toBe(4);
  });

  it('is 0 for a constant and for fewer than two steps', () => {
    expect(flatness(constant(3), 100)).toBe(0);
    expect(flatness((t) => t, 1)).toBe(0);
    expect(flatness((t) => t, 0)).toBe(0);
  });

  it('throws when steps is negative or fractional', () => {
    expect(() => flatness(constant(1), -1)).toThrow(/flatness: steps must be an integer >= 0, got -1/);
    expect(() => flatness(constant(1), 2.5)).toThrow(/steps must be an integer/);
  });
});
