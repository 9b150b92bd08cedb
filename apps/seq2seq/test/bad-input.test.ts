/**
 * seq2seq:train on bad input, through the app's entry point in this process: one line on stderr,
 * exit 2, no run directory. And a learning rate of 1e6 stops at the blow-up of the loss.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runAppCaptured, undescribedFlags } from '@stablegen/trainer/testing';
import { describe, expect, test } from 'vitest';
import { seq2seqApp } from '../src/app.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'seq2seq-bad-'));
const seq2seq = (argv: string[]) => runAppCaptured(seq2seqApp.recipe, seq2seqApp.options, ['--backend', 'cpu', ...argv]);
const fresh = () => path.join(tmp, `run-${Math.random().toString(36).slice(2)}`);
const tiny = ['--batch-size', '16', '--embedding', '8', '--hidden', '16', '--eval-size', '16', '--test-size', '16', '--prefix-size', '16', '--pairs-per-date', '1', '--warmup-steps', '0'];

describe('seq2seq:train rejects bad input with one line and no run directory', () => {
  const cases: Array<[string, string[], RegExp]> = [
    ['unknown task', ['--task', 'roman'], /^error: option '--task <value>' argument 'roman' is invalid/],
    ['unknown schedule', ['--tf-schedule', 'cubic'], /^error: option '--tf-schedule <value>' argument 'cubic' is invalid/],
    ['exponential schedule without its base', ['--tf-schedule', 'exponential'], /^error: --tf-schedule exponential: .*needs k/],
    ['teacher-forcing eps above 1', ['--tf-eps', '1.5'], /^error: invalid value for --tf-eps \(1\.5\)/],
    ['zero learning rate', ['--lr', '0'], /^error: invalid value for --lr \(0\)/],
    ['pairs per date out of range', ['--pairs-per-date', '99'], /^error: invalid value for --pairs-per-date \(99\)/],
  ];
  test.each(cases)('%s', async (_name, args, expected) => {
    const out = fresh();
    const r = await seq2seq([...tiny, ...args, '--out', out, '--steps', '2']);
    expect(r.stderr).toEqual([expect.stringMatching(expected)]);
    expect(r.code).toBe(2);
    expect(fs.existsSync(out)).toBe(false);
  });
});

test('--lr 1e6 stops at the blow-up of the loss and leaves nothing', async () => {
  const out = fresh();
  const r = await seq2seq([...tiny, '--lr', '1e6', '--lr-decay', 'none', '--steps', '300', '--out', out]);
  expect(r.code).toBe(2);
  expect(r.stderr).toEqual([expect.stringMatching(/^error: training diverged at step \d+: \|loss\/ce\| = .* exceeds 10000 x its scale at the start \(.*\) — the run wrote no checkpoint, so .* was removed: start again with a lower --lr;/)]);
  expect(fs.existsSync(out)).toBe(false);
});

test('--help lists every flag with a description and its default, and trains nothing', async () => {
  expect(undescribedFlags(seq2seqApp.recipe.schema)).toEqual([]);
  const r = await runAppCaptured(seq2seqApp.recipe, seq2seqApp.options, ['--help']);
  expect(r.code).toBe(0);
  expect(r.stdout.join('\n')).toMatch(/--steps <n> +training steps .*\(default: \d+\)/);
});
