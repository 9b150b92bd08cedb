import { checkStep, requireNonNegative, type Schedule } from './schedule.js';

export interface LeakDecayOptions {
  /** LeakyReLU slope at step 0 (>= alphaMin). */
  alpha0: number;
  /** Floor the slope saturates at (>= 0). */
  alphaMin: number;
  /** Per-step multiplier, in (0, 1]. */
  decay: number;
}

/**
 * LeakyReLU slope annealing with a saturated exponential decay:
 * alpha(t) = max(alphaMin, alpha0 * decay^t).
 * It falls geometrically from alpha0 and stays at alphaMin from
 * t* = ceil(ln(alphaMin / alpha0) / ln(decay)) on (for alphaMin > 0, decay < 1).
 */
export function leakDecay({ alpha0, alphaMin, decay }: LeakDecayOptions): Schedule {
  requireNonNegative('leakDecay', 'alphaMin', alphaMin);
  requireNonNegative('leakDecay', 'alpha0', alpha0);
  if (alpha0 < alphaMin) throw new Error(`leakDecay: alpha0 (${alpha0}) must be >= alphaMin (${alphaMin})`);
  if (!(decay > 0 && decay <= 1)) throw new Error(`leakDecay: decay must be in (0, 1], got ${decay}`);
  return (step) => {
    checkStep('leakDecay', step);
    return Math.max(alphaMin, alpha0 * decay ** step);
  };
}
