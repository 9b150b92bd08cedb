import { checkStep, requireNonNegative, type Schedule } from './schedule.js';
import { linearWarmup } from './warmup.js';
import { cosineDecay } from './cosine.js';

/** One piece of a `sequence`: `schedule` is run for `steps` steps in its own local time. */
export interface Segment {
  schedule: Schedule;
  /** Length in steps (>= 0). Required on every segment but the last, which runs on forever. */
  steps?: number;
}

/**
 * Runs schedules one after another. Segment i starts at offset o_i = steps_0 + ... + steps_{i-1}
 * and sees the local step t - o_i, so each piece is written as if it started at 0:
 *
 *   sequence([{ schedule: linearWarmup({ base, steps: W }), steps: W },
 *             { schedule: cosineDecay({ base, steps: T }) }])
 *
 * is warm-up on [0, W) and cosine on [W, inf) with cosine's step 0 at t = W. The boundary is
 * continuous exactly when segment i's value at its own end equals segment i+1's value at 0
 * (warm-up ends at `base`, cosine starts at `base`); `sequence` does not smooth jumps.
 */
export function sequence(segments: readonly Segment[]): Schedule {
  if (segments.length === 0) throw new Error('sequence: needs at least one segment');
  const offsets: number[] = [];
  let offset = 0;
  segments.forEach((seg, i) => {
    const last = i === segments.length - 1;
    if (seg.steps === undefined && !last) {
      throw new Error(`sequence: segment ${i} needs 'steps' (only the last segment may omit it)`);
    }
    if (seg.steps !== undefined) requireNonNegative('sequence', `segments[${i}].steps`, seg.steps);
    offsets.push(offset);
    offset += seg.steps ?? 0;
  });
  return (step) => {
    checkStep('sequence', step);
    let i = segments.length - 1;
    while (i > 0 && step < offsets[i]) i--;
    return segments[i].schedule(step - offsets[i]);
  };
}

export interface WarmupCosineOptions {
  /** Peak value, reached at the end of warm-up. */
  base: number;
  /** Warm-up length W (>= 0). */
  warmupSteps: number;
  /** Total length W + T (>= W): cosine runs for T = totalSteps - warmupSteps steps. */
  totalSteps: number;
  /** Value at step 0 (default 0). */
  start?: number;
  /** Value from `totalSteps` on (default 0). */
  floor?: number;
}

/** Linear warm-up from `start` to `base` over W steps, then cosine from `base` to `floor`. */
export function warmupCosine(opts: WarmupCosineOptions): Schedule {
  const { base, warmupSteps, totalSteps, start = 0, floor = 0 } = opts;
  requireNonNegative('warmupCosine', 'warmupSteps', warmupSteps);
  if (!(totalSteps >= warmupSteps) || !Number.isFinite(totalSteps)) {
    throw new Error(`warmupCosine: totalSteps (${totalSteps}) must be finite and >= warmupSteps (${warmupSteps})`);
  }
  return sequence([
    { schedule: linearWarmup({ base, start, steps: warmupSteps }), steps: warmupSteps },
    { schedule: cosineDecay({ base, floor, steps: totalSteps - warmupSteps }) },
  ]);
}
