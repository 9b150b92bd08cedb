import { createTfSchedule } from '@stablegen/teacher-forcing';
import { describe, expect, it } from 'vitest';
import { benchSchema, inverseSigmoidK, scheduleParams, variants } from './bench-config.js';

describe('bench schedule defaults', () => {
  it('inverse sigmoid and exponential cross eps = 1/2 at half the budget; linear reaches its floor at the end', () => {
    const c = benchSchema.parse({ steps: 600, tfEpsMin: 0.2 });
    const at = (schedule: 'linear' | 'exponential' | 'inverse-sigmoid', i: number) => createTfSchedule(schedule, scheduleParams(schedule, c))(i);
    expect(at('inverse-sigmoid', 300)).toBeCloseTo(0.5, 9); // k / (k + e^(300/k)) with k ln k = 300
    expect(at('exponential', 300)).toBeCloseTo(0.5, 12); // (0.5^(1/300))^300
    expect(at('linear', 600)).toBeCloseTo(0.2, 12); // max(0.2, 1 - (0.8/600) 600)
    expect(at('linear', 300)).toBeCloseTo(0.6, 12); // 1 - 0.4
  });

  it('solves k ln k = i', () => {
    const k = inverseSigmoidK(246);
    expect(k * Math.log(k)).toBeCloseTo(246, 9);
  });

  it('the variants differ only in the schedule flags', () => {
    const [tf, lin] = variants(benchSchema.parse({ steps: 400, schedules: 'linear' }));
    expect(tf.flags).toEqual(['--tf-schedule', 'constant', '--tf-eps', '1']);
    expect(lin.flags).toEqual(['--tf-schedule', 'linear', '--tf-c', String(0.75 / 400), '--tf-eps-min', '0.25', '--tf-mode', 'greedy']);
  });

  it('throws when a schedule name is unknown', () => {
    expect(benchSchema.safeParse({ schedules: 'linear,cosine' }).success).toBe(false);
  });
});
