/**
 * The learning-rate schedule of both players (`--lr-schedule constant|linear|cosine|step` with
 * `--warmup-steps`), shared by the GAN families. A schedule here is the factor of each player's
 * base rate at the 0-based step t = step - 1, built from @stablegen/schedules:
 * - warm-up (W = --warmup-steps >= 2): (t + 1) / W for t < W, so the first step is not wasted at 0;
 * - then over the T = steps - W remaining steps, at t' = t - W:
 *   constant 1; linear 1 - t' / T (the WGAN-GP reference code's decay); cosine (1 + cos(pi t' / T)) / 2;
 *   step --lr-step-factor^floor(t' / E) with E = --lr-step-every (default T / 4, at least 1).
 * Its flatness, the total variation sum |f(t + 1) - f(t)| of the critic's rate (@stablegen/schedules'
 * `flatness`; lower = flatter), is logged as it accumulates, beside both rates.
 */
import type * as tf from '@tensorflow/tfjs-core';
import { constant, cosineDecay, linearWarmup, sequence, setLearningRate, stepDecay, type Schedule } from '@stablegen/schedules';
import { z } from 'zod';

export const LR_SCHEDULES = ['constant', 'linear', 'cosine', 'step'] as const;

/** The schedule flags, the same in every GAN family. */
export const lrScheduleFlags = {
  lrSchedule: z
    .enum(LR_SCHEDULES)
    .default('constant')
    .describe('learning-rate schedule of both players after the warm-up: constant, linear (to 0 at the last step), cosine (to 0), step (x --lr-step-factor every --lr-step-every steps); rates and the flatness (total variation) are logged as lr/d, lr/g, lr/flatness when not constant'),
  warmupSteps: z.number().int().nonnegative().default(0).describe('linear learning-rate warm-up over the first N steps (rate (t + 1) / N of the base), then --lr-schedule'),
  lrStepFactor: z.number().positive().default(0.5).describe('--lr-schedule step: the factor applied at each drop'),
  lrStepEvery: z.number().int().nonnegative().default(0).describe('--lr-schedule step: steps between drops (0 = a quarter of the steps after warm-up)'),
};

export interface LrScheduleConfig {
  steps: number;
  lrSchedule: (typeof LR_SCHEDULES)[number];
  warmupSteps: number;
  lrStepFactor: number;
  lrStepEvery: number;
}

/** The decay part over T steps, as a factor of the base rate at its own 0-based step. */
function decay(c: LrScheduleConfig, T: number): Schedule {
  switch (c.lrSchedule) {
    case 'constant':
      return constant(1);
    case 'linear':
      return linearWarmup({ start: 1, base: 0, steps: T }); // a ramp from 1 down to 0
    case 'cosine':
      return cosineDecay({ base: 1, steps: T });
    case 'step':
      return stepDecay({ base: 1, factor: c.lrStepFactor, every: c.lrStepEvery > 0 ? c.lrStepEvery : Math.max(1, Math.floor(T / 4)) });
  }
}

/** Factor of the base rate at 0-based step t (warm-up, then the decay over the remaining steps). */
export function lrScheduleFactor(c: LrScheduleConfig): Schedule {
  const W = c.warmupSteps >= 2 ? Math.min(c.warmupSteps, c.steps) : 0;
  const rest = decay(c, Math.max(1, c.steps - W));
  if (W === 0) return rest;
  return sequence([{ schedule: linearWarmup({ start: 1 / W, base: 1, steps: W - 1 }), steps: W }, { schedule: rest }]);
}

/** True when the rates move: a schedule other than constant, or a warm-up. */
export const hasLrSchedule = (c: LrScheduleConfig): boolean => c.lrSchedule !== 'constant' || c.warmupSteps >= 2;

/**
 * Sets both players' rates for `step` (1-based), times `scale` (the divergence guard's backoff
 * after rollbacks, StepContext.lrScale), and returns the logged figures: lr/d, lr/g and
 * lr/flatness (total variation of the critic's base-rate schedule over steps 1..step). Empty when
 * constant. The running flatness is recomputed from step 1 when a run resumes or rolls back.
 */
export function lrScheduleDriver(c: LrScheduleConfig & { lrD: number; lrG: number }): (m: { optD: tf.Optimizer; optG: tf.Optimizer }, step: number, scale?: number) => Record<string, number> {
  if (!hasLrSchedule(c)) return () => ({});
  const f = lrScheduleFactor(c);
  let at = 1;
  let variation = 0;
  return (m, step, scale = 1) => {
    if (step < at) [at, variation] = [1, 0];
    for (; at < step; at++) variation += Math.abs(f(at) - f(at - 1));
    const factor = f(step - 1) * scale;
    setLearningRate(m.optD, c.lrD * factor);
    setLearningRate(m.optG, c.lrG * factor);
    return { 'lr/d': c.lrD * factor, 'lr/g': c.lrG * factor, 'lr/flatness': c.lrD * variation };
  };
}
