/**
 * The progressive command line end to end in a real process (bad input: bad-input.test.ts): a tiny run through a real `nx run` accepts Nx's flag spellings, grows 4 -> 8 and writes
 * a run (phase timeline in metrics.jsonl, one grid per phase, exported generator, report).
 */
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { writeImageFolder } from './fixtures.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'progressive-cli-'));
let folder = '';
/** Runs a command without blocking the test worker. */
const runAsync = (file: string, args: string[], opts: { cwd: string; timeout?: number; env?: NodeJS.ProcessEnv }) =>
  new Promise<{ status: number; stdout: string; stderr: string }>((resolve) =>
    execFile(file, args, { ...opts, encoding: 'utf8', maxBuffer: 1 << 26 }, (err, stdout, stderr) => resolve({ status: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr })),
  );

beforeAll(async () => {
  folder = await writeImageFolder(path.join(tmp, 'images'));
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

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
