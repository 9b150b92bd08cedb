import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { z } from 'zod';
import { describe, expect, test } from 'vitest';
import { finishedRecords } from './launch.js';
import { ResultsFile } from './results-file.js';
import { parseBenchArgs } from './bench.js';
import { redisConnection } from './queue.js';
import { prepareRun, runId, type Families } from './run-spec.js';
import { summarise, tQuantile975, welch95, wilson95 } from './stats.js';
import { summaryTables } from './summary.js';
import { earlyMonitorFigures, type RunRecord } from './run-job.js';

/** A family whose "schema" is: --lr <n> (default 0.1), --steps <n> (default 10), --seed. */
const families: Families = {
  toy: {
    main: 'toy.ts',
    resolve: (flags) => {
      const get = (k: string, d: number) => (flags.includes(`--${k}`) ? Number(flags[flags.indexOf(`--${k}`) + 1]) : d);
      return { lr: get('lr', 0.1), steps: get('steps', 10), seed: get('seed', 1), out: 'ignored' };
    },
  },
};

describe('run specs', () => {
  test('basic: the id is a hash of the resolved config, so flags that resolve alike share it', () => {
    const a = prepareRun({ family: 'toy', flags: ['--lr', '0.1'], seed: 2 }, families);
    const b = prepareRun({ family: 'toy', flags: [], seed: 2 }, families); // lr 0.1 is the default
    const c = prepareRun({ family: 'toy', flags: [], seed: 3 }, families);
    expect(a.id).toBe(b.id);
    expect(a.id).not.toBe(c.id);
    expect(a.id).toMatch(/^toy-[0-9a-f]{16}$/);
    expect(a.config).toEqual({ lr: 0.1, steps: 10, seed: 2 }); // out is not part of it
    expect(runId('toy', { b: 1, a: 2 })).toBe(runId('toy', { a: 2, b: 1 })); // key order does not matter
    // the preset's path is not part of the id (its values are), so another checkout finds the same runs
    expect(runId('toy', { a: 1, config: '/work/main/apps/toy/configs/p.json' })).toBe(runId('toy', { a: 1, config: '/home/me/stablegen/apps/toy/configs/p.json' }));
    expect(runId('toy', { a: 1, config: '/x/p.json' })).not.toBe(runId('toy', { a: 2, config: '/x/p.json' }));
  });

  test('the results file keys each row by the id its config gives today, so rows of an older id scheme are found', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rekey-'));
    const file = path.join(dir, 'results.jsonl');
    const { id, config } = prepareRun({ family: 'toy', flags: [], seed: 2 }, families);
    fs.writeFileSync(file, JSON.stringify({ id: 'toy-0123456789abcdef', family: 'toy', group: 'g', seed: 2, flags: [], config, status: 'done', final: { acc: 0.5 }, trainSeconds: 1, stepsPerSecond: 5, wallSeconds: 2, sessions: 1, finishedAt: '' }) + '\n');
    const results = new ResultsFile(file);
    expect(results.get(id)).toMatchObject({ id, final: { acc: 0.5 } });
    expect(results.get('toy-0123456789abcdef')).toBeUndefined();
    fs.rmSync(dir, { recursive: true });
  });

  test('throws when the family is unknown, a flag is the launcher\'s, or the spec is not data', () => {
    expect(() => prepareRun({ family: 'evil', flags: [], seed: 1 }, families)).toThrow("unknown family 'evil'");
    expect(() => prepareRun({ family: 'toy', flags: ['--out', '/etc'], seed: 1 }, families)).toThrow('--out is set by the launcher');
    expect(() => prepareRun({ family: 'toy', flags: ['--seed=4'], seed: 1 }, families)).toThrow('--seed is set by the launcher');
    expect(() => prepareRun({ family: 'toy', flags: ['x'], seed: -1 }, families)).toThrow(/not a run spec/);
    expect(() => prepareRun({ family: 'toy', flags: [], seed: 1, cmd: 'rm -rf /' } as never, families)).toThrow(/not a run spec/);
  });
});

