import { describe, expect, test } from 'vitest';
import { DivergenceDetector, median } from './divergence-detector.js';

describe('median', () => {
  test('odd and even lengths', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
});

describe('DivergenceDetector', () => {
  test('NaN and +-Inf metrics are flagged, by name', () => {
    const d = new DivergenceDetector();
    expect(d.check({ loss: 1, acc: 0.5 })).toBeUndefined();
    expect(d.check({ loss: Number.NaN })).toBe('loss is NaN');
    expect(d.check({ loss: 1, gp: Number.POSITIVE_INFINITY })).toBe('gp is Infinity');
    expect(d.check({ loss: Number.NEGATIVE_INFINITY })).toBe('loss is -Infinity');
  });

  test('finiteKeys limits the NaN check to those metrics', () => {
    const d = new DivergenceDetector({ finiteKeys: ['loss'] });
    expect(d.check({ loss: 1, ratio: Number.NaN })).toBeUndefined();
    expect(d.check({ loss: Number.NaN, ratio: 1 })).toBe('loss is NaN');
  });

  test('blow-up: a value above factor x the window median is flagged after the warm-up only', () => {
    const d = new DivergenceDetector({ blowUp: { keys: ['loss'], factor: 10, warmup: 4, window: 5 } });
    expect(d.check({ loss: 100 })).toBeUndefined(); // no baseline yet
    for (const loss of [1, 2, 3]) expect(d.check({ loss })).toBeUndefined();
    // history [100, 1, 2, 3]: median 2.5, threshold 25
    expect(d.check({ loss: 26 })).toBe('loss = 26 > 10 x median 2.5 of the last 4 steps');
    expect(d.check({ loss: 24 })).toBeUndefined(); // 24 < 25 enters: [100, 1, 2, 3, 24]
    expect(d.check({ loss: 4 })).toBeUndefined(); // window 5 drops 100: [1, 2, 3, 24, 4], median 3
    expect(d.check({ loss: 31 })).toBe('loss = 31 > 10 x median 3 of the last 5 steps');
    expect(d.check({ loss: 30 })).toBeUndefined(); // not above 30
  });

  test('blow-up compares magnitudes and ignores keys that are absent', () => {
    const d = new DivergenceDetector({ blowUp: { keys: ['d_loss'], factor: 4, warmup: 2, window: 2 } });
    expect(d.check({ d_loss: -1 })).toBeUndefined();
    expect(d.check({ g_loss: 1e9 })).toBeUndefined();
    expect(d.check({ d_loss: -1 })).toBeUndefined();
    expect(d.check({ d_loss: -5 })).toBe('d_loss = -5 > 4 x median 1 of the last 2 steps');
  });

  test('reset starts the warm-up again', () => {
    const d = new DivergenceDetector({ blowUp: { keys: ['loss'], warmup: 1, window: 1 } });
    d.check({ loss: 1 });
    expect(d.check({ loss: 11 })).toMatch(/> 10 x median 1/);
    d.reset();
    expect(d.check({ loss: 11 })).toBeUndefined();
  });

  test('throws when the blow-up options are invalid', () => {
    expect(() => new DivergenceDetector({ blowUp: { keys: ['loss'], factor: 1 } })).toThrow(/factor must be > 1, got 1/);
    expect(() => new DivergenceDetector({ blowUp: { keys: ['loss'], warmup: 10, window: 5 } })).toThrow(/1 <= blowUp.warmup <= blowUp.window, got warmup 10, window 5/);
  });
});
