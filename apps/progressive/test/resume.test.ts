/**
 * A checkpoint taken mid-fade resumes mid-fade, to the last bit: a tiny 8x8 run interrupted (as by
 * Ctrl-C) after step 16 (stage 1, alpha 44/96) and resumed through the app's entry point logs the
 * same metrics and ends with the same bytes in every weight, optimiser slot and EMA variable as an
 * uninterrupted run. The resumed build grows the models to the checkpoint's phase before its
 * tensors are restored; alpha is a function of the step. The fade's optimisers start at step 5, so
 * at the cut Adam has taken 12 steps, where beta2 = 0.99's float32 product beta2^t differs from
 * pow(beta2, t): without the stored beta powers this test fails.
 */
import * as path from 'node:path';
import { readLatestGoodCheckpoint } from '@stablegen/trainer';
import { compareResumedRun } from '@stablegen/trainer/testing';
import { expect, test } from 'vitest';
import { progressiveApp } from '../src/app.js';
import { useTinyImages } from './fixtures.js';

const { tmp, folder } = useTinyImages('progressive-resume-');

test('interrupted mid-fade at step 16 of 36 and resumed: the same metrics and final tensors to the last bit', async () => {
  // 4x4 for steps 1-4 (16 images), fade to 8x8 over steps 5-28 (96 images), then 8x8 stable
  const schedule = ['--resolution', '8', '--batch-size', '4', '--width', '8', '--latent-dim', '4', '--fade-images', '96', '--stable-images', '16', '--steps', '36'];
  const every = ['--backend', 'wasm', '--log-every', '4', '--sample-every', '1000', '--eval-every', '1000', '--checkpoint-every', '12', '--sample-count', '4'];
  const r = await compareResumedRun(progressiveApp.recipe, progressiveApp.options, ['--data', folder(), ...schedule, ...every], { steps: 36, cutAt: 16, root: tmp });
  expect(r.codes).toEqual([0, 130, 0]);
  const cut = readLatestGoodCheckpoint(path.join(tmp, 'cut', 'checkpoints'), () => undefined, 16)!;
  expect(cut.state.recipe).toMatchObject({ stage: 1, alpha: 44 / 96, segment: 1 }); // mid-fade: 60 images shown, 44 of them in the fade
  // alpha of step t: 1 in stage 0 (t <= 4), then (images before t - 16) / 96 up to 1; a metric line holds the mean of its 4 steps
  const alphaAt = (t: number) => (t <= 4 ? 1 : Math.min(1, ((t - 1) * 4 - 16) / 96));
  const logged = r.straight.metrics.filter((m) => 'loss/d' in m);
  expect(logged.map((m) => m.step)).toEqual([4, 8, 12, 16, 20, 24, 28, 32, 36]);
  logged.forEach((m) => expect(m.alpha).toBeCloseTo([0, 1, 2, 3].reduce((a, k) => a + alphaAt(m.step - k), 0) / 4, 12));
  expect(r.resumed.metrics).toEqual(r.straight.metrics);
  expect(r.resumed.tensors.equals(r.straight.tensors)).toBe(true);
});
