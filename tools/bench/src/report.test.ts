import { describe, expect, test } from 'vitest';
import { auditReport } from './audit-report.js';
import { compare, comparePytorch } from './dcgan-report.js';
import type { WorkerResult } from './dcgan-worker.js';
import { aggregateKernels } from './kernel-profile.js';
import { markdownTable, median } from './markdown.js';

function result(backend: string, batch: number, medianMs: number, status: WorkerResult['status'] = 'ok', threads?: number, cpuShare = 0.5): WorkerResult {
  const medianCpuMs = medianMs * cpuShare;
  return { backend, batch, threads, variant: 'default', status, warmupSteps: 1, stepMs: [medianMs], medianMs, stepCpuMs: [medianCpuMs], medianCpuMs, peakRssMB: 100 };
}

describe('benchmark reports', () => {
  test('aggregateKernels sums per kernel, largest first, and leaves out op-level wrappers', () => {
    const rows = aggregateKernels([
      { name: 'Conv2D', kernelTimeMs: 2 },
      { name: 'fusedConv2d__op', kernelTimeMs: 9 }, // includes the FusedConv2D below
      { name: 'FusedConv2D', kernelTimeMs: 8 },
      { name: 'Conv2D', kernelTimeMs: 3 },
    ]);
    expect(rows).toEqual([
      { name: 'FusedConv2D', calls: 1, totalMs: 8 },
      { name: 'Conv2D', calls: 2, totalMs: 5 },
    ]);
  });

  test('compare: cpu at batch 64 is 4 x batch 16, speed-up and target from it', () => {
    // 4 x 25 000 ms = 100 000 ms; 100 000 / 250 = 400x; 250 <= 300 and 400 >= 50: met.
    // CPU time (half the wall time in these fixtures): 4 x 12 500 / 125 = 400x.
    expect(compare([result('wasm', 64, 250), result('cpu', 16, 25_000)])).toEqual({
      wasm64Ms: 250,
      cpu16Ms: 25_000,
      cpu64EstimatedMs: 100_000,
      wasmSpeedup: 400,
      meetsTarget: true,
      wasm64CpuMs: 125,
      cpu16CpuMs: 12_500,
      wasmSpeedupCpuTime: 400,
    });
    expect(compare([result('wasm', 64, 310), result('cpu', 16, 25_000)]).meetsTarget).toBe(false); // 310 > 300 ms
    expect(compare([result('wasm', 64, 250), result('cpu', 16, 2_000)]).meetsTarget).toBe(false); // 8 000 / 250 = 32x < 50x
    expect(compare([result('wasm', 64, 250), result('cpu', 16, 0, 'skipped')]).meetsTarget).toBeUndefined();
  });

  test('comparePytorch: per thread count over the repeats, the best of each side, their ratio with its interval', () => {
    const rows = comparePytorch([
      ...[300, 300].map((ms) => result('wasm', 64, ms, 'ok', 1, 1)),
      ...[200, 200].map((ms) => result('wasm', 64, ms, 'ok', 2, 1.8)),
      ...[100, 100].map((ms) => result('pytorch', 64, ms, 'ok', 1, 1)),
      ...[150, 170].map((ms) => result('pytorch', 64, ms, 'ok', 2, 1.9)),
      result('pytorch', 16, 30, 'skipped', 1), // not ok: no row for batch 16
    ]);
    expect(rows).toHaveLength(1);
    const [r] = rows;
    expect([r.batch, r.wasm['2'].mean, r.wasm['2'].cpuPerWall, r.torch['2'].mean, r.torch['2'].n]).toEqual([64, 200, 1.8, 160, 2]);
    expect([r.wasmBest, r.torchBest]).toEqual([{ config: '2', ms: 200 }, { config: '1', ms: 100 }]);
    expect([r.ratio.ratio, r.ratio.lo, r.ratio.hi].map((v) => v.toFixed(12))).toEqual(['2.000000000000', '2.000000000000', '2.000000000000']); // no spread: zero width
    expect(r.ratio.verdict).toBe('slower');
    expect(r.wasmThreads?.ratio).toBeCloseTo(2 / 3, 12);
    expect(r.wasmThreads?.verdict).toBe('faster');
    // The wasm-against-cpu figures use the 1-thread wasm runs (their mean over repeats), never a data-parallel run on 1 thread each.
    const replicated = { ...result('wasm', 64, 100, 'ok', 1), replicas: 2 };
    expect(compare([result('wasm', 64, 300, 'ok', 1), result('wasm', 64, 320, 'ok', 1), result('wasm', 64, 200, 'ok', 2), replicated, result('cpu', 16, 30_000)]).wasm64Ms).toBe(310);
  });

  test('comparePytorch: data-parallel replicas are their own configuration, and can be our best', () => {
    const [r] = comparePytorch([
      ...[300, 300].map((ms) => result('wasm', 16, ms, 'ok', 1, 1)),
      ...[200, 200].map((ms) => result('wasm', 16, ms, 'ok', 2, 1.5)),
      ...[150, 150].map((ms) => ({ ...result('wasm', 16, ms, 'ok', 1, 1.9), replicas: 2 })),
      ...[100, 100].map((ms) => result('pytorch', 16, ms, 'ok', 1, 1)),
    ]);
    expect(Object.keys(r.wasm).sort()).toEqual(['1', '2', '2 replicas']);
    expect([r.wasm['1'].mean, r.wasm['2 replicas'].mean, r.wasm['2 replicas'].cpuPerWall]).toEqual([300, 150, 1.9]);
    expect(r.wasmBest).toEqual({ config: '2 replicas', ms: 150 });
    expect(r.ratio.ratio).toBeCloseTo(1.5, 12);
    expect(r.wasmReplicas?.ratio).toBeCloseTo(0.5, 12);
    expect(r.wasmThreads?.ratio).toBeCloseTo(2 / 3, 12);
  });

  test('markdownTable right-aligns numeric columns', () => {
    expect(markdownTable(['kernel', 'ms'], [['Conv2D', '1.5'], ['Add', '-']])).toBe(
      ['| kernel | ms |', '| --- | ---: |', '| Conv2D | 1.5 |', '| Add | - |'].join('\n'),
    );
  });

  test('median of odd and even counts', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNaN();
  });

  test('the audit lists every kernel once with its status and per-family figures', () => {
    const md = auditReport(
      [
        { label: 'A', failures: [], oursMs: 10, builtinsMs: 20, kernels: [{ name: 'UnsortedSegmentSum', calls: 2, totalMs: 1, status: 'added' }] },
        { label: 'B', failures: ['B0: boom'], kernels: [{ name: 'Add', calls: 3, totalMs: 0.5, status: 'built-in' }] },
      ],
      ['UnsortedSegmentSum'],
      { date: 'today', loadAverage: [1, 2, 3] },
    );
    expect(md).toContain('| UnsortedSegmentSum | NO: missing in tfjs-backend-wasm 4.22, added by @stablegen/backend | 2 / 1.0 | - |');
    expect(md).toContain('| Add | yes (tfjs-backend-wasm) | - | 3 / 0.5 |');
    expect(md).toContain('- Did not run: B0: boom');
  });
});
