import { describe, expect, it } from 'vitest';
import { dcganStages, defaultDcganWidths } from './dcgan-widths.js';

describe('dcgan widths', () => {
  it('28 -> 7x7 base with [64, 32]; 32 -> 4x4 with [128, 64, 32]; 64 -> 4x4 with four stages', () => {
    expect([dcganStages(28), dcganStages(32), dcganStages(64)]).toEqual([2, 3, 4]);
    expect(defaultDcganWidths(28)).toEqual([64, 32]);
    expect(defaultDcganWidths(32)).toEqual([128, 64, 32]);
    expect(defaultDcganWidths(64, 8)).toEqual([64, 32, 16, 8]);
  });

  it('throws when the resolution cannot be halved to a base >= 4', () => {
    expect(() => dcganStages(9)).toThrow(/divisible/);
    expect(() => dcganStages(6)).toThrow(/>= 8/);
  });
});
