/**
 * Resume is bit-exact: the ring8 preset (MLP pair, Adam(0.5, 0.999)) interrupted (as by Ctrl-C)
 * after step 26 and resumed through the app's entry point logs the same metrics and ends with the
 * same bytes in every weight and optimiser slot as the run straight through. At t = 26 Adam's
 * float32 product beta2^t differs from pow(beta2, t), which tfjs's setWeights would use.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { compareResumedRun } from '@stablegen/trainer/testing';
import { expect, test } from 'vitest';
import { ganApp } from '../src/app.js';

test('interrupted at step 26 of 40 and resumed: the same metrics and final tensors to the last bit', async () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'gan-resume-'));
  const argv = ['--backend', 'wasm', '--dataset', 'ring8', '--steps', '40', '--batch-size', '32', '--eval-samples', '100'];
  const every = ['--log-every', '5', '--eval-every', '20', '--sample-every', '1000', '--checkpoint-every', '10', '--monitor-every', '0'];
  const r = await compareResumedRun(ganApp.recipe, ganApp.options, [...argv, ...every], { steps: 40, cutAt: 26, root });
  expect(r.codes).toEqual([0, 130, 0]);
  expect(r.straight.metrics.filter((m) => 'modes' in m)).toHaveLength(2);
  expect(r.resumed.metrics).toEqual(r.straight.metrics);
  expect(r.resumed.tensors.equals(r.straight.tensors)).toBe(true);
  fs.rmSync(root, { recursive: true, force: true });
});
