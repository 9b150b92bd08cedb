/**
 * A schedule is a pure function of the step: the same step always gives the same value, and
 * nothing is stored between calls. Steps are counted from 0 and may be fractional (a fade-in
 * driven by images seen, say); a negative or non-finite step throws.
 */
export type Schedule = (step: number) => number;

/** Throws unless `step` is a finite number >= 0. `who` names the schedule in the message. */
export function checkStep(who: string, step: number): void {
  if (!Number.isFinite(step) || step < 0) {
    throw new Error(`${who}: step must be a finite number >= 0, got ${step}`);
  }
}

/** Throws unless `value` is a finite number. */
export function requireFinite(who: string, name: string, value: number): void {
  if (!Number.isFinite(value)) throw new Error(`${who}: ${name} must be a finite number, got ${value}`);
}

/** Throws unless `value` is a finite number >= 0. */
export function requireNonNegative(who: string, name: string, value: number): void {
  if (!Number.isFinite(value) || value < 0) {
    throw new Error(`${who}: ${name} must be a finite number >= 0, got ${value}`);
  }
}

/** Throws unless `value` is a finite number > 0. */
export function requirePositive(who: string, name: string, value: number): void {
  if (!Number.isFinite(value) || value <= 0) {
    throw new Error(`${who}: ${name} must be a finite number > 0, got ${value}`);
  }
}

/** Throws unless `value` is an integer >= `min`. */
export function requireInteger(who: string, name: string, value: number, min: number): void {
  if (!Number.isInteger(value) || value < min) {
    throw new Error(`${who}: ${name} must be an integer >= ${min}, got ${value}`);
  }
}

/** The schedule that is `value` at every step. */
export function constant(value: number): Schedule {
  requireFinite('constant', 'value', value);
  return (step) => {
    checkStep('constant', step);
    return value;
  };
}
