/** A tiny debiased exponential moving average for smoothing noisy logged losses. */
import type { Point } from './series.js';

/**
 * Debiased EMA (TensorBoard's smoothing): m_k = w m_{k-1} + (1 - w) y_k with m_0 = 0, reported as
 * m_k / (1 - w^k), k = number of finite values seen so far. Non-finite inputs are skipped: the output
 * repeats the previous smoothed value (NaN before the first finite one).
 * @param ys values in logging order [n]
 * @param weight smoothing weight w in [0, 1); 0 returns the input (finite values) unchanged
 * @returns smoothed values [n]
 */
export function ema(ys: readonly number[], weight = 0.9): number[] {
  if (!(weight >= 0 && weight < 1)) {
    throw new RangeError(`ema: weight must be in [0, 1), got ${weight}`);
  }
  const out: number[] = [];
  let m = 0;
  let k = 0;
  let last = NaN;
  for (const y of ys) {
    if (Number.isFinite(y)) {
      m = weight * m + (1 - weight) * y;
      k += 1;
      last = m / (1 - weight ** k);
    }
    out.push(last);
  }
  return out;
}

/** EMA over the y values of points (x kept); points whose smoothed value is NaN are dropped. */
export function emaPoints(points: readonly Point[], weight = 0.9): Point[] {
  const ys = ema(
    points.map((p) => p.y),
    weight,
  );
  return points.map((p, i) => ({ x: p.x, y: ys[i] })).filter((p) => Number.isFinite(p.y));
}
