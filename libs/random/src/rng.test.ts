import { describe, expect, test } from 'vitest';
import { createRng } from './rng.js';

describe('createRng', () => {
  test('same seed gives the same sequence, another seed a different one', () => {
    const a = createRng(7);
    const b = createRng(7);
    const c = createRng(8);
    const seqA = Array.from({ length: 20 }, () => a.uniform());
    expect(Array.from({ length: 20 }, () => b.uniform())).toEqual(seqA);
    expect(Array.from({ length: 20 }, () => c.uniform())).not.toEqual(seqA);
  });

  test('restoring a saved state continues the same sequence', () => {
    const a = createRng(3);
    for (let i = 0; i < 100; i++) a.uniform();
    const saved = JSON.parse(JSON.stringify(a.state()));
    const expected = Array.from({ length: 10 }, () => a.nextSeed());
    const resumed = createRng(0, saved);
    expect(Array.from({ length: 10 }, () => resumed.nextSeed())).toEqual(expected);
  });

  test('moments match U(0,1) and N(0,1) (1/12 variance; unit variance)', () => {
    const r = createRng(11);
    const n = 20000;
    const u = Array.from({ length: n }, () => r.uniform());
    const z = Array.from({ length: n }, () => r.normal());
    const mean = (x: number[]) => x.reduce((s, v) => s + v, 0) / x.length;
    const variance = (x: number[]) => mean(x.map((v) => (v - mean(x)) ** 2));
    // Standard errors at n = 20000: mean(U) 0.002, mean(N) 0.007; tolerances are ~4 SE.
    expect(Math.abs(mean(u) - 0.5)).toBeLessThan(0.008);
    expect(Math.abs(variance(u) - 1 / 12)).toBeLessThan(0.004);
    expect(Math.abs(mean(z))).toBeLessThan(0.03);
    expect(Math.abs(variance(z) - 1)).toBeLessThan(0.04);
    expect(u.every((v) => v >= 0 && v < 1)).toBe(true);
  });

  test('int and nextSeed stay in range; shuffle is a permutation', () => {
    const r = createRng(5);
    for (let i = 0; i < 1000; i++) {
      const k = r.int(10);
      expect(Number.isInteger(k) && k >= 0 && k < 10).toBe(true);
      const s = r.nextSeed();
      expect(Number.isInteger(s) && s >= 0 && s < 2 ** 31).toBe(true);
    }
    const items = Array.from({ length: 50 }, (_, i) => i);
    const shuffled = r.shuffle([...items]);
    expect(shuffled).not.toEqual(items);
    expect([...shuffled].sort((a, b) => a - b)).toEqual(items);
  });

  test('throws when the seed is not finite', () => {
    expect(() => createRng(Number.NaN)).toThrow(/finite/);
  });
});
