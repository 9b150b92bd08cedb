import { describe, expect, test } from 'vitest';
import { widestRun } from './cells.js';
import { areaOfRow, emaEffect, type JudgedOutcome, POSTERIOR, rangeDraws, rangeOfRow, rangePosterior, stabiliserEffect } from './range-posterior.js';

/** `k[i]` of `n` runs converge at multiplier `mults[i]`; `raw` (if given) says how many of those the raw generator also passes. */
function runsOf(recipe: string, mults: number[], k: number[], n: number, raw?: (m: number, i: number) => boolean): JudgedOutcome[] {
  return mults.flatMap((m, c) => Array.from({ length: n }, (_, i) => ({ recipe, multiplier: m, converged: i < k[c], ...(raw ? { rawConverged: raw(m, i) } : {}) })));
}

const SEVEN = [0.0562, 0.147, 0.383, 1, 2.61, 6.81, 17.8];
const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;

describe('widestRun and the row measures', () => {
  test('widest run of trues, the first of equal length, none when all false', () => {
    expect(widestRun([false, true, true, false, true])).toEqual([1, 2]);
    expect(widestRun([true, false, true])).toEqual([0, 0]);
    expect(widestRun([false, false])).toBeUndefined();
  });

  test('range and converging decades of a row: log10(to / from) and the trapezoid integral', () => {
    const row = { multipliers: [0.1, 1, 10, 100], p: [0, 1, 1, 0.5] };
    expect(rangeOfRow(row)).toBeCloseTo(1, 12); // x1 .. x10; 0.5 is below the 80% bar
    expect(areaOfRow(row)).toBeCloseTo(0.5 + 1 + 0.75, 12);
    expect(rangeOfRow({ multipliers: [1, 10], p: [0.5, 0.2] })).toBe(0);
  });
});

describe('the posterior of a working range', () => {
  test('two cells of 5/5 under a uniform prior: P(range = 1 decade) = (1 - 0.8^6)^2 and E[area] = 6/7', () => {
    const runs = runsOf('r', [1, 10], [5, 5], 5);
    const draws = rangeDraws(runs, 'r', { ...POSTERIOR, prior: 1, draws: 8000 });
    const full = draws.range.filter((d) => d > 0.999).length / draws.range.length;
    // Beta(6, 1): P(p >= 0.8) = 1 - 0.8^6; both cells independently. MC standard error 0.0056.
    expect(Math.abs(full - (1 - 0.8 ** 6) ** 2)).toBeLessThan(0.025);
    expect(Math.abs(mean(draws.area) - 6 / 7)).toBeLessThan(0.01);
  });

  test('observed range at the edge of the grid is flagged censored; the interval holds the observed area', () => {
    const edge = rangePosterior(runsOf('r', SEVEN, [5, 5, 5, 0, 0, 0, 0], 5), 'r');
    expect(edge.censored).toBe(true);
    const inside = rangePosterior(runsOf('r', SEVEN, [0, 5, 5, 5, 4, 0, 0], 5), 'r');
    expect(inside.censored).toBe(false);
    expect(inside.area.lo).toBeLessThan(inside.observedArea);
    expect(inside.area.hi).toBeGreaterThan(inside.observedArea);
    expect(inside.range.hi).toBeLessThanOrEqual(Math.log10(17.8 / 0.0562) + 1e-12);
  });
});

describe('stabiliser effects', () => {
  test('converging everywhere against nowhere is widened (and the reverse narrowed); equal rows are within noise', () => {
    const runs = [...runsOf('all', SEVEN, [5, 5, 5, 5, 5, 5, 5], 5), ...runsOf('none', SEVEN, [0, 0, 0, 0, 0, 0, 0], 5), ...runsOf('same', SEVEN, [5, 5, 5, 5, 5, 5, 5], 5)];
    const up = stabiliserEffect(runs, 'x', 'all', 'none');
    expect(up.verdict).toBe('widened');
    expect(up.areaDiff.lo).toBeGreaterThan(1.5);
    expect(up.pWider).toBe(1);
    expect(up.observed).toMatchObject({ baselineRange: 0, baselineArea: 0 });
    expect(up.observed.range).toBeCloseTo(Math.log10(17.8 / 0.0562), 12);
    expect(stabiliserEffect(runs, 'x', 'none', 'all').verdict).toBe('narrowed');
    const same = stabiliserEffect(runs, 'x', 'same', 'all');
    expect(same.verdict).toBe('within noise');
    expect(same.pWider).toBeGreaterThan(0.4);
    expect(same.pWider).toBeLessThan(0.6);
  });

  test('EMA vs raw on the same runs: identical judgements give an interval around 0, tighter than unpaired; EMA-only passes widen', () => {
    const k = [0, 2, 5, 5, 4, 1, 0];
    const identical = runsOf('r', SEVEN, k, 5, (m, i) => i < k[SEVEN.indexOf(m)]);
    const paired = emaEffect(identical, 'r');
    expect(paired.verdict).toBe('within noise');
    expect(paired.areaDiff.median).toBeCloseTo(0, 1);
    const twin = [...identical, ...runsOf('twin', SEVEN, k, 5)];
    const unpaired = stabiliserEffect(twin, 'x', 'r', 'twin');
    expect(paired.areaDiff.hi - paired.areaDiff.lo).toBeLessThan(0.7 * (unpaired.areaDiff.hi - unpaired.areaDiff.lo));
    const emaOnly = runsOf('r', SEVEN, [5, 5, 5, 5, 5, 5, 5], 5, () => false);
    const better = emaEffect(emaOnly, 'r');
    expect(better.verdict).toBe('widened');
    expect(better.observed.baselineArea).toBe(0);
    expect(better.observed.area).toBeCloseTo(Math.log10(17.8 / 0.0562), 12);
  });
});
