import { describe, expect, it } from 'vitest';
import { flattenConfig, formatDuration, formatValue } from './format.js';

describe('format', () => {
  it('formatValue: 6 significant digits, non-finite spelled out, missing as a dash', () => {
    expect(formatValue(31.23456789)).toBe('31.2346');
    expect(formatValue(0.7)).toBe('0.7');
    expect(formatValue(1234567)).toBe('1234570');
    expect(formatValue(NaN)).toBe('NaN');
    expect(formatValue(-Infinity)).toBe('-Infinity');
    expect(formatValue(undefined)).toBe('—');
  });

  it('formatDuration: seconds, minutes, hours', () => {
    expect(formatDuration(12.34)).toBe('12.3 s');
    expect(formatDuration(185)).toBe('3 min 05 s'); // 185 = 3*60 + 5
    expect(formatDuration(7380)).toBe('2 h 03 min'); // 7380 = 2*3600 + 3*60
    expect(formatDuration(undefined)).toBe('—');
  });

  it('flattenConfig: dotted keys, arrays and scalars as JSON', () => {
    expect(flattenConfig({ a: 1, b: { c: 'x', d: [1, 2] }, e: null })).toEqual([
      ['a', '1'],
      ['b.c', '"x"'],
      ['b.d', '[1,2]'],
      ['e', 'null'],
    ]);
  });
});
