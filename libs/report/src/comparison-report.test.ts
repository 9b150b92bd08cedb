import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runLabels, writeComparisonReport, type ComparisonReportResult } from './comparison-report.js';
import { svgSize } from './png.js';
import { writeFakeRun, type FakeRun } from './testing/fake-run.js';
import { dataUriBytes, images, tableRows } from './testing/html-parse.js';

let root: string;
let runs: FakeRun[];
let manualDir: string;
let result: ComparisonReportResult;
let html: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'report-cmp-'));
  runs = [
    await writeFakeRun(join(root, 'runs', 'gan', 'base')),
    await writeFakeRun(join(root, 'runs', 'gan', 'ttur'), { offset: 0.5, config: { family: 'gan', seed: 8 } }),
  ];
  // A third run by hand: only loss/d and acc, no time column, no samples.
  manualDir = join(root, 'runs', 'seq2seq', 'tf');
  await mkdir(manualDir, { recursive: true });
  await writeFile(join(manualDir, 'config.json'), '{"family":"seq2seq","seed":8}');
  await writeFile(join(manualDir, 'metrics.jsonl'), '{"step":0,"loss/d":2.5,"acc":0.1}\n{"step":40,"loss/d":1.25,"acc":0.75}\n');
  result = await writeComparisonReport([runs[0].dir, runs[1].dir, manualDir], join(root, 'cmp'));
  html = await readFile(result.htmlPath, 'utf8');
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

const finalOf = (fake: FakeRun, key: string) => String(fake.rows.filter((r) => key in r).at(-1)![key]);

describe('writeComparisonReport', () => {
  it('basic: one column per run, labelled <family>/<name>', () => {
    const rows = tableRows(html, 'comparison');
    expect(rows[0]).toEqual(['', 'gan/base', 'gan/ttur', 'seq2seq/tf']);
    expect(rows.every((r) => r.length === 4)).toBe(true);
    expect(result.labels).toEqual(['gan/base', 'gan/ttur', 'seq2seq/tf']);
  });

  it('final values per run, a dash where a run did not log the metric', () => {
    const rows = new Map(tableRows(html, 'comparison').map((r) => [r[0], r.slice(1)]));
    // Fixture runs: last step 1000, time 2 + 0.05 step -> 52 s and 20 steps/s; the manual run has no time.
    expect(rows.get('steps')).toEqual(['1000', '1000', '40']);
    expect(rows.get('wall time')).toEqual(['52.0 s', '52.0 s', '—']);
    expect(rows.get('steps/s')).toEqual(['20', '20', '—']);
    expect(rows.get('loss/d')).toEqual([finalOf(runs[0], 'loss/d'), finalOf(runs[1], 'loss/d'), '1.25']);
    expect(rows.get('fd_mnist')).toEqual([finalOf(runs[0], 'fd_mnist'), finalOf(runs[1], 'fd_mnist'), '—']);
    expect(rows.get('acc')).toEqual(['—', '—', '0.75']);
    // After the header and the three progress rows, metrics in group order: losses, quality, stability (per-layer norms left out).
    const stab = ['grad_norm', 'sharpness', 'sharpness_limit', 'grad_cosine'].map((k) => `stab/critic/${k}`);
    expect([...rows.keys()].slice(4)).toEqual(['loss/d', 'loss/g', 'fd_mnist', 'acc', 'grad_norm/d', ...stab]);
  });

  it('headline first: the quality metrics and the timing of every run; then their environments', () => {
    const rows = tableRows(html, 'headline');
    expect(rows.map((r) => r[0])).toEqual(['', 'fd_mnist', 'acc', 'steps', 'wall time', 'steps/s']);
    expect(rows[1]).toEqual(['fd_mnist', finalOf(runs[0], 'fd_mnist'), finalOf(runs[1], 'fd_mnist'), '—']);
    expect(tableRows(html, 'environment')).toContainEqual(['backend', '&quot;wasm&quot;', '&quot;wasm&quot;', '—']);
    expect(tableRows(html, 'config-diff').map((r) => r[0])).not.toContain('environment.backend');
  });

  it('curves: one panel per metric, one series per run that logged it; summary.png at 2x', async () => {
    const plots = images(html, 'plot');
    expect(plots).toHaveLength(1);
    const svg = dataUriBytes(plots[0].src).toString('utf8');
    // Paths: loss/d 2 fixture runs x (faint + EMA) + manual run raw (2 points, not smoothed) = 5;
    // loss/g 2 x 2 = 4; fd_mnist 2; acc 1; grad_norm/d 2; 4 stab/critic metrics x 2 runs = 8 -> 22.
    expect(svg.match(/aria-roledescription="line mark"/g)).toHaveLength(22);
    const meta = await sharp(result.summaryPngPath).metadata();
    const size = svgSize(svg);
    expect([meta.width, meta.height]).toEqual([2 * size.width, 2 * size.height]);
  });

  it('a sample slider per run starting at its latest grid, and the config keys that differ', async () => {
    const sliders = [...html.matchAll(/<section class="slider" data-series="">[\s\S]*?<\/section>/g)].map((m) => m[0]);
    expect(sliders).toHaveLength(2);
    expect(sliders.map((s) => /<output>([^<]*)<\/output>/.exec(s)![1])).toEqual(['gan/base: step 1000 (6 grids)', 'gan/ttur: step 1000 (6 grids)']);
    const shown = /<figure class="frame" data-step="1000"><img class="sample" data-kind="sample" src="([^"]*)"/.exec(sliders[1])!;
    const file = await readFile(join(runs[1].dir, 'samples', 'step-001000.png'));
    expect(dataUriBytes(shown[1]).equals(file)).toBe(true);
    expect(html).toContain('seq2seq/tf: no samples');
    expect(tableRows(html, 'config-diff')).toEqual([
      ['key', 'gan/base', 'gan/ttur', 'seq2seq/tf'],
      ['family', '&quot;gan&quot;', '&quot;gan&quot;', '&quot;seq2seq&quot;'],
      ['seed', '7', '8', '8'],
      ['model.zDim', '64', '—', '—'],
      ['model.layers', '[256,512]', '—', '—'],
    ]);
  });

  it('runLabels: repeated names get a counter', () => {
    expect(runLabels([{ name: 'gan/a' }, { name: 'gan/b' }, { name: 'gan/a' }])).toEqual(['gan/a', 'gan/b', 'gan/a (2)']);
  });

  it('throws when no run directories are given or one is not a run', async () => {
    await expect(writeComparisonReport([], join(root, 'x'))).rejects.toThrow(/at least one run directory/);
    await expect(writeComparisonReport([runs[0].dir, join(root, 'missing')], join(root, 'x'))).rejects.toThrow(
      /run directory not found/,
    );
  });
});
