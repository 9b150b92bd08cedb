/**
 * The gan command line end to end: bad inputs each give one clear line and exit 2 without
 * training; a tiny run through a real `nx run` accepts Nx's flag spellings and writes a run.
 */
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { beforeAll, describe, expect, test } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gan-cli-'));
/** Runs a command without blocking the test worker (a blocked worker misses vitest's RPC deadlines). */
const runAsync = (file: string, args: string[], opts: { cwd: string; timeout?: number; env?: NodeJS.ProcessEnv }) =>
  new Promise<{ status: number; stdout: string; stderr: string }>((resolve) =>
    execFile(file, args, { ...opts, encoding: 'utf8', maxBuffer: 1 << 26 }, (err, stdout, stderr) => resolve({ status: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr })),
  );
const gan = (args: string[]) => runAsync(process.execPath, ['--import', 'tsx', 'apps/gan/src/main.ts', '--backend', 'cpu', ...args], { cwd: root, timeout: 120_000 });

const dirs = {
  empty: path.join(tmp, 'empty'),
  textFile: path.join(tmp, 'text'),
  corrupt: path.join(tmp, 'corrupt'),
  big: path.join(tmp, 'big'),
  three: path.join(tmp, 'three'),
};

beforeAll(async () => {
  Object.values(dirs).forEach((d) => fs.mkdirSync(d));
  fs.writeFileSync(path.join(dirs.textFile, 'notes.txt'), 'not an image');
  const png = await sharp({ create: { width: 16, height: 16, channels: 3, background: '#808080' } }).png().toBuffer();
  fs.writeFileSync(path.join(dirs.corrupt, 'broken.png'), Buffer.concat([png.subarray(0, 40), Buffer.alloc(64, 7)]));
  await sharp({ create: { width: 200, height: 200, channels: 3, background: '#fff' } }).png().toFile(path.join(dirs.big, 'huge.png'));
  for (let i = 0; i < 3; i++) fs.writeFileSync(path.join(dirs.three, `${i}.png`), png);
  fs.mkdirSync(path.join(tmp, 'wgan-run'));
  fs.writeFileSync(path.join(tmp, 'wgan-run', 'config.json'), JSON.stringify({ family: 'wgan-gp', steps: 10 }));
  fs.writeFileSync(path.join(tmp, 'wgan.json'), JSON.stringify({ family: 'wgan-gp', lrG: 1e-4 }));
});

