/**
 * Every family's first three training steps agree between the single-threaded wasm build
 * (--threads 1) and the threaded one (--threads 2), within 1e-5 relative on every logged metric.
 * A thread count is fixed per process, so each runs in a child (thread-families-child.ts).
 */
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { writeTestImages } from './family-cases.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'thread-families-'));
const images = path.join(tmp, 'images');

beforeAll(() => writeTestImages(images));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

interface ChildOut {
  line: string;
  rows: Record<string, Record<string, number>[]>;
}

/** Runs the child without blocking this worker (vitest's RPC must keep flowing). */
const child = (threads: number) =>
  new Promise<ChildOut>((resolve, reject) =>
    execFile(process.execPath, ['--import', 'tsx', path.join(here, 'thread-families-child.ts'), '--threads', String(threads), '--images', images], { encoding: 'utf8', timeout: 150_000, maxBuffer: 1 << 26 }, (err, stdout, stderr) =>
      err ? reject(new Error(`${err.message}\n${stderr}`)) : resolve(JSON.parse(stdout.trim().split('\n').pop()!) as ChildOut),
    ),
  );

test('--threads 2 trains every family\'s first three steps as --threads 1 does (rel < 1e-5)', async () => {
  const [one, two] = [await child(1), await child(2)];
  expect(one.line).toMatch(/^backend: wasm, 1 thread, our (relaxed-)?simd GEMM /);
  expect(two.line).toMatch(/^backend: wasm, 2 threads, /);
  expect(Object.keys(two.rows)).toEqual(Object.keys(one.rows));
  expect(Object.keys(one.rows).length).toBe(5);
  for (const [label, rows] of Object.entries(one.rows)) {
    rows.forEach((row, i) => {
      expect(Object.keys(two.rows[label][i]).sort(), label).toEqual(Object.keys(row).sort());
      for (const [key, want] of Object.entries(row)) {
        const got = two.rows[label][i][key];
        expect(Math.abs(got - want), `${label}: ${key} at step ${i + 1}: 2 threads ${got}, 1 thread ${want}`).toBeLessThanOrEqual(1e-5 * Math.max(1, Math.abs(want)));
      }
    });
  }
}, 300_000);
