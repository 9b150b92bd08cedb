import { checkStep, requireNonNegative, requirePositive, type Schedule } from './schedule.js';

export interface LinearSigmaOptions {
  /** Noise std at step 0 (>= 0). */
  sigma0: number;
  /** Steps T after which the std is 0 (> 0). */
  steps: number;
}

/**
 * Instance-noise std annealed linearly to 0 (Sønderby et al. 2017; Arjovsky & Bottou 2017):
 * sigma(t) = sigma0 * max(0, 1 - t / T).
 */
export function linearSigmaAnneal({ sigma0, steps }: LinearSigmaOptions): Schedule {
  requireNonNegative('linearSigmaAnneal', 'sigma0', sigma0);
  requirePositive('linearSigmaAnneal', 'steps', steps);
  return (step) => {
    checkStep('linearSigmaAnneal', step);
    return sigma0 * Math.max(0, 1 - step / steps);
  };
}

export interface ExponentialSigmaOptions {
  /** Noise std at step 0 (>= 0). */
  sigma0: number;
  /** Steps over which the std halves (> 0). */
  halfLife: number;
  /** Step from which the std is exactly 0 (default: never). */
  cutoff?: number;
}

/**
 * Instance-noise std annealed exponentially towards 0: sigma(t) = sigma0 * 2^(-t / halfLife),
 * and 0 from `cutoff` on if given (an exponential never reaches 0 by itself).
 */
export function exponentialSigmaAnneal({ sigma0, halfLife, cutoff = Infinity }: ExponentialSigmaOptions): Schedule {
  requireNonNegative('exponentialSigmaAnneal', 'sigma0', sigma0);
  requirePositive('exponentialSigmaAnneal', 'halfLife', halfLife);
  if (!(cutoff >= 0)) throw new Error(`exponentialSigmaAnneal: cutoff must be >= 0, got ${cutoff}`);
  return (step) => {
    checkStep('exponentialSigmaAnneal', step);
    return step >= cutoff ? 0 : sigma0 * 2 ** (-step / halfLife);
  };
}
