/**
 * The launcher across processes on a real Redis (Debian's redis-server on a free loopback port,
 * its own temp directory): a 6-run sweep of tiny ring8 gan runs is submitted to BullMQ and taken
 * by two worker processes; one worker is SIGKILLed while its run has a checkpoint but has not
 * finished (and a replacement started, as a cluster would). Every run must complete exactly once, the killed run must resume from its checkpoint on
 * the other worker, and the final metrics of every run must equal those of the same sweep on the
 * local executor (same seeds; resume is bit-exact).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch, type RunRecord, type RunSpec, startRedisServer } from '@stablegen/launcher';
import { listCheckpoints } from '@stablegen/trainer';
import { readEvents, readMetrics } from '@stablegen/run-files';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { LAUNCH_FAMILIES } from '../src/launch-families.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'queue-'));
let redis: { url: string; stop(): void };
let url = '';

beforeAll(async () => {
  redis = await startRedisServer(path.join(tmp, 'redis'));
  url = redis.url;
});
afterAll(() => {
  redis?.stop();
  fs.rmSync(tmp, { recursive: true, force: true });
});

/** 6 tiny ring8 gan runs: 3 learning rates x 2 seeds, a checkpoint every 20 of 100 steps, no report. */
const specs: RunSpec[] = [1e-3, 2e-3, 3e-3].flatMap((lr) =>
  [1, 2].map((seed) => ({
    family: 'gan',
    seed,
    group: `lr ${lr}`,
    flags: ['--dataset', 'ring8', '--backend', 'wasm', '--steps', '100', '--batch-size', '64', '--lr-d', String(lr), '--lr-g', String(lr), '--checkpoint-every', '20', '--eval-every', '100', '--sample-every', '100', '--eval-samples', '200', '--monitor-every', '0', '--report', 'false'],
  })),
);

function startWorker(store: string, name: string): { proc: ChildProcess; lines: string[] } {
  const lines: string[] = [];
  const proc = spawn(process.execPath, ['--import', 'tsx', 'apps/compare/src/worker.ts', '--queue', url, '--store', store, '--jobs', '1', '--lock-ms', '2000'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  proc.stdout!.on('data', (d: Buffer) => lines.push(...d.toString().trim().split('\n').map((l) => `${name} ${l}`)));
  proc.stderr!.on('data', (d: Buffer) => lines.push(...d.toString().trim().split('\n').map((l) => `${name} ${l}`)));
  return { proc, lines };
}

/** The run worker A is training right now: started, not yet ended. */
const current = (lines: string[]) => {
  const started = lines.map((l) => / worker: (\S+) \(gan/.exec(l)?.[1]).filter(Boolean) as string[];
  const ended = new Set(lines.map((l) => / worker: (\S+) (done|failed)/.exec(l)?.[1]).filter(Boolean));
  return started.filter((id) => !ended.has(id)).pop();
};

test('6 runs on 2 BullMQ workers, one SIGKILLed mid-run: each run completes once, the killed one resumes from its checkpoint, metrics equal the local executor', async () => {
  const store = path.join(tmp, 'store');
  const a = startWorker(store, 'A');
  const b = startWorker(store, 'B');
  const submitted = launch(specs, { families: LAUNCH_FAMILIES, root, store, jobs: 2, queue: url, results: path.join(tmp, 'results.jsonl'), log: () => {} });
  // Kill A once its current run has a checkpoint and is not finished.
  let killed: string | undefined;
  for (let i = 0; i < 600 && !killed; i++) {
    await new Promise((r) => setTimeout(r, 100));
    const id = current(a.lines);
    const dir = id && path.join(store, id);
    if (dir && listCheckpoints(path.join(dir, 'checkpoints')).length > 0 && !fs.existsSync(path.join(dir, 'launcher-record.json'))) {
      a.proc.kill('SIGKILL');
      killed = id;
    }
  }
  const c = startWorker(store, 'C'); // a replacement, as a cluster would start
  expect(killed, a.lines.join('\n')).toBeDefined();
  const records = await submitted;
  b.proc.kill('SIGTERM');
  c.proc.kill('SIGTERM');
  expect(records.map((r) => r.status)).toEqual(Array(6).fill('done'));
  // Exactly once: one record per run, each run's metric steps logged once, one 'done' line per run in all worker logs.
  expect(new Set(records.map((r) => r.id)).size).toBe(6);
  const doneLines = [...a.lines, ...b.lines, ...c.lines].filter((l) => / worker: \S+ done/.test(l)).map((l) => / worker: (\S+) done/.exec(l)![1]);
  expect(doneLines.sort()).toEqual(records.map((r) => r.id).sort());
  for (const r of records) {
    const steps = readMetrics(path.join(store, r.id)).filter((m) => 'loss/d' in m).map((m) => m.step);
    expect(steps).toEqual([...new Set(steps)].sort((x, y) => x - y));
  }
  // The killed run went on from its last checkpoint in a second session, on worker B.
  const k = records.find((r) => r.id === killed)!;
  expect(k.sessions).toBe(2);
  const resume = readEvents(path.join(store, k.id)).find((e) => e.kind === 'resume');
  expect(Number(resume?.step)).toBeGreaterThanOrEqual(20);
  expect([...b.lines, ...c.lines].some((l) => l.includes(`worker: ${k.id} (gan`))).toBe(true);
  // The same sweep on the local executor (fresh store): the same ids and the same final metrics.
  const local: RunRecord[] = await launch(specs, { families: LAUNCH_FAMILIES, root, store: path.join(tmp, 'local'), jobs: 2, log: () => {} });
  expect(local.map((r) => r.id)).toEqual(records.map((r) => r.id));
  local.forEach((r, i) => expect(records[i].final, r.id).toEqual(r.final));
  // A second submission reuses every run from the results file, trains nothing.
  const again = await launch(specs, { families: LAUNCH_FAMILIES, root, store, jobs: 2, queue: url, results: path.join(tmp, 'results.jsonl'), log: () => {} });
  expect(again.every((r) => r.reused)).toBe(true);
}, 300_000);
