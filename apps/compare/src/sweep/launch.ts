/**
 * Runs the sweep's trainings as child processes of the apps' mains (`node --import tsx
 * apps/<family>/src/main.ts ...`), `jobs` at a time, and reads each run back. A run whose directory
 * already holds an outcome for the same command line is reused, so an interrupted sweep continues.
 */
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { readMetrics, writeFileAtomic } from '@stablegen/run-files';
import { type MetricsLine, judgeRun, type Verdict } from './convergence.js';
import { FAMILIES } from './families.js';
import { runArgs, type SweepRun } from './grid.js';

/** What the sweep records for one run (`<dir>/sweep-outcome.json`). */
export interface RunOutcome {
  args: string[];
  /** Process exit status (0 = finished). */
  status: number;
  /** The app's last `error:` line when it failed. */
  failure?: string;
  wallSeconds: number;
}

export interface RunResult extends Omit<SweepRun, 'dir'>, Verdict {
  dir: string;
  wallSeconds: number;
  reused: boolean;
}

const OUTCOME = 'sweep-outcome.json';

function exec(args: string[], cwd: string): Promise<{ status: number; stderr: string }> {
  return new Promise((resolve) =>
    execFile(process.execPath, ['--import', 'tsx', ...args], { cwd, encoding: 'utf8', maxBuffer: 1 << 26 }, (err, _stdout, stderr) =>
      resolve({ status: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stderr }),
    ),
  );
}

function readOutcome(dir: string, args: string[]): RunOutcome | undefined {
  try {
    const o = JSON.parse(fs.readFileSync(path.join(dir, OUTCOME), 'utf8')) as RunOutcome;
    return JSON.stringify(o.args) === JSON.stringify(args) ? o : undefined;
  } catch {
    return undefined;
  }
}

/** Trains one cell (or reuses its earlier outcome) and judges it. @param root repository root (the apps' cwd) */
export async function runOne(run: SweepRun, backend: string, root: string): Promise<RunResult> {
  const args = runArgs(run, backend);
  let outcome = readOutcome(run.dir, args);
  const reused = outcome !== undefined;
  if (!outcome) {
    fs.rmSync(run.dir, { recursive: true, force: true });
    const t0 = performance.now();
    const r = await exec(args, root);
    const errorLine = r.stderr.split('\n').reverse().find((l) => l.startsWith('error:'));
    const failure = r.status === 0 ? undefined : (errorLine ?? r.stderr.trim().split('\n').pop() ?? `exit ${r.status}`).replace(/^error:\s*/, '');
    outcome = { args, status: r.status, failure, wallSeconds: (performance.now() - t0) / 1000 };
    fs.mkdirSync(run.dir, { recursive: true });
    writeFileAtomic(path.join(run.dir, OUTCOME), JSON.stringify(outcome, null, 2) + '\n');
  }
  const verdict = judgeRun(readMetrics(run.dir) as MetricsLine[], FAMILIES[run.family].finiteKeys, outcome.failure?.replace(/ — .*$/, ''));
  return { ...run, ...verdict, wallSeconds: outcome.wallSeconds, reused };
}

/** Runs every cell, at most `jobs` at once; `onDone` sees each result as it lands. Results keep the grid's order. */
export async function runAll(runs: readonly SweepRun[], o: { backend: string; jobs: number; root: string; onDone?(r: RunResult, done: number): void }): Promise<RunResult[]> {
  const results: RunResult[] = new Array(runs.length);
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < runs.length) {
      const i = next++;
      results[i] = await runOne(runs[i], o.backend, o.root);
      o.onDone?.(results[i], ++done);
    }
  };
  await Promise.all(Array.from({ length: Math.min(o.jobs, runs.length) }, worker));
  return results;
}
