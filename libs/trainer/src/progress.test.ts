import { describe, expect, test } from 'vitest';
import { createProgress, formatEta, RecentRate } from './progress.js';

describe('progress', () => {
  test('formatEta: m:ss under an hour, h:mm:ss above; unknown is -', () => {
    expect([formatEta(0), formatEta(75), formatEta(3599.6), formatEta(3725), formatEta(36_000), formatEta(Number.NaN)]).toEqual(['0:00', '1:15', '1:00:00', '1:02:05', '10:00:00', '-']);
  });

  test('RecentRate follows a slow-down within its window; the whole-run average would not', () => {
    const r = new RecentRate(30, 200);
    for (let s = 0; s <= 1000; s++) r.add(s, s * 10); // 100 steps/s for 10 s
    for (let s = 1; s <= 300; s++) r.add(1000 + s, 10_000 + s * 100); // then 10 steps/s for 30 s
    expect(r.rate()).toBeCloseTo(10, 6); // the window (200 steps) holds only slow steps; the run's average is 1300 / 40 = 32.5
  });

  test('the plain line shows the rate its ETA uses', () => {
    let t = 0;
    const lines: string[] = [];
    const log = console.log;
    console.log = (l: string) => void lines.push(l);
    try {
      const p = createProgress(100, 0, false, () => t);
      for (let s = 1; s <= 10; s++) {
        t += 500; // 2 steps/s
        p.update(s, { 'loss/d': 1.25 });
      }
    } finally {
      console.log = log;
    }
    expect(lines).toEqual(['step 5/100  2.00 steps/s  eta 0:48  loss/d 1.250', 'step 10/100  2.00 steps/s  eta 0:45  loss/d 1.250']);
  });
});
