/**
 * The recipe resumes exactly: a 2-D run interrupted after step 3 and resumed from its checkpoint
 * logs the same metrics (losses, penalty, PacGAN scores) and draws the same samples as an
 * uninterrupted run. All per-step randomness (real points, z, interpolation weights) comes from
 * the checkpointed Rng; the learning-rate schedule is a function of the step; the generator EMA is
 * checkpointed with the models.
 */
import '@tensorflow/tfjs-backend-cpu';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { registerGradientFixes } from '@stablegen/gradient-fixes';
import { readMetrics } from '@stablegen/run-files';
import { train } from '@stablegen/trainer';
import { beforeAll, expect, test } from 'vitest';
import { wganGpSchema } from '../src/config.js';
import { wganGpRecipe } from '../src/recipe.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
  registerGradientFixes();
});

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'wgan-resume-'));
const config = (out: string, resume?: string) =>
  wganGpSchema.parse({
    ...{ dataset: 'ring8', steps: 6, batchSize: 16, latentDim: 2, mlpWidth: 8, mlpDepth: 2, nCritic: 2, lrDecay: 'linear', lrD: 1e-3, lrG: 3e-4, emaDecay: 0.9 },
    ...{ evalSamples: 50, logEvery: 1, evalEvery: 3, sampleEvery: 100, checkpointEvery: 3, backend: 'cpu', out, resume },
  });
/** metrics.jsonl without the (wall-clock) time field. */
const rows = (dir: string) => readMetrics(dir).map(({ time: _time, ...rest }) => rest);

test('an interrupted and resumed run equals an uninterrupted one', async () => {
  const quiet = { log: () => undefined, tty: false };
  const whole = path.join(tmp, 'whole');
  await train(wganGpRecipe, config(whole), quiet);

  const split = path.join(tmp, 'split');
  const stop = new AbortController();
  const first = await train(wganGpRecipe, config(split), { ...quiet, signal: stop.signal, callbacks: [{ onStepEnd: ({ step }) => void (step === 3 && stop.abort()) }] });
  expect(first).toMatchObject({ interrupted: true, lastStep: 3 });
  await train(wganGpRecipe, config(split, split), quiet);

  expect(rows(split)).toEqual(rows(whole));
  expect(rows(whole).filter((r) => 'modes' in r && 'ema/modes' in r)).toHaveLength(2); // evaluations at steps 3 and 6, raw and EMA
  const points = (dir: string, suffix = '') => fs.readFileSync(path.join(dir, 'samples', `step-000006${suffix}-points.csv`), 'utf8');
  expect(points(split)).toBe(points(whole));
  expect(points(split, '-ema')).toBe(points(whole, '-ema'));
  expect(points(whole, '-ema')).not.toBe(points(whole));
});
