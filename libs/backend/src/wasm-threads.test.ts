/**
 * The threaded SIMD wasm build under Node: it starts with the thread count asked for, says so in
 * the backend line, lets its process exit on its own, and computes every training-path kernel
 * within 1e-5 (relative to the output's largest value) of the single-threaded build. A thread
 * count is fixed per process, so each count runs in its own child (test/thread-parity-child.ts).
 */
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseThreadCount, BackendError } from './index.js';
import { defaultThreadCount } from './wasm-threads.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const child = path.join(here, '../test/thread-parity-child.ts');

interface ChildOutput {
  line: string;
  threads: number;
  outputs: Record<string, number[]>;
}

/** Runs the child with `threads`; the 60 s timeout fails the test if the process never ends. */
function runChild(threads: number): ChildOutput {
  const out = execFileSync(process.execPath, ['--import', 'tsx', child, '--threads', String(threads)], { encoding: 'utf8', timeout: 60_000, maxBuffer: 256 * 1024 * 1024 });
  return JSON.parse(out.trim().split('\n').pop()!) as ChildOutput;
}

describe('threaded wasm', () => {
  it('matches the single-threaded build on every training-path kernel, and its process exits by itself', () => {
    const one = runChild(1);
    const two = runChild(2);
    expect(one.line).toMatch(/^backend: wasm, 1 thread, our (relaxed-)?simd GEMM \(requested\)$/);
    expect(two.line).toMatch(/^backend: wasm, 2 threads, our (relaxed-)?simd GEMM on 2 threads, XNNPACK's kernels on 1 \(requested\)$/);
    expect(two.threads).toBe(2);
    expect(Object.keys(two.outputs).sort()).toEqual(Object.keys(one.outputs).sort());
    for (const [name, expected] of Object.entries(one.outputs)) {
      const actual = two.outputs[name];
      expect(actual.length, name).toBe(expected.length);
      const scale = Math.max(...expected.map(Math.abs));
      expect(scale, name).toBeGreaterThan(0);
      const worst = Math.max(...expected.map((v, i) => Math.abs(v - actual[i])));
      expect(worst / scale, name).toBeLessThan(1e-5);
    }
    // Products and convolutions on our GEMM: its rows split across the threads, each row summed
    // in the same order, so bit-identical (all but the stride-1 filter gradient are above the
    // split threshold, MIN_PARALLEL_WORK).
    for (const name of ['matMul', 'batchMatMulTransposed', 'fusedConv2d', 'conv2dBackpropInput', 'conv2dBackpropFilter', 'conv2dBackpropFilterStride1']) {
      expect(two.outputs[name], name).toEqual(one.outputs[name]);
    }
  }, 120_000);

  it('takes its default from $STABLEGEN_THREADS, else 1', () => {
    expect(defaultThreadCount({})).toBe(1);
    expect(defaultThreadCount({ STABLEGEN_THREADS: '2' })).toBe(2);
    expect(defaultThreadCount({ STABLEGEN_THREADS: '64' })).toBe(8);
    expect(defaultThreadCount({ STABLEGEN_THREADS: 'many' })).toBe(1);
  });

  it('refuses a thread count outside 1..8 with the fix in the message', () => {
    expect(parseThreadCount('2')).toBe(2);
    for (const bad of ['0', '9', '1.5', 'two']) {
      expect(() => parseThreadCount(bad)).toThrow(BackendError);
      expect(() => parseThreadCount(bad)).toThrow(/give a whole number from 1 to 8/);
    }
  });
});
