/**
 * The progressive command line end to end: bad inputs each give one clear line and exit 2 without
 * training; a tiny run through a real `nx run` accepts Nx's flag spellings, grows 4 -> 8 and writes
 * a run (phase timeline in metrics.jsonl, one grid per phase, exported generator, report).
 */
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { writeImageFolder } from './fixtures.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'progressive-cli-'));
let folder = '';
/** Runs a command without blocking the test worker. */
const runAsync = (file: string, args: string[], opts: { cwd: string; timeout?: number; env?: NodeJS.ProcessEnv }) =>
  new Promise<{ status: number; stdout: string; stderr: string }>((resolve) =>
    execFile(file, args, { ...opts, encoding: 'utf8', maxBuffer: 1 << 26 }, (err, stdout, stderr) => resolve({ status: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr })),
  );
const progressive = (args: string[]) => runAsync(process.execPath, ['--import', 'tsx', 'apps/progressive/src/main.ts', '--backend', 'cpu', ...args], { cwd: root, timeout: 120_000 });

beforeAll(async () => {
  folder = await writeImageFolder(path.join(tmp, 'images'));
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('progressive:train rejects bad input with one clear message', () => {
  const cases: Array<[string, () => string[], RegExp]> = [
    // (3,200 + 3,200 + 3,200) images / 16 per batch = 600 steps
    ['too few steps for the schedule', () => ['--dataset', `folder:${folder}`, '--resolution', '8', '--steps', '2'], /^error: --steps 2 x --batch-size 16 shows fewer images than the growth schedule needs to reach 8x8 \(600 steps\) — pass --steps 600 or more/],
    ['resolution not a power of two', () => ['--dataset', `folder:${folder}`, '--resolution', '24'], /^error: --resolution 24 is not a power of two/],
    ['mnist at another resolution', () => ['--resolution', '16'], /^error: --resolution 16: mnist is padded to 32x32/],
    ['unknown dataset', () => ['--dataset', 'cifar10'], /^error: unknown dataset 'cifar10'\. Use 'mnist' or 'folder:<path>' \(or --data <path>\)\.$/],
    ['--data and --dataset together', () => ['--data', folder, '--dataset', 'mnist'], /^error: --data .* and --dataset both name the training data — pass one of them/],
    ['--data without a folder', () => ['--data'], /^error: --data needs a folder of images — pass --data <path-to-folder>/],
    ['negative fade images', () => ['--fade-images', '-1'], /^error: invalid value for --fade-images \(-1\)/],
  ];
  test.concurrent.each(cases)('%s', async (_name, args, expected) => {
    const out = path.join(tmp, `run-${Math.random().toString(36).slice(2)}`);
    const r = await progressive([...args(), '--out', out]);
    const lines = r.stderr.trim().split('\n').filter((l) => !l.startsWith('backend:'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(expected);
    expect(r.status).toBe(2);
  });
});

test('a real `nx run progressive:train` takes Nx-forwarded flags (--data <folder> included), grows 4 -> 8 and writes a run', async () => {
  const out = path.join(tmp, 'nx-run');
  const flags = ['--backend=wasm', `--data=${folder}`, '--resolution=8', '--batchSize=4', '--fade-images=8', '--stableImages=8', '--steps=6', '--width=8', '--sampleEvery=2', '--log-every=1', `--out=${out}`];
  const r = await runAsync('npx', ['nx', 'run', 'progressive:train', ...flags], { cwd: root, timeout: 170_000, env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true' } });
  expect(r.status, r.stdout + r.stderr).toBe(0);
  const config = JSON.parse(fs.readFileSync(path.join(out, 'config.json'), 'utf8'));
  expect(config).toMatchObject({ family: 'progressive', dataset: `folder:${folder}`, steps: 6, batchSize: 4, fadeImages: 8, stableImages: 8, resolution: 8, baseline: false });
  const metrics = fs.readFileSync(path.join(out, 'metrics.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  expect(metrics.filter((m) => 'alpha' in m).map((m) => [m.step, m.resolution, m.alpha])).toEqual([[1, 4, 1], [2, 4, 1], [3, 8, 0], [4, 8, 0.5], [5, 8, 1], [6, 8, 1]]);
  expect(fs.readdirSync(path.join(out, 'samples')).sort()).toEqual(['step-000002-4x4.png', 'step-000004-8x8.png', 'step-000006-8x8.png']);
  expect(fs.existsSync(path.join(out, 'generator', 'model.json'))).toBe(true);
  expect(fs.existsSync(path.join(out, 'report.html'))).toBe(true);
}, 180_000);
