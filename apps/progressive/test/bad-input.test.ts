/**
 * progressive:train on bad input, through the app's entry point in this process: one line on
 * stderr, exit 2, no run directory (the too-short schedule used to leave a half-made one).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { writeTestFolders, type TestFolders } from '@stablegen/gan-training/testing';
import { runAppCaptured, undescribedFlags } from '@stablegen/trainer/testing';
import { beforeAll, describe, expect, test } from 'vitest';
import { progressiveApp } from '../src/app.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'progressive-bad-'));
let f: TestFolders;
const progressive = (argv: string[]) => runAppCaptured(progressiveApp.recipe, progressiveApp.options, ['--backend', 'cpu', ...argv]);

beforeAll(async () => {
  f = await writeTestFolders(tmp, 8);
});

describe('progressive:train rejects bad input with one line and no run directory', () => {
  const cases: Array<[string, () => string[], RegExp]> = [
    // (3,200 + 3,200 + 3,200) images / 16 per batch = 600 steps
    ['too few steps for the schedule', () => ['--data', f.three, '--resolution', '8', '--steps', '2'], /^error: --steps 2 x --batch-size 16 shows fewer images than the growth schedule needs to reach 8x8 \(600 steps\) — pass --steps 600 or more/],
    ['resolution not a power of two', () => ['--data', f.three, '--resolution', '24'], /^error: --resolution 24 is not a power of two/],
    ['mnist at another resolution', () => ['--resolution', '16'], /^error: --resolution 16: mnist is padded to 32x32/],
    ['unknown dataset', () => ['--dataset', 'cifar10'], /^error: unknown dataset 'cifar10'\. Use 'mnist' or 'folder:<path>' \(or --data <path>\)\.$/],
    ['a 2-D mixture', () => ['--dataset', 'ring8'], /^error: dataset 'ring8' \(a 2-D mixture\) is not one this family trains on\. Use 'mnist' or 'folder:<path>' \(or --data <path>\)\.$/],
    ['--data and --dataset together', () => ['--data', f.three, '--dataset', 'mnist'], /^error: --data .* and --dataset both name the training data — pass one of them/],
    ['--data without a folder', () => ['--data'], /^error: --data needs a folder of images — pass --data <path-to-folder>/],
    ['negative fade images', () => ['--fade-images', '-1'], /^error: invalid value for --fade-images \(-1\)/],
    ['missing data folder', () => ['--data', f.missing, '--resolution', '8', '--steps', '600'], /^error: image folder .*nope does not exist/],
    ['non-image file', () => ['--data', f.textFile, '--resolution', '8', '--steps', '600'], /^error: .*notes\.txt is not an image .* pass --skip-bad-images/],
    ['truncated PNG', () => ['--data', f.corrupt, '--resolution', '8', '--steps', '600'], /^error: .*broken\.png is corrupt or truncated/],
    ['batch size larger than the dataset', () => ['--data', f.three, '--resolution', '8', '--steps', '600'], /^error: .*batch size 16.*3/i],
    ['--widths of the wrong length', () => ['--widths', '8,16,32'], /^error: --widths 8,16,32: 3 positive entries for 4 stages \(4x4 to 32x32\) — give 4 feature-map counts, e\.g\. 8,16,32,64/],
    ['--identity-growth on widths that do not double', () => ['--identity-growth'], /^error: --identity-growth needs every stage at least twice as wide as the one before, but widths \[32, 32, 16, 8\] have 32 after 32 — pass --widths 8,16,32,64/],
    ['--identity-growth with --baseline', () => ['--identity-growth', '--baseline', '--widths', '8,16,32,64'], /^error: --identity-growth with --baseline: the baseline never grows/],
    ['--channels 3 on mnist', () => ['--channels', '3'], /^error: --channels 3: mnist has 1 channel\. Drop --channels for mnist\.$/],
  ];
  test.each(cases)('%s', async (_name, args, expected) => {
    const out = path.join(tmp, `run-${Math.random().toString(36).slice(2)}`);
    const r = await progressive([...args(), '--out', out]);
    expect(r.stderr).toEqual([expect.stringMatching(expected)]);
    expect(r.code).toBe(2);
    expect(fs.existsSync(out)).toBe(false);
  });
});

test('--help lists every flag with a description and its default, and trains nothing', async () => {
  expect(undescribedFlags(progressiveApp.recipe.schema)).toEqual([]);
  const r = await runAppCaptured(progressiveApp.recipe, progressiveApp.options, ['--help']);
  expect(r.code).toBe(0);
  expect(r.stdout.join('\n')).toMatch(/--steps <n> +training steps .*\(default: \d+\)/);
});
