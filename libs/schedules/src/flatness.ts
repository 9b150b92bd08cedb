import { requireInteger, type Schedule } from './schedule.js';

/**
 * Total variation of a schedule over its first `steps` steps:
 * flatness(s, N) = sum_{t=0}^{N-2} |s(t+1) - s(t)|  (0 for N <= 1).
 * For a monotone schedule it telescopes to |s(N-1) - s(0)|; every jump of a step schedule counts
 * once. Lower is smoother; compare schedules over the same N.
 */
export function flatness(schedule: Schedule, steps: number): number {
  requireInteger('flatness', 'steps', steps, 0);
  let total = 0;
  let prev = schedule(0);
  for (let t = 1; t < steps; t++) {
    const next = schedule(t);
    total += Math.abs(next - prev);
    prev = next;
  }
  return total;
}
