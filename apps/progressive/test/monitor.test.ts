/**
 * `--monitor-every`: the stability diagnostics of both players at step 1 and every N steps, at the
 * current resolution and alpha (here through the 4x4 stage and the 8x8 fade-in), without changing
 * training: the losses equal those of an unmonitored run.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { train } from '@stablegen/trainer';
import { expect, test } from 'vitest';
import { progressiveRecipe } from '../src/recipe.js';
import { tinyConfig, useTinyImages } from './fixtures.js';

const { tmp, folder } = useTinyImages('progressive-monitor-');

const rows = (dir: string): Record<string, number>[] =>
  fs.readFileSync(path.join(dir, 'metrics.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, number>);

test('monitored steps carry stab/* figures for critic and generator; training is unchanged', async () => {
  const quiet = { log: () => undefined, tty: false };
  const [plain, monitored] = [path.join(tmp, 'plain'), path.join(tmp, 'monitored')];
  await train(progressiveRecipe, tinyConfig(folder(), { steps: 12, out: plain }), quiet);
  await train(progressiveRecipe, tinyConfig(folder(), { steps: 12, out: monitored, monitorEvery: 3, monitorHessianIterations: 3 }), quiet);
  const losses = (dir: string) => rows(dir).map((r) => [r.step, r['loss/d'], r['loss/g']]);
  expect(losses(monitored)).toEqual(losses(plain));
  const withStab = rows(monitored).filter((r) => 'stab/critic/grad_norm' in r);
  expect(withStab.map((r) => [r.step, r.resolution])).toEqual([
    [1, 4],
    [3, 4],
    [6, 8], // mid-fade (alpha 0.25)
    [9, 8],
    [12, 8],
  ]);
  for (const r of withStab) {
    for (const key of ['stab/critic/grad_cosine', 'stab/generator/grad_cosine']) expect(Math.abs(r[key])).toBeLessThanOrEqual(1 + 1e-6);
    expect(Number.isFinite(r['stab/critic/sharpness']) && Number.isFinite(r['stab/generator/sharpness'])).toBe(true);
    expect(r['stab/critic/sharpness_limit']).toBeGreaterThan(0);
  }
  expect(progressiveRecipe.callbacks!(tinyConfig(folder()))).toEqual([]); // off by default
});
