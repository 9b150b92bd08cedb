/**
 * gan:train on bad input, through the app's entry point in this process: each case exits 2 with
 * one line on stderr naming the cause and the fix, and leaves no run directory behind. Then the
 * flags that turn a failure into a choice (--skip-bad-images, --strict-images), a blow-up that
 * stops the run, and a learning rate changed on --resume.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { writeTestFolders, type TestFolders } from '@stablegen/gan-training/testing';
import { readEvents, readMetrics } from '@stablegen/run-files';
import { runAppCaptured, undescribedFlags } from '@stablegen/trainer/testing';
import { beforeAll, describe, expect, test } from 'vitest';
import { ganApp } from '../src/app.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gan-bad-'));
let f: TestFolders;
const gan = (argv: string[]) => runAppCaptured(ganApp.recipe, ganApp.options, ['--backend', 'cpu', ...argv]);
const fresh = () => path.join(tmp, `run-${Math.random().toString(36).slice(2)}`);

beforeAll(async () => {
  f = await writeTestFolders(tmp);
  fs.mkdirSync(path.join(tmp, 'wgan-run'));
  fs.writeFileSync(path.join(tmp, 'wgan-run', 'config.json'), JSON.stringify({ family: 'wgan-gp', steps: 10 }));
  fs.writeFileSync(path.join(tmp, 'wgan.json'), JSON.stringify({ family: 'wgan-gp', lrG: 1e-4 }));
});

/** A small ring8 run (the preset) that finishes and leaves checkpoints at steps 10 and 20. */
const ring8 = ['--dataset', 'ring8', '--steps', '20', '--batch-size', '32', '--eval-samples', '100', '--eval-every', '20', '--sample-every', '20', '--checkpoint-every', '10', '--monitor-every', '0'];

describe('gan:train rejects bad input with one line and no run directory', () => {
  const cases: Array<[string, () => string[], RegExp]> = [
    ['missing data folder', () => ['--data', f.missing], /^error: image folder .*nope does not exist/],
    ['empty folder', () => ['--data', f.empty], /^error: image folder .*empty has no files\. Put PNG, JPEG or WebP images in it\.$/],
    ['non-image file', () => ['--data', f.textFile], /^error: .*notes\.txt is not an image .* Remove the file, or pass --skip-bad-images to skip such files with a warning\.$/],
    ['truncated PNG', () => ['--data', f.corrupt], /^error: .*broken\.png is corrupt or truncated .* pass --skip-bad-images/],
    ['pixel bomb', () => ['--data', f.big, '--max-image-pixels', '1000'], /^error: .*huge\.png has more pixels than the limit of 1000 .* raise --max-image-pixels if you trust it, or pass --skip-bad-images\.$/],
    ['batch size larger than the dataset', () => ['--data', f.three, '--image-size', '16', '--batch-size', '8'], /^error: .*batch size 8.*3/i],
    ['mixed sizes under --strict-images', () => ['--data', f.mixed, '--image-size', '16', '--batch-size', '4', '--strict-images'], /^error: .*mixed holds images of 2 sizes \(16x16: 6, 32x16: 2\) and 2 colour modes \(rgb: 6, grey: 2\); .* drop --strict-images\.$/],
    ['unknown dataset', () => ['--dataset', 'cifar10'], /^error: unknown dataset 'cifar10'\. Use 'mnist', 'folder:<path>' \(or --data <path>\), 'ring8' or 'grid25'\.$/],
    ['--data and --dataset together', () => ['--data', f.three, '--dataset', 'mnist'], /^error: --data .* and --dataset both name the training data — pass one of them/],
    ['--channels 2', () => ['--channels', '2'], /^error: invalid value for --channels \(2\): must be 1 \(grayscale\) or 3 \(RGB\)/],
    ['--channels 3 on mnist', () => ['--channels', '3'], /^error: --channels 3: mnist has 1 channel\. Drop --channels for mnist\.$/],
    ['--conditional on ring8', () => ['--dataset', 'ring8', '--conditional'], /^error: --conditional needs a labelled dataset; 'ring8' has no labels — use --dataset mnist, or drop --conditional$/],
    ['--whiten on ring8', () => ['--dataset', 'ring8', '--whiten'], /^error: --whiten is for image datasets, not the 2-D mixture 'ring8' — drop --whiten$/],
    ['unknown backend', () => ['--backend', 'tpu'], /^error: option '--backend <value>' argument 'tpu' is invalid/],
    ['unknown flag', () => ['--learning-rate', '1'], /^error: unknown option '--learning-rate'/],
    ['config from another family', () => ['--config', path.join(tmp, 'wgan.json')], /^error: config file .* is for family 'wgan-gp', not 'gan'/],
    ['unknown loss', () => ['--loss', 'lsgan'], /^error: option '--loss <value>' argument 'lsgan' is invalid/],
    ['label smoothing above 1', () => ['--label-smoothing', '1.5'], /^error: invalid value for --label-smoothing \(1\.5\)/],
    ['negative learning rate', () => ['--lr-d', '-1'], /^error: invalid value for --lr-d \(-1\): Too small/],
  ];
  test.each(cases)('%s', async (_name, args, expected) => {
    const out = fresh();
    const r = await gan([...args(), '--out', out, '--steps', '2']);
    expect(r.stderr).toHaveLength(1);
    expect(r.stderr[0]).toMatch(expected);
    expect(r.code).toBe(2);
    expect(fs.existsSync(out)).toBe(false);
  });
});