describe('gan:train rejects bad input with one clear message', () => {
  const cases: Array<[string, () => string[], RegExp]> = [
    ['missing data folder', () => ['--dataset', `folder:${path.join(tmp, 'nope')}`], /^error: .*nope.* does not exist/i],
    ['empty folder', () => ['--dataset', `folder:${dirs.empty}`], /^error: image folder .*empty has no files\. Put PNG, JPEG or WebP images in it\.$/],
    ['non-image file', () => ['--dataset', `folder:${dirs.textFile}`], /^error: .*notes\.txt/],
    ['corrupt PNG', () => ['--dataset', `folder:${dirs.corrupt}`], /^error: .*broken\.png/],
    ['oversized image', () => ['--dataset', `folder:${dirs.big}`, '--max-image-pixels', '1000'], /^error: .*huge\.png.*(pixel|limit)/i],
    ['batch size larger than the dataset', () => ['--dataset', `folder:${dirs.three}`, '--image-size', '16', '--batch-size', '8'], /^error: .*batch size 8.*3/i],
    ['unknown dataset', () => ['--dataset', 'cifar10'], /^error: unknown dataset 'cifar10'\. Use 'mnist', 'folder:<path>' \(or --data <path>\), 'ring8' or 'grid25'\.$/],
    ['unknown backend', () => ['--backend', 'tpu'], /^error: option '--backend <value>' argument 'tpu' is invalid/],
    ['config from another family', () => ['--config', path.join(tmp, 'wgan.json')], /^error: config file .* is for family 'wgan-gp', not 'gan'/],
    ['--resume of a foreign run directory', () => ['--resume', path.join(tmp, 'wgan-run')], /^error: run directory .* is for family 'wgan-gp', not 'gan'/],
    ['unknown loss', () => ['--loss', 'lsgan'], /^error: option '--loss <value>' argument 'lsgan' is invalid/],
    ['label smoothing above 1', () => ['--label-smoothing', '1.5'], /^error: invalid value for --label-smoothing \(1\.5\)/],
  ];
  test.concurrent.each(cases)('%s', async (_name, args, expected) => {
    const out = path.join(tmp, `run-${Math.random().toString(36).slice(2)}`);
    const r = await gan([...args(), '--out', out, '--steps', '2']);
    const lines = r.stderr.trim().split('\n').filter((l) => !l.startsWith('backend:'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(expected);
    expect(r.status).toBe(2);
    expect(fs.existsSync(path.join(out, 'checkpoints', 'step-000002'))).toBe(false);
  });
});

test('a real `nx run gan:train` takes Nx-forwarded flags and writes a run', async () => {
  const out = path.join(tmp, 'nx-run');
  const r = await runAsync(
    'npx',
    ['nx', 'run', 'gan:train', '--backend=wasm', '--steps=2', '--batchSize=4', '--evalEvery=2', '--evalSamples=50', '--sampleCount=4', `--out=${out}`, '--spectral-norm'],
    { cwd: root, timeout: 170_000, env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true' } },
  );
  expect(r.status, r.stdout + r.stderr).toBe(0);
  const config = JSON.parse(fs.readFileSync(path.join(out, 'config.json'), 'utf8'));
  expect(config).toMatchObject({ family: 'gan', steps: 2, batchSize: 4, spectralNorm: true, evalSamples: 50 });
  const metrics = fs.readFileSync(path.join(out, 'metrics.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  expect(metrics.some((m) => 'fd_mnist' in m && 'confident_share' in m)).toBe(true);
  expect(fs.existsSync(path.join(out, 'report.html'))).toBe(true);
  expect(fs.existsSync(path.join(out, 'generator', 'model.json'))).toBe(true);
  expect(fs.readdirSync(path.join(out, 'samples'))).toContain('step-000002.png');
}, 180_000);

test('--dataset ring8 starts from configs/ring8.json and logs finite losses, PacGAN mode metrics and a scatter plot', async () => {
  const out = path.join(tmp, 'ring8');
  const r = await runAsync(process.execPath, ['--import', 'tsx', 'apps/gan/src/main.ts', '--backend', 'wasm', '--dataset', 'ring8', '--steps', '40', '--eval-every', '20', '--sample-every', '40', '--out', out], { cwd: root, timeout: 120_000 });
  expect(r.status, r.stderr).toBe(0);
  const config = JSON.parse(fs.readFileSync(path.join(out, 'config.json'), 'utf8'));
  expect(config).toMatchObject({ family: 'gan', dataset: 'ring8', latentDim: 2, batchSize: 256, mlpWidth: 64, evalSamples: 2500, steps: 40 });
  const metrics = fs.readFileSync(path.join(out, 'metrics.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  const losses = metrics.filter((m) => 'loss/d' in m);
  expect(losses.length).toBeGreaterThan(0);
  expect(losses.every((m) => Number.isFinite(m['loss/d']) && Number.isFinite(m['loss/g']))).toBe(true);
  const evals = metrics.filter((m) => 'modes' in m);
  expect(evals.map((m) => m.step)).toEqual([20, 40]);
  for (const m of evals) {
    expect(Number.isInteger(m.modes) && m.modes >= 0 && m.modes <= 8).toBe(true);
    expect(m.hq_share).toBeGreaterThanOrEqual(0);
    expect(m.hq_share).toBeLessThanOrEqual(1);
    expect(m.reverse_kl).toBeGreaterThanOrEqual(0);
    expect(m.reverse_kl).toBeLessThanOrEqual(Math.log(8) + 1e-9); // all mass on one mode
  }
  expect(fs.readdirSync(path.join(out, 'samples')).sort()).toEqual(['step-000040-points.csv', 'step-000040.png']);
  const csv = fs.readFileSync(path.join(out, 'samples', 'step-000040-points.csv'), 'utf8').trim().split('\n');
  expect(csv).toHaveLength(2501);
}, 130_000);

test('--whiten on a 2-D mixture is one clear error', async () => {
  const r = await gan(['--dataset', 'ring8', '--whiten', '--steps', '2', '--out', path.join(tmp, 'ring8-whiten')]);
  expect(r.stderr.trim().split('\n').filter((l) => !l.startsWith('backend:'))).toEqual(["error: --whiten is for image datasets, not the 2-D mixture 'ring8' — drop --whiten"]);
  expect(r.status).toBe(2);
}, 60_000);
