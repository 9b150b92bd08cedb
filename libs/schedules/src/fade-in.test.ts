import { describe, expect, it } from 'vitest';
import { fadeInAlpha } from './fade-in.js';

describe('fadeInAlpha', () => {
  it('basic: 0 at phase start, linear in images seen, 1 after fadeImages', () => {
    const a = fadeInAlpha({ phaseStart: 600_000, fadeImages: 800_000 });
    expect(a(0)).toBe(0); // before the phase
    expect(a(600_000)).toBe(0); // phase start
    expect(a(800_000)).toBeCloseTo(0.25, 15); // 200k / 800k
    expect(a(1_000_000)).toBeCloseTo(0.5, 15); // 400k / 800k
    expect(a(1_400_000)).toBe(1); // start + fadeImages
    expect(a(5_000_000)).toBe(1); // clamped
  });

  it('phase offset defaults to 0', () => {
    const a = fadeInAlpha({ fadeImages: 1000 });
    expect(a(0)).toBe(0);
    expect(a(300)).toBeCloseTo(0.3, 15);
    expect(a(1000)).toBe(1);
  });

  it('zero-length fade switches at phase start', () => {
    const a = fadeInAlpha({ phaseStart: 10, fadeImages: 0 });
    expect([a(9), a(10), a(11)]).toEqual([0, 1, 1]);
  });

  it('throws when fadeImages is negative', () => {
    expect(() => fadeInAlpha({ fadeImages: -1 })).toThrow(/fadeInAlpha: fadeImages must be a finite number >= 0, got -1/);
  });
});
