import { readdir, readFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { svgSize } from './png.js';
import { writeRunReport, type RunReportResult } from './run-report.js';
import { writeFakeRun, type FakeRun } from './testing/fake-run.js';
import { dataUriBytes, images, tableRows } from './testing/html-parse.js';

let root: string;
let fake: FakeRun;
let result: RunReportResult;
let html: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'report-run-'));
  const config = { family: 'gan', seed: 3, note: '<script>alert(1)</script>', 'a&b': { c: "it's" } };
  fake = await writeFakeRun(join(root, 'runs', 'gan', 'mnist'), { config, truncateLastLine: true });
  result = await writeRunReport(fake.dir, { onWarning: () => undefined });
  html = await readFile(result.htmlPath, 'utf8');
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('writeRunReport', () => {
  it('basic: the final-metrics table has every metric with its last logged step and value', () => {
    const rows = tableRows(html, 'final-metrics');
    expect(rows[0]).toEqual(['metric', 'group', 'step', 'value']);
    const keys = ['loss/d', 'loss/g', 'grad_norm/d', 'fd_mnist'];
    expect(rows.slice(1).map((r) => r[0])).toEqual(keys);
    for (const key of keys) {
      // Expected: the last row the fixture wrote with this key (values have 4 decimals, shown verbatim).
      const last = fake.rows.filter((r) => key in r).at(-1)!;
      const row = rows.find((r) => r[0] === key)!;
      expect([row[2], row[3]]).toEqual([String(last.step), String(last[key])]);
    }
  });

  it('shows config text escaped: a <script> value is text, not markup', () => {
    expect(html).not.toMatch(/<script/i);
    const config = tableRows(html, 'config');
    expect(config).toContainEqual(['note', '&quot;&lt;script&gt;alert(1)&lt;/script&gt;&quot;']);
    expect(config).toContainEqual(['a&amp;b.c', '&quot;it&#39;s&quot;']);
  });

  it('reports the truncated metrics line, steps, wall time and rate', () => {
    expect(html).toMatch(/warning: .*metrics\.jsonl:102: skipped a truncated last line/);
    // Fixture: time = 2 + 0.05 step, last step 1000 -> 52 s; rate = 1000 steps / 50 s = 20 steps/s.
    expect(html).toContain('last step 1000 · wall time 52.0 s · 20 steps/s');
  });

  it('one plot per metric group, inline as SVG data URIs and as plots/<group>.png at 2x', async () => {
    const plots = images(html, 'plot');
    expect(plots.map((p) => p.caption)).toEqual(['Losses', 'Quality metrics', 'Stability diagnostics']);
    expect(result.plotPaths.map((p) => p.split('/').at(-1))).toEqual(['losses.png', 'quality.png', 'stability.png']);
    for (const [i, plot] of plots.entries()) {
      const svg = dataUriBytes(plot.src).toString('utf8');
      const size = svgSize(svg);
      const meta = await sharp(result.plotPaths[i]).metadata();
      expect([meta.width, meta.height]).toEqual([2 * size.width, 2 * size.height]);
    }
    // The losses figure draws loss/d and loss/g faint + smoothed: 4 line paths.
    const losses = dataUriBytes(plots[0].src).toString('utf8');
    expect(losses.match(/aria-roledescription="line mark"/g)).toHaveLength(4);
  });

  it('embeds the latest sample grid and three earlier ones, byte for byte', async () => {
    const samples = images(html, 'sample');
    // Samples every 200 steps: earlier steps 0..800 (5), picks at indices 0, 2, 4 -> 0, 400, 800; latest 1000.
    expect(samples.map((s) => s.caption)).toEqual(['step 0', 'step 400', 'step 800', 'step 1000']);
    const file = await readFile(join(fake.dir, 'samples', 'step-001000.png'));
    expect(dataUriBytes(samples[3].src).equals(file)).toBe(true);
  });

  it('leaves no temp files and can be rewritten in place', async () => {
    const again = await writeRunReport(fake.dir, { onWarning: () => undefined });
    expect(again.htmlBytes).toBe(Buffer.byteLength(html));
    const names = [...(await readdir(fake.dir)), ...(await readdir(join(fake.dir, 'plots')))];
    expect(names.filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });
});
