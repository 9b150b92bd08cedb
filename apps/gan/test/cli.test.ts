/**
 * The gan command line end to end in a real process: a tiny run through a real `nx run` accepts
 * Nx's flag spellings and writes a run; the ring8 preset trains and scores. (Bad input is
 * bad-input.test.ts, through the same entry point in-process.)
 */
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gan-cli-'));
/** Runs a command without blocking the test worker (a blocked worker misses vitest's RPC deadlines). */
const runAsync = (file: string, args: string[], opts: { cwd: string; timeout?: number; env?: NodeJS.ProcessEnv }) =>
  new Promise<{ status: number; stdout: string; stderr: string }>((resolve) =>
    execFile(file, args, { ...opts, encoding: 'utf8', maxBuffer: 1 << 26 }, (err, stdout, stderr) => resolve({ status: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr })),
  );

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
