/**
 * Resume is bit-exact: a 2-D run interrupted (as by Ctrl-C) after step 26 and resumed through the
 * app's entry point logs the same metrics and ends with the same bytes in every weight, optimiser
 * slot and EMA variable as the run straight through. Step 26 is one of the steps where Adam's
 * float32 product beta^t differs from pow(beta, t), and with beta2 = 0.999 (not the preset's 0.9)
 * 1 - beta2^t is small enough for that last bit to change the update: without the stored beta
 * powers (checkpointable.ts) this test fails.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { compareResumedRun } from '@stablegen/trainer/testing';
import { expect, test } from 'vitest';
import { wganGpApp } from '../src/app.js';

test('interrupted at step 26 of 40 and resumed: the same metrics and final tensors to the last bit', async () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'wgan-resume-'));
  const argv = ['--backend', 'cpu', '--dataset', 'ring8', '--steps', '40', '--batch-size', '16', '--mlp-width', '8', '--mlp-depth', '2', '--n-critic', '2', '--beta1', '0.5', '--beta2', '0.999'];
  const every = ['--eval-samples', '50', '--log-every', '5', '--eval-every', '20', '--sample-every', '1000', '--checkpoint-every', '10'];
  const r = await compareResumedRun(wganGpApp.recipe, wganGpApp.options, [...argv, ...every], { steps: 40, cutAt: 26, root });
  expect(r.codes).toEqual([0, 130, 0]);
  expect(r.resumed.metrics).toEqual(r.straight.metrics);
  expect(r.straight.metrics.filter((m) => 'ema/modes' in m)).toHaveLength(2); // the preset's EMA is on: evaluations at 20 and 40
  expect(r.resumed.tensors.equals(r.straight.tensors)).toBe(true);
  fs.rmSync(root, { recursive: true, force: true });
});
