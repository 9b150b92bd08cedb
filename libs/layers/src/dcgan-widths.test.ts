import { describe, expect, it } from 'vitest';
import { dcganStages, dcganWidths } from './dcgan-widths.js';

describe('dcgan widths', () => {
  it('28 -> 7x7 base with [64, 32]; 32 -> 4x4 in three stages; 64 -> 4x4 in four, never below 8 maps', () => {
    expect([dcganStages(28), dcganStages(32), dcganStages(64)]).toEqual([2, 3, 4]);
    expect(dcganWidths(28)).toEqual([64, 32]);
    expect(dcganWidths(32, 128)).toEqual([128, 64, 32]);
    expect(dcganWidths(64)).toEqual([64, 32, 16, 8]);
    expect(dcganWidths(64, 16)).toEqual([16, 8, 8, 8]);
  });

  it('throws when the resolution cannot be halved to a base >= 4', () => {
    expect(() => dcganStages(9)).toThrow(/divisible/);
    expect(() => dcganStages(6)).toThrow(/>= 8/);
  });
});