describe('gan:train run directories', () => {
  test('--resume: a foreign run, a changed batch size, a run without a checkpoint, and --out on a finished run are one line each', async () => {
    const done = fresh();
    expect((await gan([...ring8, '--out', done])).code).toBe(0);
    const foreign = await gan(['--resume', path.join(tmp, 'wgan-run')]);
    expect(foreign.stderr).toEqual([expect.stringMatching(/^error: run directory .* is for family 'wgan-gp', not 'gan'/)]);
    const batch = await gan(['--resume', done, '--batch-size', '8']);
    expect(batch.stderr).toEqual([expect.stringMatching(/^error: --batch-size cannot be changed when resuming — drop it, or start a new run; --resume takes .*learning rates \(--lr\*\)$/)]);
    const again = await gan([...ring8, '--out', done]);
    expect(again.stderr).toEqual([`error: --out ${done} already holds a run — continue it with --resume ${done}, or choose another --out`]);
    expect([foreign.code, batch.code, again.code]).toEqual([2, 2, 2]);
    // A run killed before its first checkpoint: --resume says how to start it again, and that works.
    const killed = fresh();
    fs.mkdirSync(path.join(killed, 'checkpoints'), { recursive: true });
    fs.writeFileSync(path.join(killed, 'config.json'), JSON.stringify({ family: 'gan', dataset: 'ring8' }));
    const none = await gan(['--resume', killed]);
    expect(none.stderr).toEqual([`error: --resume ${killed}: no usable checkpoint in ${path.join(killed, 'checkpoints')} — start it again with --out ${killed} (a run without a checkpoint is replaced)`]);
    const restart = await gan([...ring8, '--out', killed]);
    expect(restart.code).toBe(0);
    expect(restart.stdout).toContain(`replacing ${killed}: it holds a run without a checkpoint`);
  });

  test('a learning rate changed on --resume is used, recorded in events.jsonl and saved in config.json', async () => {
    const run = fresh();
    expect((await gan([...ring8, '--out', run])).code).toBe(0);
    const same = fresh();
    fs.cpSync(run, same, { recursive: true });
    const more = await gan(['--resume', run, '--steps', '30', '--lr-d', '5e-4']);
    expect(more.code).toBe(0);
    expect((await gan(['--resume', same, '--steps', '30'])).code).toBe(0);
    const lossAt = (dir: string, step: number) => readMetrics(dir).find((m) => m.step === step && 'loss/d' in m)!['loss/d'];
    expect(lossAt(run, 20)).toBe(lossAt(same, 20));
    expect(lossAt(run, 30)).not.toBe(lossAt(same, 30)); // the lower rate took effect
    expect(readEvents(run).filter((e) => e.kind === 'override')).toEqual([{ step: 20, kind: 'override', changes: { steps: { from: 20, to: 30 }, lrD: { from: 0.001, to: 5e-4 } } }]);
    expect(JSON.parse(fs.readFileSync(path.join(run, 'config.json'), 'utf8'))).toMatchObject({ family: 'gan', steps: 30, lrD: 5e-4, lrG: 0.001 });
  });

  test('learning rate 10 blows up: the run stops at once naming the step, the quantity and the flags, and leaves nothing', async () => {
    const out = fresh();
    const r = await gan([...ring8, '--lr-d', '10', '--lr-g', '10', '--steps', '200', '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toHaveLength(1);
    expect(r.stderr[0]).toMatch(
      new RegExp(`^error: training diverged at step \\d+: \\|loss/[dg]\\| = .* exceeds 10000 x its scale at the start \\(.*\\) — the run wrote no checkpoint, so ${out} was removed: start again with a lower --lr-g / --lr-d; if this growth is expected, raise --divergence-factor \\(now 10000\\)$`),
    );
    expect(fs.existsSync(out)).toBe(false);
  });

  test('--skip-bad-images trains past an unreadable file with one warning; a mixed folder trains with one warning line', async () => {
    const skip = await gan(['--backend', 'wasm', '--data', f.oneBad, '--image-size', '16', '--batch-size', '4', '--width', '8', '--steps', '2', '--skip-bad-images', '--out', fresh()]);
    expect(skip.code).toBe(0);
    expect(skip.stderr.filter((l) => l.startsWith('warning:'))).toEqual([expect.stringMatching(/^warning: Skipped 1 of 9 files in .*one-bad:$/)]);
    const mixed = await gan(['--backend', 'wasm', '--data', f.mixed, '--image-size', '16', '--batch-size', '4', '--width', '8', '--steps', '2', '--out', fresh()]);
    expect(mixed.code).toBe(0);
    expect(mixed.stderr).toEqual([expect.stringMatching(/^warning: .*mixed holds images of 2 sizes \(16x16: 6, 32x16: 2\) and 2 colour modes \(rgb: 6, grey: 2\); all were resized to 16x16 and converted to grayscale \(--strict-images makes this an error\)$/)]);
  });
});

test('--help lists every flag with a description and its default, and trains nothing', async () => {
  expect(undescribedFlags(ganApp.recipe.schema)).toEqual([]);
  const r = await runAppCaptured(ganApp.recipe, ganApp.options, ['--help']);
  expect(r.code).toBe(0);
  expect(r.stdout.join('\n')).toMatch(/--steps <n> +training steps .*\(default: \d+\)/);
});
