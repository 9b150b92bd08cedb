/**
 * --guard through the app's entry point: a NaN injected into a critic weight after step 6 makes the
 * next step's loss NaN; the guard rolls back to the checkpoint of step 4, halves both learning
 * rates, continues and finishes (exit 0), and events.jsonl records the rollback with the new rates.
 * Without --guard the same injection stops the run with exit 2.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { readEvents, readMetrics } from '@stablegen/run-files';
import type { TrainCallback } from '@stablegen/trainer';
import { runAppCaptured } from '@stablegen/trainer/testing';
import { expect, test } from 'vitest';
import { ganApp } from '../src/app.js';
import type { GanModels } from '../src/models.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gan-guard-'));
const flags = ['--backend', 'cpu', '--dataset', 'ring8', '--steps', '10', '--batch-size', '32', '--eval-samples', '100', '--eval-every', '10', '--sample-every', '10', '--checkpoint-every', '4', '--monitor-every', '0', '--report', 'false', '--lr-d', '2e-4', '--lr-g', '4e-4'];

/** Sets the critic's first kernel to NaN once, after step 6 (a stand-in for a numerical blow-up). */
function nanInjector(): TrainCallback<GanModels> {
  let done = false;
  return {
    onStepEnd({ step, models }) {
      if (done || step !== 6) return;
      done = true;
      const kernel = models.critic.trainableWeights[0].read() as tf.Variable;
      kernel.assign(tf.fill(kernel.shape, Number.NaN));
    },
  };
}

test('with --guard an injected NaN is rolled back, the rates halved, and the run finishes', async () => {
  const out = path.join(tmp, 'guarded');
  const r = await runAppCaptured(ganApp.recipe, { ...ganApp.options, callbacks: [nanInjector()] }, [...flags, '--guard', '--out', out]);
  expect(r.code, r.stderr.join('\n')).toBe(0);
  const rollbacks = readEvents(out).filter((e) => e.kind === 'rollback');
  expect(rollbacks).toHaveLength(1);
  expect(rollbacks[0]).toMatchObject({ step: 7, restoredStep: 4 });
  expect(String(rollbacks[0].reason)).toMatch(/NaN|non-finite/);
  expect(rollbacks[0].lr).toEqual({ optG: 2e-4, optD: 1e-4 });
  const steps = readMetrics(out).filter((m) => 'loss/d' in m).map((m) => m.step);
  expect(steps).toEqual([...new Set(steps)]); // the rolled-back lines were dropped, none repeats
  expect(steps[steps.length - 1]).toBe(10);
  expect(readMetrics(out).every((m) => Object.values(m).every((v) => typeof v !== 'number' || Number.isFinite(v)))).toBe(true);
  expect(fs.existsSync(path.join(out, 'generator', 'model.json'))).toBe(true);
  const config = JSON.parse(fs.readFileSync(path.join(out, 'config.json'), 'utf8'));
  expect(config).toMatchObject({ guard: true, guardLrFactor: 0.5, guardMaxRollbacks: 3, environment: { backend: 'cpu', threads: 1, backendLine: 'backend: cpu, 1 thread (requested)' } });
}, 60_000);

test('without --guard the same NaN stops the run with one line', async () => {
  const r = await runAppCaptured(ganApp.recipe, { ...ganApp.options, callbacks: [nanInjector()] }, [...flags, '--out', path.join(tmp, 'unguarded')]);
  expect(r.code).toBe(2);
  expect(r.stderr).toHaveLength(1);
  expect(r.stderr[0]).toMatch(/^error: training diverged at step 7: .*NaN/);
}, 60_000);
