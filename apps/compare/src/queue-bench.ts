/**
 * `npx nx run compare:queue-bench -- [--runs 24] [--steps 300]`: the same sweep of tiny ring8 gan
 * runs three ways, each on a fresh store: the local executor with 1 job, BullMQ with 1 worker, and
 * BullMQ with 2 workers (each taking 1 job at a time), on a throwaway redis-server. Writes the wall
 * times, the speed-up of the second worker and the queue's overhead per job against the local
 * executor to benchmarks/queue-bench.md and .json.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { launch, type RunSpec, startRedisServer } from '@stablegen/launcher';
import { writeFileAtomic } from '@stablegen/run-files';
import { parseCommand, runMain } from '@stablegen/trainer';
import { LAUNCH_FAMILIES } from './launch-families.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const schema = z.object({
  runs: z.number().int().positive().default(24).describe('runs in the sweep'),
  steps: z.number().int().positive().default(300).describe('training steps of each run'),
});

const worker = (url: string, store: string, queueName: string): ChildProcess =>
  spawn(process.execPath, ['--import', 'tsx', 'apps/compare/src/worker.ts', '--queue', url, '--queue-name', queueName, '--store', store, '--jobs', '1'], { cwd: ROOT, stdio: 'ignore' });

await runMain(async () => {
  const flags = parseCommand('compare:queue-bench', 'local executor vs BullMQ with 1 and 2 workers', schema, process.argv.slice(2));
  if (!flags) return;
  const { runs, steps } = flags;
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'queue-bench-'));
  const specs: RunSpec[] = Array.from({ length: runs }, (_, i) => ({
    family: 'gan',
    seed: i + 1,
    flags: ['--dataset', 'ring8', '--backend', 'wasm', '--steps', String(steps), '--batch-size', '64', '--eval-every', String(steps), '--sample-every', String(steps), '--checkpoint-every', String(steps), '--eval-samples', '500', '--monitor-every', '0', '--report', 'false'],
  }));
  const redis = await startRedisServer(path.join(tmp, 'redis'));
  const timed = async (label: string, workers: number) => {
    const store = path.join(tmp, label);
    const queueName = `bench-${workers}`; // a queue of its own: job ids (= run ids) are unique per queue
    const procs = Array.from({ length: workers }, () => worker(redis.url, store, queueName));
    const t0 = performance.now();
    const records = await launch(specs, { families: LAUNCH_FAMILIES, root: ROOT, store, jobs: 1, queue: workers > 0 ? redis.url : undefined, queueName, log: () => {} });
    const wall = (performance.now() - t0) / 1000;
    procs.forEach((p) => p.kill('SIGTERM'));
    const perRun = records.reduce((s, r) => s + r.wallSeconds, 0) / records.length;
    // what the executor adds beyond the run processes themselves, per job: wall x workers - the runs' own wall time
    const overhead = (wall * Math.max(1, workers) - perRun * records.length) / records.length;
    console.log(`${label}: ${wall.toFixed(1)} s wall, ${perRun.toFixed(2)} s per run process, overhead ${overhead.toFixed(2)} s per job`);
    return { label, workers, wallSeconds: wall, perRunSeconds: perRun, overheadSeconds: overhead, done: records.filter((r) => r.status === 'done').length };
  };
  try {
    const load0 = os.loadavg();
    const local = await timed('local, 1 job', 0);
    const one = await timed('BullMQ, 1 worker', 1);
    const two = await timed('BullMQ, 2 workers', 2);
    const rows = [local, one, two];
    const md = [
      '# Launcher: the local executor against BullMQ workers',
      '',
      `\`npx nx run compare:queue-bench -- ${process.argv.slice(2).join(' ')}\` · ${new Date().toISOString()} · ${os.cpus().length} x ${os.cpus()[0]?.model.trim()} · load ${load0.map((l) => l.toFixed(2)).join(' / ')} at the start, ${os.loadavg().map((l) => l.toFixed(2)).join(' / ')} at the end.`,
      '',
      `The same ${runs} tiny ring8 gan runs (${steps} steps, batch 64, one evaluation, no report), each run its own process, on a fresh store each time; redis-server on loopback.`,
      '',
      '| executor | wall s | s per run process | overhead s per job | runs done |',
      '| --- | ---: | ---: | ---: | ---: |',
      ...rows.map((r) => `| ${r.label} | ${r.wallSeconds.toFixed(1)} | ${r.perRunSeconds.toFixed(2)} | ${r.overheadSeconds.toFixed(2)} | ${r.done}/${runs} |`),
      '',
      `- Second worker: ${(one.wallSeconds / two.wallSeconds).toFixed(2)}x the throughput of one on this 2-core machine (the submitter and Redis share the cores; two runs at once each slow down: ${two.perRunSeconds.toFixed(2)} s per run process against ${one.perRunSeconds.toFixed(2)} s).`,
      `- Overhead per job = (wall x workers - the run processes' own wall time) / runs: what the executor adds between runs. The queue adds ${(one.overheadSeconds - local.overheadSeconds).toFixed(2)} s per job over the local executor with one at a time (the submitter polls each second; a worker takes the next job when one ends). The run processes' own times differ between rows by more than that (the machine is shared): compare the overhead column, not the wall times.`,
      '',
    ].join('\n');
    writeFileAtomic(path.join(ROOT, 'benchmarks', 'queue-bench.md'), md);
    writeFileAtomic(path.join(ROOT, 'benchmarks', 'queue-bench.json'), JSON.stringify({ runs, steps, rows }, null, 2) + '\n');
    console.log(md);
  } finally {
    redis.stop();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
});
