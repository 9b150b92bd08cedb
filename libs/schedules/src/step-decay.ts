import { checkStep, requireFinite, requirePositive, type Schedule } from './schedule.js';

export interface StepDecayOptions {
  /** Value on steps [0, every). */
  base: number;
  /** Multiplier applied once every `every` steps (> 0; < 1 decays). */
  factor: number;
  /** Steps between two multiplications k (> 0). */
  every: number;
}

/** Step decay: lr(t) = base * factor^floor(t / k). It jumps at t = k, 2k, 3k, ... */
export function stepDecay({ base, factor, every }: StepDecayOptions): Schedule {
  requireFinite('stepDecay', 'base', base);
  requirePositive('stepDecay', 'factor', factor);
  requirePositive('stepDecay', 'every', every);
  return (step) => {
    checkStep('stepDecay', step);
    return base * factor ** Math.floor(step / every);
  };
}
