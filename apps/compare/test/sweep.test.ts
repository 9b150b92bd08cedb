/**
 * compare:sweep end to end at a toy budget: real gan runs as child processes, then the report
 * files; a second call with the same flags reuses the runs instead of training again.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { expect, test } from 'vitest';
import { runScript } from './run-script.js';

const sweep = (args: string[]) => runScript('apps/compare/src/sweep/main.ts', args, 200_000);

test('a 2-run sweep writes the table, the JSON and the heatmap; a repeat reuses the runs', async () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sweep-'));
  const args = ['--families', 'gan', '--lrs', '1e-3', '--seeds', '1', '--steps', '10', '--out', path.join(tmp, 'out', 'sweep'), '--store', path.join(tmp, 'runs'), '--results', path.join(tmp, 'results.jsonl')];
  const r = await sweep(args);
  expect(r.status, r.stderr).toBe(0);
  const json = JSON.parse(fs.readFileSync(path.join(tmp, 'out', 'sweep.json'), 'utf8'));
  expect(json.cells.map((c: { recipe: string; runs: number }) => [c.recipe, c.runs])).toEqual([['plain', 1], ['stabilised', 1]]);
  expect(json.runs.every((run: { final?: { modes: number } }) => run.final !== undefined && run.final.modes >= 0)).toBe(true);
  const md = fs.readFileSync(path.join(tmp, 'out', 'sweep.md'), 'utf8');
  expect(md).toMatch(/\| gan plain \| [01]\/1 \|/);
  expect(fs.readFileSync(path.join(tmp, 'out', 'sweep.png')).subarray(1, 4).toString()).toBe('PNG');
  const again = await sweep(args);
  expect(again.status, again.stderr).toBe(0);
  expect(again.stdout).toContain('runs: 2 done (2 reused), 0 running, 0 failed of 2');
  expect(fs.readFileSync(path.join(tmp, 'results.jsonl'), 'utf8').trim().split('\n')).toHaveLength(2);
}, 240_000);

test('a bad flag is one clear error and trains nothing', async () => {
  const r = await sweep(['--lrs', '1e-3,abc', '--store', path.join(os.tmpdir(), 'sweep-never')]);
  expect(r.status).toBe(2);
  expect(r.stderr.trim()).toBe("error: --lrs: 'abc' is not a positive learning rate — pass a comma-separated list such as 1e-4,1e-3,1e-2");
  expect(fs.existsSync(path.join(os.tmpdir(), 'sweep-never'))).toBe(false);
});
