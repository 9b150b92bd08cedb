import { describe, expect, it } from 'vitest';
import { sequence, warmupCosine } from './sequence.js';
import { linearWarmup } from './warmup.js';
import { cosineDecay } from './cosine.js';
import { stepDecay } from './step-decay.js';
import { constant } from './schedule.js';
import { flatness } from './flatness.js';

describe('sequence', () => {
  it('basic: each segment runs in local time from its offset', () => {
    const s = sequence([
      { schedule: linearWarmup({ base: 1, steps: 10 }), steps: 10 },
      { schedule: cosineDecay({ base: 1, steps: 20 }) },
    ]);
    expect(s(5)).toBeCloseTo(0.5, 15); // warm-up 5/10
    expect(s(10)).toBe(1); // cosine local 0
    expect(s(20)).toBeCloseTo(0.5, 15); // cosine local 10 = T/2: (1 + cos(pi/2))/2
    expect(s(30)).toBe(0); // cosine local 20 = T
    expect(s(99)).toBe(0); // last segment runs on
  });

  it('continuous at the warm-up / cosine boundary', () => {
    const base = 3e-4;
    const W = 50;
    const s = warmupCosine({ base, warmupSteps: W, totalSteps: 250 });
    // Left limit: the warm-up line extended to t = W is base; right value: cosine(0) = base.
    expect(s(W)).toBe(base);
    expect(s(W - 1)).toBeCloseTo((base * (W - 1)) / W, 18);
    // Both neighbouring increments are at most one warm-up increment base / W.
    expect(Math.abs(s(W) - s(W - 1))).toBeLessThanOrEqual(base / W + 1e-18);
    // cos(pi/200) = 1 - 1.2337e-4 (Taylor): the first cosine step drops base * 6.17e-5.
    expect(s(W) - s(W + 1)).toBeCloseTo((base * (1 - Math.cos(Math.PI / 200))) / 2, 18);
  });

  it('keeps a jump where the segments do not meet', () => {
    const s = sequence([
      { schedule: constant(1), steps: 5 },
      { schedule: stepDecay({ base: 0.1, factor: 0.1, every: 100 }) },
    ]);
    expect(s(4)).toBe(1);
    expect(s(5)).toBe(0.1); // not smoothed: documented
  });

  it('warmupCosine flatness is the rise plus the fall', () => {
    // Monotone up from 0 to base, then monotone down to floor: 2 base - floor (telescoping).
    const s = warmupCosine({ base: 0.01, warmupSteps: 20, totalSteps: 120, floor: 0.002 });
    expect(flatness(s, 121)).toBeCloseTo(0.01 + (0.01 - 0.002), 14);
  });

  it('throws when a middle segment has no length or a length is negative', () => {
    const c = constant(1);
    expect(() => sequence([])).toThrow(/sequence: needs at least one segment/);
    expect(() => sequence([{ schedule: c }, { schedule: c }])).toThrow(/segment 0 needs 'steps'/);
    expect(() => sequence([{ schedule: c, steps: -2 }, { schedule: c }])).toThrow(/segments\[0\]\.steps must be a finite number >= 0, got -2/);
    expect(() => warmupCosine({ base: 1, warmupSteps: 10, totalSteps: 5 })).toThrow(/totalSteps \(5\) must be finite and >= warmupSteps \(10\)/);
  });
});
