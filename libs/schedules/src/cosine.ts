import { checkStep, requireFinite, requireNonNegative, type Schedule } from './schedule.js';

export interface CosineDecayOptions {
  /** Value at step 0. */
  base: number;
  /** Decay length T in steps (>= 0; 0 means `floor` from step 0). */
  steps: number;
  /** Value reached at step T and held afterwards (default 0). */
  floor?: number;
}

/**
 * Cosine decay (Loshchilov & Hutter 2017, without restarts):
 * lr(t) = floor + (base - floor) * (1 + cos(pi * min(t, T) / T)) / 2,
 * so lr(0) = base, lr(T/2) = (base + floor) / 2 and lr(t) = floor for t >= T.
 */
export function cosineDecay({ base, steps, floor = 0 }: CosineDecayOptions): Schedule {
  requireFinite('cosineDecay', 'base', base);
  requireFinite('cosineDecay', 'floor', floor);
  requireNonNegative('cosineDecay', 'steps', steps);
  return (step) => {
    checkStep('cosineDecay', step);
    if (step >= steps) return floor;
    return floor + ((base - floor) * (1 + Math.cos((Math.PI * step) / steps))) / 2;
  };
}
