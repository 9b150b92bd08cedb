import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { initBackend } from '@stablegen/backend';
import { beforeAll, expect, test } from 'vitest';
import { runSeedBench, summarise, writeSeedBench } from '../src/index.js';
import { toyRecipe } from './toy-recipe.js';

beforeAll(async () => {
  await initBackend('cpu', { log: () => {} });
});

test('summarise: mean, sample std, min, max', () => {
  // values 1, 2, 3, 6: mean 3, sample variance (4 + 1 + 0 + 9) / 3 = 14/3
  expect(summarise([1, 2, 3, 6])).toEqual({ mean: 3, std: Math.sqrt(14 / 3), min: 1, max: 6 });
});

test('runs one training per seed and summarises final metrics', async () => {
  const result = await runSeedBench(toyRecipe, [1, 2, 3], ['--steps', '10', '--backend', 'cpu'], () => {});
  expect(result.runs.map((r) => r.seed)).toEqual([1, 2, 3]);
  expect(result.runs.every((r) => Number.isFinite(r.final.loss) && 'weight_error' in r.final)).toBe(true);
  expect(new Set(result.runs.map((r) => r.final.loss)).size).toBe(3); // seeds differ
  const losses = result.runs.map((r) => r.final.loss);
  expect(result.summary.loss.mean).toBeCloseTo(losses.reduce((a, b) => a + b, 0) / 3, 10);
  const base = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'seed-bench-')), 'toy');
  writeSeedBench(result, base);
  expect(fs.readFileSync(`${base}.md`, 'utf8')).toMatch(/\| loss \| .* \|/);
  expect(JSON.parse(fs.readFileSync(`${base}.json`, 'utf8')).runs).toHaveLength(3);
});
