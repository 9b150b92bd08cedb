/**
 * compare:report on two real runs (two tiny gan runs with different seeds, trained here on wasm):
 * the page opens in headless Chromium with every plot and sample grid rendered and one metrics
 * column per run.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { checkReportRenders } from '@stablegen/report';
import { expect, test } from 'vitest';
import { runScript } from './run-script.js';

const tsx = ([script, ...args]: string[]) => runScript(script, args);

test('compare:report on two real runs gives a complete page', async () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'compare-'));
  const runs = await Promise.all([1, 2].map(async (seed) => {
    const out = path.join(tmp, `gan-seed${seed}`);
    const r = await tsx(['apps/gan/src/main.ts', '--backend', 'wasm', '--steps', '4', '--batch-size', '8', '--eval-every', '4', '--eval-samples', '100', '--sample-every', '2', '--log-every', '1', '--seed', String(seed), '--out', out]);
    expect(r.status, r.stderr).toBe(0);
    return out;
  }));
  const out = path.join(tmp, 'cmp');
  const r = await tsx(['apps/compare/src/main.ts', '--runs', ...runs, '--out', out]);
  expect(r.status, r.stderr).toBe(0);
  expect(fs.existsSync(path.join(out, 'summary.png'))).toBe(true);
  const page = await checkReportRenders(path.join(out, 'report.html'));
  expect(page.errors).toEqual([]);
  expect(page.images.length).toBeGreaterThanOrEqual(3); // curves + one sample grid per run
  expect(page.images.every((i) => i.loaded)).toBe(true);
  const metricsTable = page.tableHeaders.find((h) => h.some((c) => c.includes('gan-seed1')));
  expect(metricsTable?.filter((c) => /gan-seed[12]/.test(c))).toHaveLength(2);
}, 240_000);

test('a missing run directory is one clear error', async () => {
  const r = await tsx(['apps/compare/src/main.ts', '--runs', '/nonexistent/run']);
  expect(r.status).toBe(2);
  expect(r.stderr.trim()).toMatch(/^error: run directory not found: \/nonexistent\/run/);
});
