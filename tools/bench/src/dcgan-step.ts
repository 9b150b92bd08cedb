/**
 * Benchmark: the reference DCGAN training step on every backend that loads here, each run in its
 * own child process (dcgan-worker.ts). Prints one progress line per run and the report, and
 * writes benchmarks/dcgan-step.json and benchmarks/dcgan-step.md at the workspace root.
 * Run: npx nx run bench:dcgan-step [--repeats 5] (processes per wasm / PyTorch configuration, alternating round by round)
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { compare, dcganReport, type Environment } from './dcgan-report.js';
import type { WorkerResult } from './dcgan-worker.js';
import { cpuTicks, stealPercent } from './machine.js';
import { PYTORCH, runPytorchStep } from './pytorch-step.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const outDir = path.resolve(here, '../../../benchmarks');

interface Run {
  backend: string;
  batch: number;
  warmup: number;
  steps: number;
  threads?: number;
  /** Data-parallel replicas, one thread each. */
  replicas?: number;
  builtins?: boolean;
  profile?: boolean;
}

/**
 * Warm-up steps of the rows that are compared: V8 compiles wasm in a quick tier first and tiers hot
 * functions up in the background, so a fresh process's first steps run slower (batch 16, 1 thread:
 * ~30 ms over steps 1-5 against ~24 from step 20 on). Every replica is a fresh isolate with its own
 * tier-up, so 2 replicas need longer: their 10th-percentile step over steps 1-20 was 23.5-26.8 ms,
 * over steps 21-80 17.0-18.6 (2026-12-07 19:55, one process each, two tries).
 */
const WARMUP = 10;

/**
 * cpu: batch 16 only, 1 warm-up + 3 timed steps (~30 s per step here). wasm and PyTorch at 1 and
 * 2 threads, and wasm on 2 data-parallel replicas, interleaved so that a slow spell of the shared
 * machine hits all alike.
 */
const RUNS: Run[] = [
  { backend: 'tfjs-node-gpu', batch: 16, warmup: 2, steps: 12 },
  { backend: 'tfjs-node-gpu', batch: 64, warmup: 2, steps: 12 },
  { backend: 'tfjs-node', batch: 16, warmup: 2, steps: 12 },
  { backend: 'tfjs-node', batch: 64, warmup: 2, steps: 12 },
  ...[16, 64].flatMap((batch) =>
    [1, 2].flatMap((threads): Run[] => [
      { backend: 'wasm', batch, warmup: WARMUP, steps: 30, threads, profile: batch === 64 && threads === 1 },
      { backend: PYTORCH, batch, warmup: WARMUP, steps: 30, threads },
      ...(threads === 2 ? [{ backend: 'wasm', batch, warmup: WARMUP, steps: 30, threads: 1, replicas: 2 }] : []),
    ]),
  ),
  { backend: 'wasm', batch: 64, warmup: 2, steps: 20, threads: 1, builtins: true },
  { backend: 'cpu', batch: 16, warmup: 1, steps: 3 },
];

/** Runs one worker child; the child writes its result to a temp file. */
function runWorker(run: Run): WorkerResult {
  if (run.backend === PYTORCH) return runPytorchStep(run.batch, run.threads ?? 1, run.warmup, run.steps);
  const out = path.join(os.tmpdir(), `dcgan-step-${process.pid}-${run.backend}-${run.batch}-${run.threads ?? 0}-${run.replicas ?? 1}-${run.builtins ? 'b' : 'd'}.json`);
  const flags = ['--backend', run.backend, '--batch', String(run.batch), '--warmup', String(run.warmup), '--steps', String(run.steps), '--out', out];
  if (run.threads !== undefined) flags.push('--threads', String(run.threads));
  if (run.replicas !== undefined) flags.push('--replicas', String(run.replicas));
  if (run.builtins) flags.push('--builtins');
  if (run.profile) flags.push('--profile');
  // process.execArgv carries tsx's loader flags, so the child runs TypeScript too.
  const child = spawnSync(process.execPath, [...process.execArgv, path.join(here, 'dcgan-worker.ts'), ...flags], { encoding: 'utf8' });
  if (!fs.existsSync(out)) {
    const reason = `worker exited with ${child.status}: ${(child.stderr || '').trim().split('\n').pop() ?? ''}`;
    return { backend: run.backend, batch: run.batch, threads: run.threads, replicas: run.replicas, variant: run.builtins ? 'builtins' : 'default', status: 'failed', reason, warmupSteps: run.warmup, stepMs: [], stepCpuMs: [], peakRssMB: 0 };
  }
  const result = JSON.parse(fs.readFileSync(out, 'utf8')) as WorkerResult;
  fs.rmSync(out);
  return result;
}

