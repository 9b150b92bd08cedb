import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { initBackend } from '@stablegen/backend';
import { resolveConfig, train } from '@stablegen/trainer';
import { compareResumedRun } from '@stablegen/trainer/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { seq2seqApp } from './app.js';
import type { Seq2SeqConfig } from './config.js';
import { loadSeq2Seq } from './model/save-load.js';
import { disposeModel, translate } from './model/seq2seq-model.js';
import { seq2seqRecipe } from './recipe.js';
import { saveModelAtEnd } from './save-callback.js';

beforeAll(async () => {
  await initBackend('cpu', { log: () => {} });
});

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'seq2seq-recipe-'));
const TINY_RUN = ['--steps', '4', '--batch-size', '8', '--embedding', '4', '--hidden', '8', '--log-every', '1', '--eval-every', '2',
  '--sample-every', '4', '--checkpoint-every', '2', '--eval-size', '24', '--test-size', '24', '--prefix-size', '24', '--eval-batch', '12', '--sample-count', '3',
  '--beam-width', '2', '--pairs-per-date', '1', '--tf-schedule', 'linear', '--tf-c', '0.2', '--warmup-steps', '2'];
const configFor = (argv: string[]) => resolveConfig('seq2seq', '', seq2seqRecipe.schema, argv)!.config as Seq2SeqConfig;
const quiet = { log: () => {}, tty: false };
const metrics = (dir: string) => fs.readFileSync(path.join(dir, 'metrics.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, number>);

describe('seq2seq recipe', () => {
  it('logs the schedule, the exposure gap and the test score, and saves a model that reloads', async () => {
    const out = path.join(tmp(), 'run');
    await train(seq2seqRecipe, configFor([...TINY_RUN, '--out', out]), { ...quiet, callbacks: [saveModelAtEnd] });
    const lines = metrics(out);
    // Linear schedule, c = 0.2: eps_i = 1 - 0.2 i at 0-based step i.
    expect(lines.filter((m) => 'tf/eps' in m).map((m) => m['tf/eps'])).toEqual([1, 0.8, 1 - 0.2 * 2, 1 - 0.2 * 3]);
    expect(lines.find((m) => m.step === 1)?.['tf/realised_rate']).toBe(1); // eps_0 = 1: every input is ground truth
    const evals = lines.filter((m) => 'val/exact_match' in m);
    expect(evals.map((m) => m.step)).toEqual([2, 4]);
    for (const m of evals) expect(m['val/exposure_gap']).toBeCloseTo(m['val/tf_token_acc'] - m['val/free_token_acc'], 12);
    expect(evals[1]).toHaveProperty('test/exact_match');
    expect(evals[1]).toHaveProperty('test/exact_match_beam');
    // iso: 11 decoder steps, prefixes 0, 3, 5, 8; at 0 both continuations are the free-running output.
    expect(Object.keys(evals[1]).filter((k) => k.endsWith('/gt_acc'))).toEqual(['00', '03', '05', '08'].map((l) => `test/prefix${l}/gt_acc`));
    expect(evals[1]['test/prefix00/gt_acc']).toBe(evals[1]['test/prefix00/own_acc']);
    expect(evals[1]['test/prefix00/own_acc']).toBeCloseTo(evals[1]['test/free_token_acc'], 12);
    // The samples of the last step were written by the trained model; the reloaded one decodes the same.
    const sample = fs.readFileSync(path.join(out, 'samples', 'step-000004.txt'), 'utf8').trim().split('\n').slice(1);
    const model = loadSeq2Seq(path.join(out, 'model'));
    const [inputs, greedy] = [sample.map((l) => l.split(' | ')[0].trimEnd()), sample.map((l) => l.split(' | ')[1].trimEnd().replace(/ (ok|XX)$/, ''))];
    expect(translate(model, inputs)).toEqual(greedy);
    disposeModel(model);
  });

  it('resumes bit-exactly: interrupted at step 26 of 40, the same metrics and final tensors to the last bit', async () => {
    // Adam(0.9, 0.999): at t = 26 the float32 products beta^t differ from pow(beta, t) (checkpointable.ts)
    const argv = [...TINY_RUN.filter((_, i) => i > 1), '--steps', '40', '--log-every', '5', '--eval-every', '20', '--sample-every', '40', '--checkpoint-every', '10', '--tf-c', '0.02', '--backend', 'cpu'];
    const r = await compareResumedRun(seq2seqApp.recipe, seq2seqApp.options, argv, { steps: 40, cutAt: 26, root: tmp() });
    expect(r.codes).toEqual([0, 130, 0]);
    expect(r.straight.metrics.filter((m) => 'loss/ce' in m)).toHaveLength(8);
    expect(r.resumed.metrics).toEqual(r.straight.metrics);
    expect(r.resumed.tensors.equals(r.straight.tensors)).toBe(true);
  }, 180_000); // three child processes: 17 s alone, past 60 s inside the full suite on 2 cores

  it('throws a user error naming the flag when a schedule parameter is missing', () => {
    expect(() => seq2seqRecipe.build(configFor(['--tf-schedule', 'exponential']), undefined as never)).toThrow(/--tf-schedule exponential: .*needs k/);
  });
});
