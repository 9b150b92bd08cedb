import { checkStep, requireFinite, requireNonNegative, type Schedule } from './schedule.js';

export interface LinearWarmupOptions {
  /** Value reached at step `steps` and held afterwards (the base learning rate). */
  base: number;
  /** Warm-up length W in steps (>= 0; 0 means no warm-up: `base` from step 0). */
  steps: number;
  /** Value at step 0 (default 0). */
  start?: number;
}

/**
 * Linear warm-up: lr(t) = start + (base - start) * min(t, W) / W, so lr(0) = start and
 * lr(t) = base for t >= W.
 */
export function linearWarmup({ base, steps, start = 0 }: LinearWarmupOptions): Schedule {
  requireFinite('linearWarmup', 'base', base);
  requireFinite('linearWarmup', 'start', start);
  requireNonNegative('linearWarmup', 'steps', steps);
  return (step) => {
    checkStep('linearWarmup', step);
    if (step >= steps) return base;
    return start + ((base - start) * step) / steps;
  };
}
