/**
 * compare:study --report-only: the report of a study cut short, from the results file alone; it
 * trains nothing and counts only the runs that are in.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { expect, test } from 'vitest';
import { runScript } from './run-script.js';
import { prepareRun, ResultsFile } from '@stablegen/launcher';
import { LAUNCH_FAMILIES } from '../src/launch-families.js';
import { STUDY_DATASETS } from '../src/study/datasets.js';
import { expandStudy, studySpec } from '../src/study/grid.js';
import { recipeNamed } from '../src/study/recipes.js';

const study = (args: string[]) => runScript('apps/compare/src/study/main.ts', args, 120_000);

test('--report-only judges the finished runs of the results file and trains none of the rest', async () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'study-'));
  const recipe = recipeNamed('gan plain')!;
  const [first] = expandStudy([{ ...recipe, ...STUDY_DATASETS.ring8.x1.gan }], [0.316, 3.16], [1], 40); // the multipliers of --multipliers 2 --decades 1
  const { id, config } = prepareRun(studySpec(first, recipe, 'wasm', 'ring8'), LAUNCH_FAMILIES);
  const results = path.join(tmp, 'results.jsonl');
  const final = { 'ema/modes': 8, 'ema/hq_share': 0.9, 'ema/reverse_kl': 0.01, hq_share: 0.7, 'loss/d': 1, 'loss/g': 1 };
  new ResultsFile(results).add({ id, family: 'gan', group: 'x', seed: 1, flags: [], config, status: 'done', final, trainSeconds: 1, stepsPerSecond: 40, wallSeconds: 3, sessions: 1, finishedAt: '' });
  const store = path.join(tmp, 'store');
  const r = await study(['--recipes', 'gan plain', '--multipliers', '2', '--decades', '1', '--seeds', '1', '--steps', '40', '--report-only', '--out', path.join(tmp, 'out', 'study'), '--results', results, '--store', store]);
  expect(r.status, r.stderr).toBe(0);
  expect(fs.existsSync(store)).toBe(false);
  const json = JSON.parse(fs.readFileSync(path.join(tmp, 'out', 'study.json'), 'utf8'));
  expect(json.meta).toMatchObject({ planned: 2, finished: 1, reportOnly: true });
  expect(json.cells).toEqual([expect.objectContaining({ recipe: 'gan plain', multiplier: 0.316, runs: 1, converged: 1, meanQuality: 0.9, meanRawQuality: 0.7 })]);
  const md = fs.readFileSync(path.join(tmp, 'out', 'study.md'), 'utf8');
  expect(md).toContain('1 of 2 runs finished (the study is not complete');
  expect(md).toContain('| gan plain | 1/1 [21, 100] |');
  expect(md).not.toContain('load average'); // the report call's load says nothing about the sittings that trained the runs
  fs.rmSync(tmp, { recursive: true });
}, 150_000);

test('resumable: the specs of the committed ring8 results resolve to the configs recorded with them and find them by id, from any checkout (x1 pinned, whatever the presets say now)', () => {
  const root = path.resolve(import.meta.dirname, '../../..');
  const file = path.join(root, 'benchmarks/results/stability-study.jsonl');
  const records = fs.readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as { group: string; seed: number; config: Record<string, unknown> });
  const block = STUDY_DATASETS.ring8;
  const finished = new ResultsFile(file);
  const recipes = [...new Set(records.map((r) => r.group.split('|')[0]))];
  expect(recipes.length).toBeGreaterThanOrEqual(2);
  for (const name of recipes) {
    const record = records.find((r) => r.group.startsWith(`${name}|`))!;
    const recipe = recipeNamed(name)!;
    const multiplier = Number(record.group.split('|x')[1]);
    const [run] = expandStudy([{ ...recipe, ...block.x1[recipe.family] }], [multiplier], [record.seed], block.defaults.steps);
    const { id, config } = prepareRun(studySpec(run, recipe, 'wasm', 'ring8'), LAUNCH_FAMILIES);
    expect(finished.get(id), `${name}: the committed run is found by the spec's id in this checkout`).toBeDefined();
    // the resolved config names the preset by its absolute path: compare from the repository root on
    const relative = (c: Record<string, unknown>) => ({ ...c, config: String(c.config).replace(/^.*?(apps\/)/, '$1') });
    expect(relative(config), name).toEqual(relative(record.config));
  }
});
