import { describe, expect, it } from 'vitest';
import { ratioCell, ratioOf, repeated, repeatedCell } from './repeats.js';

describe('repeated timings', () => {
  it('mean of per-process medians with the t interval, and CPU / wall', () => {
    const r = repeated([100, 110, 120], [190, 209, 240]);
    expect([r.n, r.mean]).toEqual([3, 110]);
    expect(r.ci95).toBeCloseTo(4.302653 * (10 / Math.sqrt(3)), 4); // sd 10, t(2)
    expect(r.cpuPerWall).toBeCloseTo((1.9 + 1.9 + 2) / 3, 12);
    expect(repeatedCell(r)).toBe('110.0 ± 24.8 (1.93)');
    expect(repeatedCell(repeated([50], [50]))).toBe('50.0 (1.00)');
  });

  it('ratio of geometric means with the interval on the log scale; within noise when it holds 1', () => {
    const fast = ratioOf([100, 102, 98], [200, 204, 196]); // the same spread on the log scale: ratio exactly 1/2
    expect(fast.ratio).toBeCloseTo(0.5, 12);
    expect(fast.hi).toBeLessThan(1);
    expect(fast.verdict).toBe('faster');
    const noisy = ratioOf([100, 140, 70], [110, 90, 120]);
    expect(noisy.lo).toBeLessThan(1);
    expect(noisy.hi).toBeGreaterThan(1);
    expect(noisy.verdict).toBe('within noise');
    expect(ratioOf([300, 310], [100, 101]).verdict).toBe('slower');
    expect(ratioCell(ratioOf([2], [1]))).toBe('2.00x');
  });
});
