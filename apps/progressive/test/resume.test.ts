/**
 * A checkpoint taken mid-fade resumes mid-fade: a tiny 8x8 run interrupted after step 6 (stage 1,
 * alpha 0.25) and resumed from its checkpoint logs the same metrics, draws the same samples and
 * exports the same generator as an uninterrupted run. The resumed build grows the models to the
 * checkpoint's phase before its tensors are restored; alpha is a function of the step.
 * Equal up to float32 rounding: tfjs's Adam restores beta2^t as pow(beta2, t) where the live
 * optimiser multiplied beta2 in step by step (about 1e-7 relative), so values are compared at 1e-5.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { readMetrics } from '@stablegen/run-files';
import { readLatestGoodCheckpoint, train } from '@stablegen/trainer';
import { expect, test } from 'vitest';
import { progressiveRecipe } from '../src/recipe.js';
import { tinyConfig, useTinyImages } from './fixtures.js';

const { tmp, folder } = useTinyImages('progressive-resume-');

/** metrics.jsonl without the (wall-clock) time field. */
const rows = (dir: string) => readMetrics(dir).map(({ time: _time, ...rest }) => rest);

test('interrupted mid-fade and resumed equals an uninterrupted run', async () => {
  const quiet = { log: () => undefined, tty: false };
  const config = (out: string, resume?: string) => tinyConfig(folder(), { out, resume, sampleEvery: 6 });
  const whole = path.join(tmp, 'whole');
  await train(progressiveRecipe, config(whole), quiet);

  const split = path.join(tmp, 'split');
  const stop = new AbortController();
  const first = await train(progressiveRecipe, config(split), { ...quiet, signal: stop.signal, callbacks: [{ onStepEnd: ({ step }) => void (step === 6 && stop.abort()) }] });
  expect(first).toMatchObject({ interrupted: true, lastStep: 6 });
  const ckpt = readLatestGoodCheckpoint(path.join(split, 'checkpoints'), () => undefined)!;
  expect(ckpt.step).toBe(6);
  expect(ckpt.state.recipe).toMatchObject({ stage: 1, alpha: 0.25, segment: 1 }); // mid-fade
  await train(progressiveRecipe, config(split, split), quiet);

  const [after, before] = [rows(split), rows(whole)];
  expect(after.map((r) => [r.step, r.resolution, r.alpha, r.images])).toEqual(before.map((r) => [r.step, r.resolution, r.alpha, r.images]));
  expect(after.filter((r) => 'alpha' in r).map((r) => r.alpha)).toEqual([1, 1, 1, 1, 0, 0.25, 0.5, 0.75, 1, 1, 1, 1]);
  after.forEach((r, i) => Object.entries(before[i]).forEach(([k, v]) => expect(Math.abs(r[k] - v)).toBeLessThanOrEqual(1e-5 * Math.max(1, Math.abs(v)))));
  expect(fs.readFileSync(path.join(split, 'samples', 'step-000006-8x8.png')).equals(fs.readFileSync(path.join(whole, 'samples', 'step-000006-8x8.png')))).toBe(true);
  const weights = (dir: string) => new Float32Array(new Uint8Array(fs.readFileSync(path.join(dir, 'generator', 'weights.bin'))).buffer);
  const [w1, w0] = [weights(split), weights(whole)];
  expect(w1.length).toBe(w0.length);
  w1.forEach((v, i) => expect(Math.abs(v - w0[i])).toBeLessThanOrEqual(1e-5 * Math.max(1, Math.abs(w0[i]))));
});
