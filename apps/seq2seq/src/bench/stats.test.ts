import { describe, expect, it } from 'vitest';
import { pct, summarize } from './stats.js';

describe('summarize', () => {
  it('basic: mean, sample sd, range (by hand)', () => {
    // mean 5; squared deviations 9 + 1 + 1 + 9 = 20; sd = sqrt(20 / 3) = 2.5820
    const s = summarize([2, 4, 6, 8]);
    expect(s).toMatchObject({ n: 4, mean: 5, min: 2, max: 8 });
    expect(s.sd).toBeCloseTo(Math.sqrt(20 / 3), 12);
    expect(pct(summarize([0.5, 0.7]))).toBe('60.00 ± 14.14'); // sd = 0.1 * sqrt(2)
  });

  it('one value has sd 0; no values throws', () => {
    expect(summarize([3]).sd).toBe(0);
    expect(() => summarize([])).toThrow(/no values/);
  });
});
