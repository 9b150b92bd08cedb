import {
  constantSchedule,
  exponentialSchedule,
  inverseSigmoidSchedule,
  linearSchedule,
  type TfSchedule,
} from './schedules.js';

/** The names `--tf-schedule` accepts. */
export const TF_SCHEDULE_NAMES = ['constant', 'linear', 'exponential', 'inverse-sigmoid'] as const;
export type TfScheduleName = (typeof TF_SCHEDULE_NAMES)[number];

/** Parameters by name; a schedule reads only its own and ignores the rest. */
export interface TfScheduleParams {
  /** constant: eps (default 1, plain teacher forcing). */
  eps?: number;
  /** linear: offset (default 1); exponential: base in (0, 1); inverse-sigmoid: k >= 1. */
  k?: number;
  /** linear: slope per iteration (required). */
  c?: number;
  /** linear: floor (default 0). */
  epsMin?: number;
}

/** Validates a user-supplied schedule name (e.g. from `--tf-schedule`). */
export function parseTfScheduleName(value: string): TfScheduleName {
  if ((TF_SCHEDULE_NAMES as readonly string[]).includes(value)) return value as TfScheduleName;
  throw new Error(`unknown teacher-forcing schedule '${value}': choose one of ${TF_SCHEDULE_NAMES.join(', ')}`);
}

function need(name: TfScheduleName, key: keyof TfScheduleParams, value: number | undefined, what: string): number {
  if (value === undefined) throw new Error(`teacher-forcing schedule '${name}' needs ${key} (${what})`);
  return value;
}

/**
 * Builds a schedule from its name and parameters:
 * constant {eps = 1}, linear {k = 1, c, epsMin = 0}, exponential {k}, inverse-sigmoid {k}.
 * An unknown name or a missing required parameter throws a message naming it.
 */
export function createTfSchedule(name: string, params: TfScheduleParams = {}): TfSchedule {
  const n = parseTfScheduleName(name);
  switch (n) {
    case 'constant':
      return constantSchedule(params.eps ?? 1);
    case 'linear':
      return linearSchedule({ k: params.k, c: need(n, 'c', params.c, 'slope: eps_i = max(epsMin, k - c*i)'), epsMin: params.epsMin });
    case 'exponential':
      return exponentialSchedule(need(n, 'k', params.k, 'base in (0, 1): eps_i = k^i'));
    case 'inverse-sigmoid':
      return inverseSigmoidSchedule(need(n, 'k', params.k, 'k >= 1: eps_i = k / (k + exp(i/k))'));
  }
}
