import { describe, expect, it } from 'vitest';
import { summarise, summariseRuns } from './stats.js';

describe('summarise', () => {
  it('basic: mean, sample std, min, max', () => {
    // 2, 4, 4, 4, 5, 5, 7, 9: mean 5, sum of squares 32, sample variance 32 / 7.
    expect(summarise([2, 4, 4, 4, 5, 5, 7, 9])).toEqual({ n: 8, mean: 5, std: Math.sqrt(32 / 7), min: 2, max: 9 });
  });

  it('one value has no spread; non-finite values are left out', () => {
    expect(summarise([3])).toEqual({ n: 1, mean: 3, std: 0, min: 3, max: 3 });
    expect(summarise([1, NaN, 3, Infinity])).toEqual({ n: 2, mean: 2, std: Math.SQRT2, min: 1, max: 3 });
    expect(summarise([]).mean).toBeNaN();
  });

  it('summariseRuns: one summary per key, a run without the key does not count', () => {
    const s = summariseRuns([{ modes: 8, hq_share: 0.5 }, { modes: 6 }]);
    expect(Object.keys(s)).toEqual(['modes', 'hq_share']);
    expect(s.modes).toEqual({ n: 2, mean: 7, std: Math.SQRT2, min: 6, max: 8 });
    expect(s.hq_share.n).toBe(1);
  });
});
