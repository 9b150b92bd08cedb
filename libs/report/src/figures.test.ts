import { describe, expect, it } from 'vitest';
import { ema } from './ema.js';
import { comparisonFigure, curveSeries, runFigures, unionMetricKeys, wantsLogY } from './figures.js';
import type { MetricRow } from './series.js';

const pts = (ys: number[]) => ys.map((y, i) => ({ x: i, y }));
const countPaths = (svg: string) => (svg.match(/aria-roledescription="line mark"/g) ?? []).length;

describe('curveSeries', () => {
  it('basic: 10 or more points give the raw curve faint plus its EMA', () => {
    const ys = Array.from({ length: 12 }, (_, i) => (i % 2 ? 1 : 0));
    const [raw, smooth] = curveSeries('loss', pts(ys), 0.9);
    expect(raw).toEqual({ name: 'loss', points: pts(ys), faint: true });
    // The overlay is exactly ema() of the values (checked against the closed form in ema.test.ts).
    expect(smooth.points.map((p) => p.y)).toEqual(ema(ys, 0.9));
    expect(smooth.faint).toBeUndefined();
  });

  it('short curves and smoothing 0 stay raw; non-finite values are dropped', () => {
    expect(curveSeries('a', pts([1, 2, 3]), 0.9)).toEqual([{ name: 'a', points: pts([1, 2, 3]) }]);
    expect(curveSeries('a', pts(Array(20).fill(1)), 0)).toHaveLength(1);
    expect(curveSeries('a', [{ x: 0, y: NaN }, { x: 1, y: 2 }], 0)[0].points).toEqual([{ x: 1, y: 2 }]);
  });
});

describe('wantsLogY', () => {
  it('positive values spanning more than 100x use a log axis', () => {
    expect(wantsLogY([{ name: 'fd', points: pts([300, 2]) }])).toBe(true); // 150x
    expect(wantsLogY([{ name: 'fd', points: pts([100, 2]) }])).toBe(false); // 50x
    expect(wantsLogY([{ name: 'w', points: pts([-1, 500]) }])).toBe(false);
    expect(wantsLogY([{ name: 'e', points: [] }])).toBe(false);
  });
});

describe('runFigures: spectral norm sigma', () => {
  it('every layer\'s sigma is its own line in one panel of the critic\'s stability figure, kept out of tables', async () => {
    const rows: MetricRow[] = Array.from({ length: 12 }, (_, i) => ({
      step: i + 1,
      'loss/d': 1,
      'stab/critic/sigma/layer01_spectral_norm_dense_SpectralNormDense': 1 + i / 10,
      'stab/critic/sigma/layer02_spectral_norm_dense_SpectralNormDense': 2 - i / 20,
    }));
    const figures = await runFigures(rows);
    const critic = figures.find((f) => f.id === 'stability-critic');
    expect(critic).toBeDefined();
    expect(critic!.svg).toContain('critic: spectral norm sigma per layer');
    expect(critic!.svg).toContain('layer01 spectral norm dense');
    expect(critic!.svg).toContain('layer02 spectral norm dense');
    expect(countPaths(critic!.svg)).toBe(2);
    expect(unionMetricKeys([{ label: 'a', rows }])).toEqual(['loss/d']); // per-layer keys stay out of tables
  });
});

describe('runFigures', () => {
  const rows: MetricRow[] = Array.from({ length: 20 }, (_, i) => ({
    step: i * 10,
    'loss/d': 0.7 + 0.1 * Math.sin(i),
    'loss/g': 1 + 0.1 * Math.cos(i),
    ...(i % 5 === 0 ? { fd: 50 - i } : {}),
    note: 'text is not a metric',
  }));

  it('basic: one figure per non-empty group; losses smoothed (2 paths each), others one path', async () => {
    const figs = await runFigures(rows);
    expect(figs.map((f) => [f.id, f.title])).toEqual([
      ['losses', 'Losses'],
      ['quality', 'Quality metrics'],
    ]);
    expect(countPaths(figs[0].svg)).toBe(4);
    expect(countPaths(figs[1].svg)).toBe(1);
    expect(figs[0].svg).toContain('role-legend');
    expect(figs[1].svg).not.toContain('role-legend');
  });

  it('no metrics, no figures', async () => {
    expect(await runFigures([{ step: 0 }])).toEqual([]);
  });
});

describe('comparison curves', () => {
  it('unionMetricKeys: all runs, group order', () => {
    const a = { label: 'a', rows: [{ step: 0, fd: 1, 'loss/d': 1 }] };
    const b = { label: 'b', rows: [{ step: 0, grad_norm: 1, acc: 0.5 }] };
    expect(unionMetricKeys([a, b])).toEqual(['loss/d', 'fd', 'acc', 'grad_norm']);
  });

  it('throws when no run logged a metric', async () => {
    await expect(comparisonFigure([{ label: 'a', rows: [] }])).rejects.toThrow(/none of the runs has logged metrics/);
  });
});
