import { describe, expect, it } from 'vitest';
import { TF_SCHEDULE_NAMES, createTfSchedule, parseTfScheduleName } from './factory.js';

describe('createTfSchedule', () => {
  it('basic: each name builds its formula', () => {
    expect(createTfSchedule('constant', { eps: 0.25 })(123)).toBe(0.25);
    expect(createTfSchedule('constant')(0)).toBe(1); // default eps = 1: plain teacher forcing
    expect(createTfSchedule('linear', { c: 0.002, epsMin: 0.2 })(100)).toBeCloseTo(0.8, 15); // 1 - 0.2
    expect(createTfSchedule('linear', { c: 0.002, epsMin: 0.2 })(1000)).toBe(0.2); // 1 - 2 < floor
    expect(createTfSchedule('exponential', { k: 0.5 })(3)).toBe(0.125); // 0.5^3
    expect(createTfSchedule('inverse-sigmoid', { k: 5 })(0)).toBeCloseTo(5 / 6, 15); // k / (k + 1)
    // k = 5, i = 20: 5 / (5 + e^4) = 5 / 59.59815 = 0.0838952
    expect(createTfSchedule('inverse-sigmoid', { k: 5 })(20)).toBeCloseTo(0.0838952215, 9);
  });

  it('ignores parameters of other schedules', () => {
    expect(createTfSchedule('exponential', { k: 0.9, c: 3, eps: 0.1 })(1)).toBeCloseTo(0.9, 15);
  });

  it('throws when the name is unknown', () => {
    expect(() => createTfSchedule('cosine')).toThrow(
      "unknown teacher-forcing schedule 'cosine': choose one of constant, linear, exponential, inverse-sigmoid",
    );
  });

  it('throws when a required parameter is missing', () => {
    expect(() => createTfSchedule('linear', { k: 1 })).toThrow(/'linear' needs c \(slope/);
    expect(() => createTfSchedule('exponential')).toThrow(/'exponential' needs k/);
    expect(() => createTfSchedule('inverse-sigmoid', {})).toThrow(/'inverse-sigmoid' needs k/);
  });

  it('passes invalid values on to the schedule, which rejects them', () => {
    expect(() => createTfSchedule('exponential', { k: 2 })).toThrow(/k must be in \(0, 1\), got 2/);
  });
});

describe('parseTfScheduleName', () => {
  it('accepts every listed name', () => {
    for (const n of TF_SCHEDULE_NAMES) expect(parseTfScheduleName(n)).toBe(n);
  });
  it('throws when the name is unknown', () => {
    expect(() => parseTfScheduleName('Linear')).toThrow(/unknown teacher-forcing schedule 'Linear'/);
  });
});
