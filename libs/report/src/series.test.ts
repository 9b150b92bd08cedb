import { describe, expect, it } from 'vitest';
import { decimate, lastValue, metricKeys, metricPoints, numericValue, runTiming, type MetricRow } from './series.js';

const rows: MetricRow[] = [
  { step: 0, time: 1, 'loss/d': 0.9, note: 'start' },
  { step: 10, time: 3, 'loss/d': 0.8, fd: 40 },
  { step: 20, time: 5, 'loss/d': null },
];

describe('series', () => {
  it('metricKeys: numeric keys in first-seen order, without step / time / text fields', () => {
    expect(metricKeys(rows)).toEqual(['loss/d', 'fd']);
  });

  it('numericValue: null and NaN / Infinity strings are non-finite numbers, text is not a value', () => {
    expect(numericValue(null)).toBeNaN();
    expect(numericValue('-Infinity')).toBe(-Infinity);
    expect(numericValue('0.5')).toBeUndefined();
    expect(numericValue(true)).toBeUndefined();
  });

  it('metricPoints: only rows that logged the key, NaN kept', () => {
    const pts = metricPoints(rows, 'loss/d');
    expect(pts.map((p) => p.x)).toEqual([0, 10, 20]);
    expect(pts[2].y).toBeNaN();
    expect(metricPoints(rows, 'fd')).toEqual([{ x: 10, y: 40 }]);
  });

  it('lastValue: the last row that logged the key', () => {
    expect(lastValue(rows, 'fd')).toEqual({ step: 10, value: 40 });
    expect(lastValue(rows, 'loss/d')?.value).toBeNaN();
    expect(lastValue(rows, 'missing')).toBeUndefined();
  });

  it('runTiming: rate between first and last timed rows', () => {
    // (20 - 0) steps / (5 - 1) s = 5 steps/s; wall time = last time = 5 s.
    expect(runTiming(rows)).toEqual({ lastStep: 20, wallSeconds: 5, stepsPerSecond: 5 });
  });

  it('runTiming: one timed row gives step / time; no time gives undefined', () => {
    expect(runTiming([{ step: 30, time: 6 }]).stepsPerSecond).toBe(5);
    expect(runTiming([{ step: 30 }])).toEqual({ lastStep: 30, wallSeconds: undefined, stepsPerSecond: undefined });
  });

  it('decimate: every k-th point plus the last, k = ceil(n / max)', () => {
    const pts = Array.from({ length: 10 }, (_, i) => ({ x: i, y: i }));
    // n = 10, max = 4 -> k = 3: indices 0, 3, 6, 9 (9 is the last and on the stride).
    expect(decimate(pts, 4).map((p) => p.x)).toEqual([0, 3, 6, 9]);
    // max = 3 -> k = 4: 0, 4, 8, then the last (9).
    expect(decimate(pts, 3).map((p) => p.x)).toEqual([0, 4, 8, 9]);
    expect(decimate(pts, 10)).toHaveLength(10);
  });
});
