/**
 * wgan-gp:train on bad input, through the app's entry point in this process: one line on stderr,
 * exit 2, no run directory. And learning rate 10 on the ring8 preset stops at the blow-up.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { writeTestFolders, type TestFolders } from '@stablegen/gan-training/testing';
import { runAppCaptured, undescribedFlags } from '@stablegen/trainer/testing';
import { beforeAll, describe, expect, test } from 'vitest';
import { wganGpApp } from '../src/app.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'wgan-bad-'));
let f: TestFolders;
const wgan = (argv: string[]) => runAppCaptured(wganGpApp.recipe, wganGpApp.options, ['--backend', 'cpu', ...argv]);
const fresh = () => path.join(tmp, `run-${Math.random().toString(36).slice(2)}`);

beforeAll(async () => {
  f = await writeTestFolders(tmp);
});

describe('wgan-gp:train rejects bad input with one line and no run directory', () => {
  const cases: Array<[string, () => string[], RegExp]> = [
    ['unknown dataset', () => ['--dataset', 'cifar10'], /^error: unknown dataset 'cifar10'\. Use 'mnist', 'folder:<path>' \(or --data <path>\), 'ring8' or 'grid25'\.$/],
    ['a mixture that does not exist (ring9)', () => ['--dataset', 'ring9'], /^error: unknown dataset 'ring9'\. Use 'mnist', 'folder:<path>' \(or --data <path>\), 'ring8' or 'grid25'\.$/],
    ['batch norm in the critic', () => ['--critic-norm', 'batch'], /^error: option '--critic-norm <value>' argument 'batch' is invalid/],
    ['no critic updates', () => ['--n-critic', '0'], /^error: invalid value for --n-critic \(0\)/],
    ['negative penalty weight', () => ['--gp-lambda', '-1'], /^error: invalid value for --gp-lambda \(-1\)/],
    ['EMA decay of 1', () => ['--ema-decay', '1'], /^error: invalid value for --ema-decay \(1\)/],
    ['missing data folder', () => ['--data', f.missing], /^error: image folder .*nope does not exist/],
    ['empty folder', () => ['--data', f.empty], /^error: image folder .*empty has no files/],
    ['non-image file', () => ['--data', f.textFile], /^error: .*notes\.txt is not an image .* pass --skip-bad-images/],
    ['truncated PNG', () => ['--data', f.corrupt], /^error: .*broken\.png is corrupt or truncated/],
    ['pixel bomb', () => ['--data', f.big, '--max-image-pixels', '1000'], /^error: .*huge\.png has more pixels than the limit of 1000/],
    ['batch size larger than the dataset', () => ['--data', f.three, '--image-size', '16', '--batch-size', '8'], /^error: .*batch size 8.*3/i],
    ['--channels 2', () => ['--channels', '2'], /^error: invalid value for --channels \(2\): must be 1 \(grayscale\) or 3 \(RGB\)/],
  ];
  test.each(cases)('%s', async (_name, args, expected) => {
    const out = fresh();
    const r = await wgan([...args(), '--out', out, '--steps', '2']);
    expect(r.stderr).toEqual([expect.stringMatching(expected)]);
    expect(r.code).toBe(2);
    expect(fs.existsSync(out)).toBe(false);
  });
});

test('learning rate 10 on the ring8 preset stops at the blow-up and leaves nothing', async () => {
  const out = fresh();
  const r = await wgan(['--backend', 'wasm', '--dataset', 'ring8', '--lr-d', '10', '--lr-g', '10', '--steps', '500', '--eval-samples', '100', '--out', out]);
  expect(r.code).toBe(2);
  expect(r.stderr).toEqual([expect.stringMatching(/^error: training diverged at step \d+: \|(loss\/[dg]|grad_norm)\| = .* exceeds 10000 x its scale at the start .* start again with a lower --lr-g \/ --lr-d/)]);
  expect(fs.existsSync(out)).toBe(false);
});

test('--help lists every flag with a description and its default, and trains nothing', async () => {
  expect(undescribedFlags(wganGpApp.recipe.schema)).toEqual([]);
  const r = await runAppCaptured(wganGpApp.recipe, wganGpApp.options, ['--help']);
  expect(r.code).toBe(0);
  expect(r.stdout.join('\n')).toMatch(/--steps <n> +training steps .*\(default: \d+\)/);
});
