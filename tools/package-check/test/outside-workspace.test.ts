/**
 * Each lib builds alone (the test target depends on their `build`), and a plain Node ESM file
 * outside the workspace imports them by package name through their package.json `exports` (dist),
 * not through the workspace's TypeScript path aliases.
 */
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../../..');
/** Every technique lib plus what they build on (layers, backend); the test target builds each one alone. */
const LIBS = ['backend', 'layers', 'generators', 'critics', 'losses', 'gradient-penalty', 'spectral-norm', 'whitening', 'teacher-forcing', 'schedules'];

test('built libs import by package name from a project outside the workspace', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'consumer-'));
  fs.mkdirSync(path.join(dir, 'node_modules', '@stablegen'), { recursive: true });
  for (const lib of LIBS) {
    expect(fs.existsSync(path.join(root, 'libs', lib, 'dist', 'index.js')), `${lib} is built`).toBe(true);
    fs.symlinkSync(path.join(root, 'libs', lib), path.join(dir, 'node_modules', '@stablegen', lib));
  }
  fs.symlinkSync(path.join(root, 'node_modules', '@tensorflow'), path.join(dir, 'node_modules', '@tensorflow'));
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ type: 'module', private: true }));
  fs.copyFileSync(path.join(here, '..', 'example', 'consumer.mjs'), path.join(dir, 'consumer.mjs'));
  const out = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) =>
    execFile(process.execPath, ['consumer.mjs'], { cwd: dir, encoding: 'utf8' }, (err, stdout, stderr) => resolve({ code: err ? 1 : 0, stdout, stderr })),
  );
  expect(out.code, out.stderr).toBe(0);
  const r = JSON.parse(out.stdout.trim().split('\n').pop()!);
  expect(r.penalty).toBeGreaterThanOrEqual(0);
  expect(Number.isFinite(r.loss)).toBe(true);
  expect(r.sigma).toBeCloseTo(3, 4); // largest singular value of diag(3, 1)
  expect(r.flatness).toBeCloseTo(2e-3, 6); // warm-up 0 -> 1e-3 then cosine 1e-3 -> 0: 2 x base
  expect(r.eps10).toBeCloseTo(5 / (5 + Math.exp(10 / 5)), 6); // Bengio et al. 2015: k / (k + exp(i / k))
  expect([r.generatorShape, r.criticShape, r.criticFinite]).toEqual(['8x2', '8x1', 1]);
  expect(r.covError).toBeLessThan(1e-3); // ZCA output covariance is the identity
}, 120_000);