test('finishedRecords: what a launch would reuse from the results file, in spec order, training nothing', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'finished-'));
  const results = path.join(dir, 'results.jsonl');
  const specs = [1, 2, 3].map((seed) => ({ family: 'toy', flags: ['--steps', '5'], seed, group: 'g' }));
  const second = prepareRun(specs[1], families);
  new ResultsFile(results).add({ id: second.id, family: 'toy', group: 'old', seed: 2, flags: [], config: second.config, status: 'done', final: { acc: 0.5 }, trainSeconds: 1, stepsPerSecond: 5, wallSeconds: 2, sessions: 1, finishedAt: '' });
  const got = finishedRecords(specs, { families, results, store: path.join(dir, 'store') });
  expect(got.map((r) => r?.final.acc)).toEqual([undefined, 0.5, undefined]);
  expect(got[1]).toMatchObject({ group: 'g', reused: true }); // the group of this list, not the file's
  expect(fs.existsSync(path.join(dir, 'store'))).toBe(false); // nothing ran
  expect(() => finishedRecords([specs[0], specs[0]], { families, results, store: dir })).toThrow(/same config/);
  fs.rmSync(dir, { recursive: true });
});

describe('stats', () => {
  test('the 95% interval: t quantiles and the closed form for a known sample', () => {
    // Published two-sided 95% points of Student's t (6 decimals), df 1, 2, 4, 9, 30, 100, 1000
    const published: [number, number][] = [[1, 12.706205], [2, 4.302653], [4, 2.776445], [9, 2.262157], [30, 2.042272], [100, 1.983972], [1000, 1.962339]];
    for (const [df, t] of published) expect(tQuantile975(df)).toBeCloseTo(t, 5);
    expect([tQuantile975(0), tQuantile975(2.5)]).toEqual([Number.NaN, Number.NaN]);
    // 1..5: mean 3, sample std sqrt(2.5), half-width 2.776445 sqrt(2.5 / 5)
    const s = summarise([1, 2, 3, 4, 5]);
    expect(s.mean).toBe(3);
    expect(s.std).toBeCloseTo(Math.sqrt(2.5), 12);
    expect(s.ci95).toBeCloseTo(2.776445 * Math.sqrt(0.5), 5);
    expect(summarise([7]).ci95).toBeNaN();
    expect(summarise([1, Number.NaN, 3]).n).toBe(2); // non-finite values are left out
  });

  test("Welch's interval: equal variances by hand; unequal ones by Welch-Satterthwaite", () => {
    // a = 1, 2, 3 and b = 4, 5, 6: variances 1, se sqrt(1/3 + 1/3), df (2/3)^2 / (2 (1/3)^2 / 2) = 4
    const d = welch95([1, 2, 3], [4, 5, 6]);
    expect([d.diff, d.df]).toEqual([-3, 4]);
    expect(d.ci95).toBeCloseTo(2.776445 * Math.sqrt(2 / 3), 5);
    // a = 1, 3 (var 2, n 2), b = 10, 10, 10, 10.5 (var 1/16, n 4): df = (1 + 1/64)^2 / (1 + (1/64)^2 / 3) = 1.03 -> 1
    const u = welch95([1, 3], [10, 10, 10, 10.5]);
    expect(u.df).toBe(1);
    expect(u.ci95).toBeCloseTo(12.706205 * Math.sqrt(1 + 1 / 64), 4);
    expect(welch95([1], [2, 3]).ci95).toBeNaN();
  });

  test('Wilson interval: 0 of 5 and 5 of 5 stay inside [0, 1]; 4 of 5 matches the published formula', () => {
    const [lo, hi] = wilson95(4, 5);
    const z = 1.959964;
    const centre = (0.8 + (z * z) / 10) / (1 + (z * z) / 5);
    expect((lo + hi) / 2).toBeCloseTo(centre, 12);
    expect(lo).toBeCloseTo(0.3755, 3); // e.g. Newcombe 1998, table I: 4/5 -> 0.3755 to 0.9638
    expect(hi).toBeCloseTo(0.9638, 3);
    expect(wilson95(0, 5)[0]).toBeCloseTo(0, 12);
    expect(wilson95(5, 5)[1]).toBeCloseTo(1, 12);
  });
});

