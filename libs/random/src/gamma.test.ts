import { describe, expect, test } from 'vitest';
import { betaDraw, dirichletDraw, gammaDraw } from './gamma.js';
import { createRng } from './rng.js';

const N = 20000;
const share = (xs: number[], pred: (x: number) => boolean) => xs.filter(pred).length / xs.length;
const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;

describe('gamma, beta and dirichlet draws', () => {
  test('Gamma(shape) has mean and variance shape, for shapes below and above 1', () => {
    const rng = createRng(5);
    for (const shape of [0.5, 1, 5.5]) {
      const xs = Array.from({ length: N }, () => gammaDraw(rng, shape));
      const m = mean(xs);
      const v = mean(xs.map((x) => (x - m) ** 2));
      // standard error of the mean sqrt(shape / N): 0.005..0.017; 5 SE tolerance
      expect(Math.abs(m - shape)).toBeLessThan(5 * Math.sqrt(shape / N));
      expect(Math.abs(v / shape - 1)).toBeLessThan(0.08);
    }
  });

  test('Beta CDFs match their closed forms: Beta(a, 1) is x^a, Beta(1, b) is 1 - (1 - x)^b', () => {
    const rng = createRng(9);
    for (const [a, b] of [[5.5, 1], [0.5, 1], [1, 2.5]] as const) {
      const xs = Array.from({ length: N }, () => betaDraw(rng, a, b));
      for (const x of [0.2, 0.5, 0.8]) {
        const cdf = b === 1 ? x ** a : 1 - (1 - x) ** b;
        // binomial standard error sqrt(p (1 - p) / N) <= 0.0036; 4 SE
        expect(Math.abs(share(xs, (v) => v <= x) - cdf)).toBeLessThan(0.015);
      }
    }
  });

  test('Dirichlet draws sum to 1 and their means are alpha / sum(alpha)', () => {
    const rng = createRng(3);
    const alphas = [5.5, 0.5, 0.5, 2.5];
    const draws = Array.from({ length: N }, () => dirichletDraw(rng, alphas));
    for (const d of draws.slice(0, 100)) expect(d.reduce((s, x) => s + x, 0)).toBeCloseTo(1, 12);
    alphas.forEach((a, i) => expect(Math.abs(mean(draws.map((d) => d[i])) - a / 9)).toBeLessThan(0.01));
  });

  test('bad shapes fail loudly', () => {
    expect(() => gammaDraw(createRng(1), 0)).toThrow(/shape must be a positive finite number, got 0/);
    expect(() => betaDraw(createRng(1), Number.NaN, 1)).toThrow(/got NaN/);
  });
});
