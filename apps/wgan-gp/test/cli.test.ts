/**
 * The wgan-gp command line end to end in a real process (bad input: bad-input.test.ts): a real
 * `nx run wgan-gp:train --dataset=ring8` picks up the ring preset under Nx's flag spellings and
 * writes the 2-D artifacts; a one-step MNIST run writes digit metrics and a grid.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'wgan-cli-'));
interface Result {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a command without blocking the test worker (a blocked worker misses vitest's heartbeats). */
function run(cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<Result> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: root, env, timeout: 170_000 });
    const out = { stdout: '', stderr: '' };
    child.stdout.on('data', (d) => (out.stdout += d));
    child.stderr.on('data', (d) => (out.stderr += d));
    child.on('close', (status) => resolve({ status, ...out }));
  });
}
const wgan = (args: string[]) => run(process.execPath, ['--import', 'tsx', 'apps/wgan-gp/src/main.ts', ...args]);
const jsonl = (file: string) => fs.readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, number>);

test('a real `nx run wgan-gp:train --dataset=ring8` uses the ring preset and writes samples, points and scores', async () => {
  const out = path.join(tmp, 'ring');
  const args = ['nx', 'run', 'wgan-gp:train', '--dataset=ring8', '--steps=4', '--nCritic=2', '--evalEvery=2', '--sampleEvery=4', `--out=${out}`];
  const r = await run('npx', args, { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true' });
  expect(r.status, r.stdout + r.stderr).toBe(0);
  const config = JSON.parse(fs.readFileSync(path.join(out, 'config.json'), 'utf8'));
  // From configs/ring8.json, except what the flags changed.
  expect(config).toMatchObject({ family: 'wgan-gp', dataset: 'ring8', steps: 4, nCritic: 2, batchSize: 256, gpLambda: 1, emaDecay: 0.999, evalSamples: 2500 });
  expect(config.config).toMatch(/configs[/\\]ring8\.json$/);
  const metrics = jsonl(path.join(out, 'metrics.jsonl'));
  expect(metrics.filter((m) => ['modes', 'hq_share', 'reverse_kl', 'ema/modes', 'ema/hq_share', 'ema/reverse_kl'].every((k) => k in m))).toHaveLength(2);
  expect(metrics.some((m) => ['loss/d', 'loss/g', 'gp', 'wasserstein', 'grad_norm'].every((k) => Number.isFinite(m[k])))).toBe(true);
  expect(fs.readdirSync(path.join(out, 'samples')).sort()).toEqual(['step-000004-ema-points.csv', 'step-000004-ema.png', 'step-000004-points.csv', 'step-000004.png']);
  const csv = fs.readFileSync(path.join(out, 'samples', 'step-000004-points.csv'), 'utf8').trim().split('\n');
  expect(csv).toHaveLength(2501);
  expect(fs.existsSync(path.join(out, 'generator', 'model.json'))).toBe(true);
  expect(fs.existsSync(path.join(out, 'report.html'))).toBe(true);
}, 180_000);

test('a one-step MNIST run logs the digit metrics and writes an image grid', async () => {
  const out = path.join(tmp, 'mnist');
  const r = await wgan(['--backend', 'wasm', '--steps', '1', '--batch-size', '4', '--n-critic', '2', '--eval-samples', '50', '--sample-count', '4', '--out', out]);
  expect(r.status, r.stderr).toBe(0);
  const metrics = jsonl(path.join(out, 'metrics.jsonl'));
  expect(metrics.some((m) => 'fd_mnist' in m && 'classes_covered' in m && 'confident_share' in m)).toBe(true);
  expect(JSON.parse(fs.readFileSync(path.join(out, 'config.json'), 'utf8'))).toMatchObject({ criticNorm: 'layer', gpLambda: 10, lrG: 1e-4, beta1: 0, beta2: 0.9 });
  expect(fs.readdirSync(path.join(out, 'samples'))).toEqual(['step-000001.png']);
}, 180_000);
