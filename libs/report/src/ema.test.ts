import { describe, expect, it } from 'vitest';
import { ema, emaPoints } from './ema.js';

describe('ema', () => {
  it('basic: matches the hand-computed debiased recurrence', () => {
    // w = 0.5, y = [1, 0, 0]: m = 0.5, 0.25, 0.125; debias by 1 - 0.5^k = 0.5, 0.75, 0.875
    // -> 1, 1/3, 1/7.
    const out = ema([1, 0, 0], 0.5);
    expect(out[0]).toBeCloseTo(1, 12);
    expect(out[1]).toBeCloseTo(1 / 3, 12);
    expect(out[2]).toBeCloseTo(1 / 7, 12);
  });

  it('a constant series stays constant (debiasing removes the zero start)', () => {
    // m_k = c (1 - w^k) exactly, so m_k / (1 - w^k) = c.
    for (const y of ema(Array(50).fill(3.25), 0.9)) expect(y).toBeCloseTo(3.25, 10);
  });

  it('weight 0 returns the input', () => {
    expect(ema([0.3, -2, 7], 0)).toEqual([0.3, -2, 7]);
  });

  it('skips non-finite values and repeats the previous smoothed value', () => {
    // w = 0.5: [NaN, 2, NaN, 0] -> [NaN, 2, 2, (0.5*1 + 0)/(1 - 0.25) = 2/3]
    const out = ema([NaN, 2, NaN, 0], 0.5);
    expect(out[0]).toBeNaN();
    expect(out.slice(1, 3)).toEqual([2, 2]);
    expect(out[3]).toBeCloseTo(2 / 3, 12);
  });

  it('throws when the weight is outside [0, 1)', () => {
    expect(() => ema([1], 1)).toThrow(/weight/);
    expect(() => ema([1], -0.1)).toThrow(/weight/);
  });

  it('emaPoints keeps x and drops points before the first finite value', () => {
    const pts = emaPoints(
      [
        { x: 0, y: NaN },
        { x: 10, y: 4 },
        { x: 20, y: 0 },
      ],
      0.5,
    );
    // second value: (0.5*0.5*4 + 0)/(1 - 0.25) = 4/3
    expect(pts.map((p) => p.x)).toEqual([10, 20]);
    expect(pts[0].y).toBeCloseTo(4, 12);
    expect(pts[1].y).toBeCloseTo(4 / 3, 12);
  });
});
