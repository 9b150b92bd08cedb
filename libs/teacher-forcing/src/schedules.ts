/**
 * The teacher-forcing schedules of Bengio et al. 2015, "Scheduled Sampling for Sequence
 * Prediction with Recurrent Neural Networks" (section 2.4): eps_i is the probability that the
 * decoder is fed the ground-truth previous token at training iteration i (else it is fed its own
 * previous prediction). All decay from (near) 1 towards a floor or 0.
 */

/** eps as a pure function of the training iteration i (>= 0). */
export type TfSchedule = (i: number) => number;

function checkIteration(who: string, i: number): void {
  if (!Number.isFinite(i) || i < 0) throw new Error(`${who}: iteration i must be a finite number >= 0, got ${i}`);
}

function requireIn(who: string, name: string, v: number, lo: number, hi: number): void {
  if (!(Number.isFinite(v) && v >= lo && v <= hi)) throw new Error(`${who}: ${name} must be in [${lo}, ${hi}], got ${v}`);
}

/** eps_i = eps: plain teacher forcing for eps = 1, free running for eps = 0. */
export function constantSchedule(eps: number): TfSchedule {
  requireIn('constantSchedule', 'eps', eps, 0, 1);
  return (i) => {
    checkIteration('constantSchedule', i);
    return eps;
  };
}

export interface LinearScheduleOptions {
  /** Offset: eps at i = 0, in [0, 1] (default 1). */
  k?: number;
  /** Slope per iteration (>= 0). */
  c: number;
  /** Floor eps, in [0, k] (default 0): "the minimum amount of truth given to the model". */
  epsMin?: number;
}

/** Linear decay: eps_i = max(epsMin, k - c * i). Reaches the floor at i = (k - epsMin) / c. */
export function linearSchedule({ k = 1, c, epsMin = 0 }: LinearScheduleOptions): TfSchedule {
  requireIn('linearSchedule', 'k', k, 0, 1);
  requireIn('linearSchedule', 'epsMin', epsMin, 0, k);
  if (!(Number.isFinite(c) && c >= 0)) throw new Error(`linearSchedule: c must be a finite number >= 0, got ${c}`);
  return (i) => {
    checkIteration('linearSchedule', i);
    return Math.max(epsMin, k - c * i);
  };
}

/** Exponential decay: eps_i = k^i with 0 < k < 1. */
export function exponentialSchedule(k: number): TfSchedule {
  if (!(k > 0 && k < 1)) throw new Error(`exponentialSchedule: k must be in (0, 1), got ${k}`);
  return (i) => {
    checkIteration('exponentialSchedule', i);
    return k ** i;
  };
}

/**
 * Inverse-sigmoid decay: eps_i = k / (k + exp(i / k)) with k >= 1; eps_0 = k / (k + 1), and eps
 * crosses 1/2 at i = k ln k. exp overflows to Infinity for large i, which gives eps = 0.
 */
export function inverseSigmoidSchedule(k: number): TfSchedule {
  if (!(Number.isFinite(k) && k >= 1)) throw new Error(`inverseSigmoidSchedule: k must be a finite number >= 1, got ${k}`);
  return (i) => {
    checkIteration('inverseSigmoidSchedule', i);
    return k / (k + Math.exp(i / k));
  };
}
