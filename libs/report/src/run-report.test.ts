import { readdir, readFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { svgSize } from './png.js';
import { writeRunReport, type RunReportResult } from './run-report.js';
import { SLIDER_SCRIPT } from './sample-slider.js';
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
    // per-layer norms are left out of the table (they are drawn per model)
    const keys = ['loss/d', 'loss/g', 'grad_norm/d', 'fd_mnist', 'stab/critic/grad_norm', 'stab/critic/sharpness', 'stab/critic/sharpness_limit', 'stab/critic/grad_cosine'];
    expect(rows.slice(1).map((r) => r[0])).toEqual(keys);
    for (const key of keys) {
      // Expected: the last row the fixture wrote with this key (values have 4 decimals, shown verbatim).
      const last = fake.rows.filter((r) => key in r).at(-1)!;
      const row = rows.find((r) => r[0] === key)!;
      expect([row[2], row[3]]).toEqual([String(last.step), String(last[key])]);
    }
  });

  it('shows config text escaped: a <script> value is text, not markup; the one script is the slider code', () => {
    expect(html.match(/<script/gi)).toHaveLength(1);
    expect(html).toContain(`<script>${SLIDER_SCRIPT}</script>`);
    const config = tableRows(html, 'config');
    expect(config).toContainEqual(['note', '&quot;&lt;script&gt;alert(1)&lt;/script&gt;&quot;']);
    expect(config).toContainEqual(['a&amp;b.c', '&quot;it&#39;s&quot;']);
  });

  it('headline cards: the last quality value, steps, training time and rate; the truncated line is reported', () => {
    expect(html).toMatch(/warning: .*metrics\.jsonl:102: skipped a truncated last line/);
    const cards = [...html.matchAll(/<div class="v">([^<]*)<\/div><div class="k">([^<]*)<\/div>/g)].map((m) => [m[2], m[1]]);
    const fd = fake.rows.filter((r) => 'fd_mnist' in r).at(-1)!;
    // Fixture: time = 2 + 0.05 step, last step 1000 -> 52 s; rate = 1000 steps / 50 s = 20 steps/s.
    expect(cards).toEqual([[`fd_mnist (step ${fd.step})`, String(fd['fd_mnist'])], ['steps', '1000'], ['training time', '52.0 s'], ['steps / s', '20']]);
  });

  it('environment and events: the run environment as a table; rollbacks listed and ruled on every curve, checkpoints faint', () => {
    expect(tableRows(html, 'environment')).toContainEqual(['backend', '&quot;wasm&quot;']);
    expect(tableRows(html, 'environment')).toContainEqual(['threads', '2']);
    expect(tableRows(html, 'config').map((r) => r[0])).not.toContain('environment.backend');
    const events = tableRows(html, 'events').slice(1);
    expect(events.map((r) => [r[0], r[1]])).toEqual([['600', 'rollback']]);
    const losses = dataUriBytes(images(html, 'plot')[0].src).toString('utf8');
    const rules = [...losses.matchAll(/<line [^>]*aria-roledescription="rule mark"[^>]*>|aria-roledescription="rule mark"[^>]*>[\s\S]*?<\/g>/g)].map((m) => m[0]);
    expect(rules.length).toBeGreaterThan(0);
    const opacities = [...losses.matchAll(/rule mark[\s\S]*?(?=<\/g>)/g)].flatMap((m) => [...m[0].matchAll(/(?:stroke-)?opacity="([\d.]+)"/g)].map((o) => Number(o[1])));
    expect(opacities.sort()).toEqual([0.15, 0.15, 0.15, 0.15, 0.8]); // four checkpoints, one rollback
  });

  it('one plot per metric group and one per monitored model, inline as SVG data URIs and as plots/<id>.png at 2x', async () => {
    const plots = images(html, 'plot');
    expect(plots.map((p) => p.caption)).toEqual(['Losses', 'Quality metrics', 'Stability: critic', 'Stability diagnostics']);
    expect(result.plotPaths.map((p) => p.split('/').at(-1))).toEqual(['losses.png', 'quality.png', 'stability-critic.png', 'stability.png']);
    for (const [i, plot] of plots.entries()) {
      const svg = dataUriBytes(plot.src).toString('utf8');
      const size = svgSize(svg);
      const meta = await sharp(result.plotPaths[i]).metadata();
      expect([meta.width, meta.height]).toEqual([2 * size.width, 2 * size.height]);
    }
    // The losses figure draws loss/d and loss/g faint + smoothed: 4 line paths.
    const losses = dataUriBytes(plots[0].src).toString('utf8');
    expect(losses.match(/aria-roledescription="line mark"/g)).toHaveLength(4);
    // The critic's figure: total + 2 layer norms overlaid in one panel, sharpness with its limit in another, the cosine in a third.
    const critic = dataUriBytes(plots[2].src).toString('utf8');
    expect(critic.match(/aria-roledescription="line mark"/g)).toHaveLength(3 + 2 + 1);
    for (const t of ['critic: gradient norms per layer', 'critic: sharpness and its limit', 'critic: grad_cosine', 'layer01 dense', 'stability limit']) expect(critic).toContain(t);
  });

  it('embeds every sample grid, byte for byte, in one slider that starts at the latest', async () => {
    const frames = [...html.matchAll(/<figure class="frame" data-step="(\d+)"( hidden)?><img class="sample" data-kind="sample" src="([^"]*)"/g)];
    expect(frames.map((m) => [Number(m[1]), m[2] === undefined])).toEqual([[0, false], [200, false], [400, false], [600, false], [800, false], [1000, true]]);
    for (const m of frames) {
      const file = await readFile(join(fake.dir, 'samples', `step-${m[1].padStart(6, '0')}.png`));
      expect(dataUriBytes(m[3]).equals(file)).toBe(true);
    }
    expect(html).toContain('<input type="range" min="0" max="5" value="5" step="1"');
  });

  it('leaves no temp files and can be rewritten in place', async () => {
    const again = await writeRunReport(fake.dir, { onWarning: () => undefined });
    expect(again.htmlBytes).toBe(Buffer.byteLength(html));
    const names = [...(await readdir(fake.dir)), ...(await readdir(join(fake.dir, 'plots')))];
    expect(names.filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });
});
