import { describe, expect, it } from 'vitest';
import { lrScheduleFromConfig, prefixLengthsOf, scheduleFromConfig } from './models.js';
import { seq2seqSchema } from './config.js';
import { resolveAppConfig } from '@stablegen/trainer';
import { seq2seqRecipe } from './recipe.js';

describe('lrScheduleFromConfig', () => {
  it('warm-up from 0, then cosine to the floor at the last step (values by hand)', () => {
    const lr = lrScheduleFromConfig(seq2seqSchema.parse({ steps: 101, warmupSteps: 20, lr: 0.01, lrFloor: 0.001 }));
    expect(lr(0)).toBe(0);
    expect(lr(10)).toBeCloseTo(0.005, 12); // half-way up the warm-up
    expect(lr(20)).toBeCloseTo(0.01, 12); // peak
    expect(lr(60)).toBeCloseTo(0.0055, 12); // cosine half-way (step 40 of 80): (0.01 + 0.001) / 2
    expect(lr(100)).toBeCloseTo(0.001, 12); // the last 0-based step
  });
  it("'none' holds the peak after warm-up; warm-up longer than the run is cut", () => {
    const flat = lrScheduleFromConfig(seq2seqSchema.parse({ steps: 50, warmupSteps: 10, lr: 0.01, lrDecay: 'none' }));
    expect(flat(49)).toBe(0.01);
    const short = lrScheduleFromConfig(seq2seqSchema.parse({ steps: 5, warmupSteps: 100, lr: 0.01 }));
    expect(short(3)).toBeCloseTo(0.0075, 12); // warm-up cut to steps - 1 = 4: 3/4 of the peak
    expect(short(4)).toBe(2.5e-4); // the last step is at the floor
  });
});

describe('prefixLengthsOf', () => {
  it("resolves 'auto' and 'none', and rejects a length the targets do not have before any training", () => {
    const c = (prefixLengths: string) => seq2seqSchema.parse({ task: 'iso', prefixLengths });
    expect(prefixLengthsOf(c('auto'), 11)).toEqual([0, 3, 5, 8]);
    expect(prefixLengthsOf(c('none'), 11)).toEqual([]);
    expect(prefixLengthsOf(c('0,4,10'), 11)).toEqual([0, 4, 10]);
    expect(() => prefixLengthsOf(c('0,11'), 11)).toThrow(/--prefix-lengths 0,11: 11 is not shorter than the iso targets \(11 decoder steps\)/);
    expect(() => c('1;2')).toThrow(/comma list of integers/);
  });
});

describe("--tf-schedule auto", () => {
  it('iso-reversed decays linearly from 1 to 0.25 at the last step (the bench winner); iso stays at --tf-eps', () => {
    const reversed = scheduleFromConfig(seq2seqSchema.parse({ task: 'iso-reversed', steps: 500 }));
    expect([reversed(0), reversed(250), reversed(500)].map((e) => Number(e.toFixed(12)))).toEqual([1, 0.625, 0.25]);
    const iso = scheduleFromConfig(seq2seqSchema.parse({ task: 'iso', steps: 500 }));
    expect([iso(0), iso(499)]).toEqual([1, 1]);
    expect(scheduleFromConfig(seq2seqSchema.parse({ task: 'spelled', tfEps: 0.9 }))(10)).toBe(0.9);
    // an explicit schedule is taken as given on every task
    expect(scheduleFromConfig(seq2seqSchema.parse({ task: 'iso-reversed', tfSchedule: 'constant' }))(400)).toBe(1);
  });

  it('config.json records the schedule that ran, not "auto"', () => {
    const reversed = resolveAppConfig(seq2seqRecipe, {}, ['--task', 'iso-reversed', '--steps', '400'])!;
    expect(reversed).toMatchObject({ tfSchedule: 'linear', tfK: 1, tfC: 0.75 / 400, tfEpsMin: 0.25 });
    expect(resolveAppConfig(seq2seqRecipe, {}, ['--task', 'iso'])!.tfSchedule).toBe('constant');
    expect(resolveAppConfig(seq2seqRecipe, {}, ['--task', 'iso-reversed', '--tf-schedule', 'exponential', '--tf-k', '0.99'])!).toMatchObject({ tfSchedule: 'exponential', tfK: 0.99 });
  });
});