describe('earlyMonitorFigures', () => {
  test('min and max of every stab/* key up to 10% of the planned steps; non-finite values and later lines left out', () => {
    const rows: Array<Record<string, number>> = [
      { step: 1, 'stab/critic/sharpness_ratio': 0.5, 'loss/d': 3 },
      { step: 50, 'stab/critic/sharpness_ratio': 2, 'stab/critic/grad_cosine': Number.NaN },
      { step: 100, 'stab/critic/sharpness_ratio': 1, 'stab/critic/grad_cosine': 0.2 },
      { step: 101, 'stab/critic/sharpness_ratio': 9 },
    ];
    expect(earlyMonitorFigures(rows, 1000)).toEqual({ 'stab/critic/sharpness_ratio': { min: 0.5, max: 2 }, 'stab/critic/grad_cosine': { min: 0.2, max: 0.2 } });
    expect(earlyMonitorFigures([{ step: 1, 'loss/d': 1 }], 1000)).toBeUndefined();
  });
});

describe('summaryTables', () => {
  const rec = (group: string, seed: number, v: number, status: RunRecord['status'] = 'done'): RunRecord => ({
    id: `toy-${group}-${seed}`, family: 'toy', group, seed, flags: [], status, final: { acc: v }, trainSeconds: 10, stepsPerSecond: 5, wallSeconds: 12, sessions: 1, finishedAt: '', config: {},
  });
  test('basic: one row per group with mean ± 95% interval and the run count; failed runs counted apart', () => {
    const { md, json } = summaryTables({ title: 'T', command: 'cmd', records: [rec('a', 1, 0.5), rec('a', 2, 0.7), rec('b', 1, 0.9), rec('b', 2, 0, 'failed')], columns: [{ key: 'acc', label: 'accuracy', scale: 100, digits: 1 }], planned: 6 });
    expect(md).toContain(`| a | 2 | 60.0 ± ${(100 * tQuantile975(1) * Math.sqrt(0.02) / Math.sqrt(2)).toFixed(1)} | 10 ± 0 | 5.00 ± 0.00 |`);
    expect(md).toContain('| b | 1 (+1 failed) | 90.0 | 10 | 5.00 |');
    expect(md).toContain('Runs: 3 done, 1 failed of 6 planned.');
    expect((json.groups as { group: string }[]).map((g) => g.group)).toEqual(['a', 'b']);
  });
});

describe('bench flags and queue URLs', () => {
  const schema = z.object({ seeds: z.number().int().positive().default(5), backend: z.string().default('wasm'), quick: z.boolean().default(false) });
  test('basic: both spellings of the bench\'s flags; every other flag goes to the runs', () => {
    const a = parseBenchArgs('x', 'x', schema, ['--seeds', '3', '--backend=cpu', '--lr-d', '1e-3', '--quick', '--steps=9']);
    expect(a).toEqual({ help: false, own: { seeds: 3, backend: 'cpu', quick: true }, forward: ['--lr-d', '1e-3', '--steps=9'] });
    const b = parseBenchArgs('x', 'x', schema, ['--seeds=3', '--backend', 'cpu']);
    expect(b).toMatchObject({ own: { seeds: 3, backend: 'cpu' }, forward: [] });
    expect(() => parseBenchArgs('x', 'x', schema, ['--seeds', 'three'])).toThrow(/'three' is not a number/);
  });

  test('redisConnection: host, port, password, db; a URL that is not Redis is one clear error', () => {
    expect(redisConnection('redis://:s3cret@10.0.0.5:6380/2')).toMatchObject({ host: '10.0.0.5', port: 6380, password: 's3cret', db: 2, maxRetriesPerRequest: null });
    expect(redisConnection('redis://localhost')).toMatchObject({ host: 'localhost', port: 6379, db: 0 });
    expect(() => redisConnection('http://x')).toThrow('--queue http://x: expected redis:// or rediss://');
    expect(() => redisConnection('nonsense')).toThrow('is not a Redis URL');
  });
});
