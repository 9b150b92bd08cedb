import { describe, expect, it } from 'vitest';
import { takeIntFlag } from './take-flag.js';

describe('takeIntFlag', () => {
  it('takes --name v, --name=v and the camelCase spelling out of argv; fallback when absent', () => {
    const a = ['--steps', '5', '--first-seed', '3', '--lr', '1e-3'];
    expect(takeIntFlag(a, 'first-seed', 1)).toBe(3);
    expect(a).toEqual(['--steps', '5', '--lr', '1e-3']);
    const b = ['--firstSeed=4', '--x'];
    expect(takeIntFlag(b, 'first-seed', 1)).toBe(4);
    expect(b).toEqual(['--x']);
    expect(takeIntFlag(b, 'seeds', 7)).toBe(7);
  });

  it('throws a UserError for a value that is not an integer >= 1', () => {
    expect(() => takeIntFlag(['--seeds', '0'], 'seeds', 1)).toThrow(/--seeds must be a positive integer, got '0'/);
    expect(() => takeIntFlag(['--seeds=abc'], 'seeds', 1)).toThrow(/got 'abc'/);
  });
});
