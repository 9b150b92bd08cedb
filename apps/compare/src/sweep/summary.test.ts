import { describe, expect, it } from 'vitest';
import { heatmapData, heatmapSpec, heatmapSvg } from './heatmap.js';
import { cellTable, reasonKind, summarise, sweepMarkdown } from './summary.js';
import type { FamilyName, RecipeName } from './families.js';

const judged = (family: FamilyName, recipe: RecipeName, lr: number, converged: boolean, modes: number, reason = '') => ({
  family,
  recipe,
  lr,
  converged,
  reason,
  final: { modes, hq_share: modes / 40, reverse_kl: 0.5 / modes },
});

const results = [
  judged('gan', 'plain', 1e-3, true, 8),
  judged('gan', 'plain', 1e-3, false, 4, '4 modes < 7'),
  judged('gan', 'plain', 1e-3, false, 2, '2 modes < 7'),
  judged('gan', 'plain', 1e-2, false, 5, 'reverse KL 0.200 > 0.1'),
  { ...judged('gan', 'plain', 1e-2, false, 0, 'training diverged at step 40: loss/d is NaN'), final: undefined },
  judged('gan', 'stabilised', 1e-3, true, 8),
  judged('gan', 'stabilised', 1e-2, true, 7),
];

describe('summarise', () => {
  const cells = summarise(results);

  it('one cell per (family, recipe, lr): fraction = converged / runs, means over runs with an evaluation', () => {
    expect(cells.map((c) => [c.recipe, c.lr, c.converged, c.runs])).toEqual([
      ['plain', 1e-3, 1, 3],
      ['plain', 1e-2, 0, 2],
      ['stabilised', 1e-3, 1, 1],
      ['stabilised', 1e-2, 1, 1],
    ]);
    expect(cells[0].fraction).toBeCloseTo(1 / 3, 12);
    expect(cells[0].meanModes).toBeCloseTo((8 + 4 + 2) / 3, 12);
    expect(cells[0].meanHqShare).toBeCloseTo((8 + 4 + 2) / 3 / 40, 12);
    expect(cells[1].meanModes).toBe(5); // the diverged run has no final evaluation
    expect(cells[1].meanReverseKl).toBeCloseTo(0.1, 12);
  });

  it('failure reasons are grouped by kind', () => {
    expect(cells[0].failures).toEqual({ 'fewer than 7 modes': 2 });
    expect(cells[1].failures).toEqual({ 'reverse KL > 0.1': 1, 'losses not finite (diverged)': 1 });
    expect(reasonKind('exit 1')).toBe('exit 1');
  });

  it('the tables: one row per recipe, one column per lr (ascending), k/n in each', () => {
    const table = cellTable(cells, (c) => `${c.converged}/${c.runs}`).split('\n');
    expect(table).toEqual(['| recipe | lr 0.001 | lr 0.01 |', '| --- | ---: | ---: |', '| gan plain | 1/3 | 0/2 |', '| gan stabilised | 1/1 | 1/1 |']);
    const md = sweepMarkdown(cells, { command: 'npx nx run compare:sweep', steps: { gan: 1000 }, seeds: [1, 2, 3], loadStart: [1, 2, 3], loadEnd: [2, 2, 2], wallMinutes: 3, reused: 2, runMinutes: 7.25, jobs: 2, heatmap: 'x.png' });
    expect(md).toContain('![fraction of runs that converge](x.png)');
    expect(md).toContain('2 of the runs were reused from an earlier invocation with the same flags. The runs\' own wall times sum to 7.3 min');
    expect(md).toContain('| gan plain | 1/3 | 0/2 |');
    expect(md).toContain('- gan plain, lr 0.01: 1 × losses not finite (diverged)');
  });
});

describe('heatmap', () => {
  const cells = summarise(results);

  it('spec: one rect and one k/n label per cell, colour = fraction on a fixed [0, 1] scale, lrs in ascending order', () => {
    expect(heatmapData(cells).map((d) => [d.row, d.lr, d.fraction, d.label])).toEqual([
      ['gan plain', '0.001', 1 / 3, '1/3'],
      ['gan plain', '0.01', 0, '0/2'],
      ['gan stabilised', '0.001', 1, '1/1'],
      ['gan stabilised', '0.01', 1, '1/1'],
    ]);
    const spec = heatmapSpec(cells, 't') as unknown as { layer: Array<{ mark: { type: string }; encoding: Record<string, { sort?: string[]; scale?: { domain: number[] } }> }> };
    expect(spec.layer.map((l) => l.mark.type)).toEqual(['rect', 'text']);
    expect(spec.layer[0].encoding.x.sort).toEqual(['0.001', '0.01']);
    expect(spec.layer[0].encoding.color.scale?.domain).toEqual([0, 1]);
  });

  it('renders to an SVG: 4 cells coloured by fraction, with their labels', async () => {
    const svg = await heatmapSvg(cells, 'ring8 sweep');
    expect(svg.startsWith('<svg')).toBe(true);
    const fills = [...svg.matchAll(/aria-roledescription="rect mark"[^>]*fill="([^"]+)"/g)].map((m) => m[1]);
    expect(fills).toHaveLength(4);
    // viridis ends: #440154 at 0, #fde725 at 1 (matplotlib's published colormap)
    expect(fills.filter((f) => f === 'rgb(68, 1, 84)')).toHaveLength(1);
    expect(fills.filter((f) => f === 'rgb(253, 231, 37)')).toHaveLength(2);
    for (const label of ['1/3', '0/2', '1/1']) expect(svg).toContain(`>${label}<`);
  });
});
