import { welch95 } from '@stablegen/launcher';
import { describe, expect, it } from 'vitest';
import type { CurvePoint } from './bench-curves.js';
import { equalTimeMarkdown, equalTimeRows, valueAtTime } from './equal-time.js';

/** A run's evaluations: [seconds, fd, confident share] triples. */
const run = (id: string, arm: string, evals: Array<[number, number, number]>): CurvePoint[] =>
  evals.map(([seconds, fd, conf], i) => ({ id, arm, run: id, images: 1600 * (i + 1), seconds, fd_mnist: fd, confident_share: conf }));

describe('valueAtTime', () => {
  const r = run('a', 'x', [[10, 100, 0.1], [20, 50, 0.3]]);
  it('linear between the evaluations around t, the last value after the end, NaN before the first', () => {
    expect(valueAtTime(r, 'fd_mnist', 15)).toBe(75);
    expect(valueAtTime(r, 'confident_share', 12.5)).toBeCloseTo(0.15, 12);
    expect(valueAtTime(r, 'fd_mnist', 20)).toBe(50);
    expect(valueAtTime(r, 'fd_mnist', 25)).toBe(50);
    expect(valueAtTime(r, 'fd_mnist', 5)).toBeNaN();
    expect(valueAtTime([...r].reverse(), 'fd_mnist', 15)).toBe(75); // order of the rows does not matter
  });
});

describe('equalTimeRows', () => {
  // fast arm: finishes at 20 and 30 s (mean 25); slow arm: 40 and 50 s (mean 45): t* = 25 s
  const points = [
    ...run('f1', 'fast', [[10, 100, 0.2], [20, 60, 0.4]]),
    ...run('f2', 'fast', [[15, 90, 0.2], [30, 40, 0.6]]),
    ...run('s1', 'slow', [[20, 80, 0.3], [40, 20, 0.9]]),
    ...run('s2', 'slow', [[25, 70, 0.5], [50, 30, 0.7]]),
  ];
  const rows = equalTimeRows(points, ['slow', 'fast', 'absent'], 'slow');

  it("reads every arm at the fastest arm's mean finish, by hand", () => {
    expect(rows.map((r) => [r.arm, r.seconds])).toEqual([['slow', 25], ['fast', 25]]);
    // fast at 25 s: f1 has finished (60), f2 = 90 + (40 - 90) * (25 - 15) / 15 = 56.67; slow: s1 = 80 - 60 * 5 / 20 = 65, s2 = 70 (its first evaluation)
    const fast = [60, 90 - (50 * 10) / 15];
    expect(rows[1].values.fd_mnist.mean).toBeCloseTo((fast[0] + fast[1]) / 2, 10);
    expect(rows[0].values.fd_mnist.mean).toBeCloseTo((65 + 70) / 2, 10);
    expect(rows[0].values.confident_share.mean).toBeCloseTo((0.3 + 0.6 * 0.25 + 0.5) / 2, 10);
    expect(rows[1].vsReference!.fd_mnist).toEqual(welch95(fast, [65, 70]));
    expect(rows[0].vsReference).toBeUndefined();
  });

  it('markdown: one row per arm with its difference from the reference', () => {
    const md = equalTimeMarkdown(rows, 'slow');
    expect(md).toMatch(/every arm at 25 s/);
    expect(md.split('\n').filter((l) => l.startsWith('| fast | 2 |'))).toHaveLength(1);
    expect(md).toMatch(/\| slow \| 2 \| 67\.5 ± [\d.]+ \| [\d.]+ ± [\d.]+ \| - \| - \|/);
    expect(equalTimeMarkdown([], 'slow')).toBe('');
  });
});