const runName = (i: number, run: Run) =>
  `[${i + 1}/${RUNS.length}] ${run.backend}${run.builtins ? ' (built-ins)' : ''}${run.replicas ? `, ${run.replicas} replicas` : run.threads ? `, ${run.threads} thread${run.threads === 1 ? '' : 's'}` : ''}, batch ${run.batch}`;

function progressLine(i: number, run: Run, r: WorkerResult): string {
  const what = runName(i, run);
  if (r.status !== 'ok') return `${what}: ${r.status} (${r.reason})`;
  return `${what}: median ${r.medianMs?.toFixed(1)} ms/step (CPU ${r.medianCpuMs?.toFixed(1)} ms) over ${r.stepMs.length} steps, peak RSS ${r.peakRssMB.toFixed(0)} MB`;
}

/** Runs repeated in every round: ours on wasm and PyTorch (the rows of the ratio). */
const repeats = (run: Run) => (run.backend === 'wasm' && !run.builtins) || run.backend === PYTORCH;

function main(): void {
  const { values: args } = parseArgs({ options: { repeats: { type: 'string', default: '5' } } });
  const rounds = Number(args.repeats);
  if (!Number.isInteger(rounds) || rounds < 1) throw new Error(`--repeats ${args.repeats}: pass a whole number of processes per configuration, 1 or more`);
  const loadAverageStart = os.loadavg();
  const ticksStart = cpuTicks();
  const results: WorkerResult[] = [];
  const skipped = new Set<string>();
  for (let round = 1; round <= rounds; round++) {
    RUNS.forEach((run, i) => {
      if (skipped.has(run.backend) || (round > 1 && !repeats(run))) return;
      process.stdout.write(`round ${round}/${rounds} ${runName(i, run)}: ${run.warmup} warm-up + ${run.steps} timed steps...\n`);
      const r = { ...runWorker(round > 1 ? { ...run, profile: false } : run), round }; // one kernel profile is enough
      if (r.status === 'skipped') skipped.add(run.backend); // not loadable here: one row says why
      results.push(r);
      process.stdout.write(`${progressLine(i, run, r)}\n`);
    });
  }
  const env: Environment = {
    date: new Date().toISOString(),
    repeats: rounds,
    node: process.version,
    cpu: os.cpus()[0]?.model ?? 'unknown cpu',
    cores: os.cpus().length,
    loadAverageStart,
    loadAverageEnd: os.loadavg(),
    stealPercent: stealPercent(ticksStart, cpuTicks()),
  };
  const md = dcganReport(results, env);
  fs.mkdirSync(outDir, { recursive: true });
  fs.writeFileSync(path.join(outDir, 'dcgan-step.json'), `${JSON.stringify({ environment: env, latentSize: 64, comparison: compare(results), results }, null, 2)}\n`);
  fs.writeFileSync(path.join(outDir, 'dcgan-step.md'), `${md}\n`);
  process.stdout.write(`\n${md}\nwrote ${path.join(outDir, 'dcgan-step.json')} and dcgan-step.md\n`);
}

main();
