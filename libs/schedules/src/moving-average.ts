import { requireInteger } from './schedule.js';

/** A streaming smoother for logged curves (loss, accuracy). */
export interface MovingAverage {
  /** Adds one value and returns the smoothed value after it. */
  update(x: number): number;
  /** The smoothed value after the last update (NaN before the first). */
  readonly value: number;
  /** How many values were added since creation or the last `reset`. */
  readonly count: number;
  /** Forgets everything. */
  reset(): void;
}

/**
 * Exponential moving average with bias correction (as in Adam, Kingma & Ba 2015):
 * m_0 = 0, m_t = beta * m_{t-1} + (1 - beta) * x_t, value_t = m_t / (1 - beta^t).
 * Without the division the first values are pulled towards 0; with it a constant series c gives
 * exactly c from t = 1. A NaN input makes every later value NaN (it is not skipped).
 * @param beta decay in [0, 1); 0 is no smoothing, 0.99 averages over about 100 values.
 */
export function exponentialMovingAverage(beta: number): MovingAverage {
  if (!(beta >= 0 && beta < 1)) throw new Error(`exponentialMovingAverage: beta must be in [0, 1), got ${beta}`);
  let m = 0;
  let t = 0;
  let betaPow = 1; // beta^t
  let value = NaN;
  return {
    update(x) {
      t += 1;
      m = beta * m + (1 - beta) * x;
      betaPow *= beta;
      value = m / (1 - betaPow);
      return value;
    },
    get value() { return value; },
    get count() { return t; },
    reset() { m = 0; t = 0; betaPow = 1; value = NaN; },
  };
}

/**
 * Mean of the last `window` values (of all values while fewer have been seen).
 * A NaN input makes the next `window` values NaN.
 * @param window number of values averaged (integer >= 1).
 */
export function windowedMean(window: number): MovingAverage {
  requireInteger('windowedMean', 'window', window, 1);
  const ring: number[] = [];
  let next = 0;
  let t = 0;
  let value = NaN;
  return {
    update(x) {
      if (ring.length < window) ring.push(x);
      else ring[next] = x;
      next = (next + 1) % window;
      t += 1;
      value = ring.reduce((a, b) => a + b, 0) / ring.length; // re-summed: no drift over long runs
      return value;
    },
    get value() { return value; },
    get count() { return t; },
    reset() { ring.length = 0; next = 0; t = 0; value = NaN; },
  };
}

/** Smooths a whole series: out[i] is the average's value after values[0..i]. */
export function smoothSeries(values: readonly number[], average: MovingAverage): number[] {
  average.reset();
  return values.map((x) => average.update(x));
}
