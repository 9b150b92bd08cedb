/**
 * The shared learning-rate schedule against its closed forms: warm-up (t + 1) / W, then linear,
 * cosine and step decay over the remaining T steps; the optimizers get the rates before the step;
 * the logged flatness is the total variation that @stablegen/schedules' `flatness` computes, and
 * for the monotone schedules it telescopes to |lr(end) - lr(start)|.
 */
import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { flatness } from '@stablegen/schedules';
import { describe, expect, it } from 'vitest';
import { lrScheduleDriver, lrScheduleFactor, type LrScheduleConfig } from './lr-schedule.js';

const base: LrScheduleConfig = { steps: 10, lrSchedule: 'constant', warmupSteps: 0, lrStepFactor: 0.5, lrStepEvery: 0 };
const factors = (c: Partial<LrScheduleConfig>) => Array.from({ length: (c.steps ?? base.steps) }, (_, t) => lrScheduleFactor({ ...base, ...c })(t));

describe('lrScheduleFactor', () => {
  it('constant, and linear from 1 by 1/T per step (the WGAN-GP reference decay)', () => {
    expect(factors({})).toEqual(Array(10).fill(1));
    factors({ lrSchedule: 'linear' }).forEach((f, t) => expect(f).toBeCloseTo(1 - t / 10, 12));
  });

  it('cosine: (1 + cos(pi t / T)) / 2', () => {
    factors({ lrSchedule: 'cosine' }).forEach((f, t) => expect(f).toBeCloseTo((1 + Math.cos((Math.PI * t) / 10)) / 2, 12));
  });

  it('step: factor^floor(t / E), E a quarter of T by default or --lr-step-every', () => {
    expect(factors({ lrSchedule: 'step', steps: 8 })).toEqual([1, 1, 0.5, 0.5, 0.25, 0.25, 0.125, 0.125]);
    expect(factors({ lrSchedule: 'step', steps: 8, lrStepEvery: 3, lrStepFactor: 0.1 }).map((f) => +f.toFixed(12))).toEqual([1, 1, 1, 0.1, 0.1, 0.1, 0.01, 0.01]);
  });

  it('warm-up (t + 1) / W over W steps, then the decay over the T = steps - W that remain', () => {
    const f = factors({ lrSchedule: 'cosine', warmupSteps: 4, steps: 10 });
    [0.25, 0.5, 0.75, 1].forEach((v, t) => expect(f[t]).toBeCloseTo(v, 12));
    for (let t = 4; t < 10; t++) expect(f[t]).toBeCloseTo((1 + Math.cos((Math.PI * (t - 4)) / 6)) / 2, 12);
    expect(factors({ warmupSteps: 5, steps: 8 }).map((v) => +v.toFixed(12))).toEqual([0.2, 0.4, 0.6, 0.8, 1, 1, 1, 1]);
  });
});

describe('lrScheduleDriver', () => {
  const optimizers = () => ({ optD: tf.train.adam(1), optG: tf.train.adam(1) });
  const rate = (o: tf.Optimizer) => (o as unknown as { learningRate: number }).learningRate;

  it('sets both rates for the step and logs them with the running flatness, equal to the lib\'s total variation', () => {
    const c = { ...base, lrSchedule: 'step' as const, warmupSteps: 3, steps: 12, lrD: 2e-4, lrG: 4e-4 };
    const drive = lrScheduleDriver(c);
    const m = optimizers();
    const lrD = (t: number) => c.lrD * lrScheduleFactor(c)(t);
    for (let step = 1; step <= 12; step++) {
      const logged = drive(m, step);
      expect(rate(m.optD)).toBeCloseTo(lrD(step - 1), 15);
      expect(rate(m.optG)).toBeCloseTo(2 * lrD(step - 1), 15);
      expect(logged['lr/d']).toBe(rate(m.optD));
      expect(logged['lr/g']).toBe(rate(m.optG));
      expect(logged['lr/flatness']).toBeCloseTo(flatness(lrD, step), 15);
    }
  });

  it('a monotone schedule\'s flatness telescopes to the total drop; a resumed run recomputes it', () => {
    const c = { ...base, lrSchedule: 'cosine' as const, steps: 50, lrD: 1e-3, lrG: 1e-3 };
    const m = optimizers();
    const drive = lrScheduleDriver(c);
    let last: Record<string, number> = {};
    for (let step = 1; step <= 50; step++) last = drive(m, step);
    const f = lrScheduleFactor(c);
    expect(last['lr/flatness']).toBeCloseTo(1e-3 * (f(0) - f(49)), 15);
    expect(drive(m, 20)['lr/flatness']).toBeCloseTo(1e-3 * (f(0) - f(19)), 15); // back to step 20 (a resume)
  });

  it('constant without warm-up changes nothing and logs nothing', () => {
    const m = optimizers();
    expect(lrScheduleDriver({ ...base, lrD: 0.1, lrG: 0.1 })(m, 5)).toEqual({});
    expect(rate(m.optD)).toBe(1);
  });
});
