/**
 * One run, in its own process: `node --import tsx <family main> <flags> --seed S --out <store>/<id>`,
 * or `--resume <store>/<id>` when that directory holds a checkpoint (a worker killed mid-run), or
 * nothing at all when it holds a finished run (its record is read back). The child gets an IPC
 * channel so it exits when its parent dies; its output goes to `<store>/<id>.log`.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { finalMetrics, readEvents, readMetrics, runPaths, writeFileAtomic } from '@stablegen/run-files';
import { listCheckpoints } from '@stablegen/trainer';
import type { Families, PreparedRun } from './run-spec.js';

export interface RunRecord {
  id: string;
  family: string;
  group?: string;
  seed: number;
  flags: string[];
  /** 'done': trained to the end; 'failed': the app refused it (a user error: not retried); 'crashed': killed or crashed (retried next time, never kept). */
  status: 'done' | 'failed' | 'crashed';
  error?: string;
  /** The last value of every metric (done runs). */
  final: Record<string, number>;
  /** Training seconds over all sessions (the trainer's clock), and steps per training second. */
  trainSeconds: number;
  stepsPerSecond: number;
  /** Wall seconds of the last session, process start included. */
  wallSeconds: number;
  /** Sessions it took (2 or more when it was resumed after a kill). */
  sessions: number;
  finishedAt: string;
  config: Record<string, unknown>;
  /** Set by launch() when the run was not trained by this launch (results file or store). */
  reused?: boolean;
  /**
   * The stability monitor's figures over the first 10% of the configured steps (`stab/*` keys:
   * their min and max there), kept for failed runs too, so an early warning can be scored against
   * how the run ended (absent when nothing was monitored that early).
   */
  early?: Record<string, { min: number; max: number }>;
}

/** min / max of every `stab/*` metric over the lines up to `share` of `steps`. */
/** The share of a run's planned steps whose monitor figures count as early (RunRecord.early). */
export const EARLY_SHARE = 0.1;

export function earlyMonitorFigures(rows: ReadonlyArray<Record<string, number>>, steps: number, share = EARLY_SHARE): Record<string, { min: number; max: number }> | undefined {
  const out: Record<string, { min: number; max: number }> = {};
  for (const row of rows) {
    if (!(row.step <= share * steps)) continue;
    for (const [k, v] of Object.entries(row)) {
      if (!k.startsWith('stab/') || typeof v !== 'number' || !Number.isFinite(v)) continue;
      const seen = out[k];
      out[k] = seen ? { min: Math.min(seen.min, v), max: Math.max(seen.max, v) } : { min: v, max: v };
    }
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

export interface JobContext {
  /** Repository root: the apps' cwd. */
  root: string;
  /** Where run directories go: `<store>/<id>`. */
  store: string;
  families: Families;
}

const MARKER = 'launcher-record.json';

/** The record of a finished run in the store, if there is one. */
export function finishedRecord(store: string, id: string): RunRecord | undefined {
  const file = path.join(store, id, MARKER);
  return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as RunRecord) : undefined;
}

/** A run that ended for another reason than a user error (killed, crashed): the caller may retry it. */
export class RunInterrupted extends Error {
  override name = 'RunInterrupted';
}

function exec(ctx: JobContext, args: string[], logFile: string): Promise<{ code: number | null; signal: string | null; lastError?: string }> {
  return new Promise((resolve, reject) => {
    const log = fs.openSync(logFile, 'a');
    const child = spawn(process.execPath, ['--import', 'tsx', ...args], { cwd: ctx.root, stdio: ['ignore', log, log, 'ipc'] });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      fs.closeSync(log);
      const lastError = fs.readFileSync(logFile, 'utf8').split('\n').reverse().find((l) => l.startsWith('error: '));
      resolve({ code, signal, lastError: lastError?.slice('error: '.length) });
    });
  });
}

/** Trains `run` (or continues or reuses it); a user error gives a 'failed' record, a kill throws RunInterrupted. */
export async function runJob(run: PreparedRun, ctx: JobContext): Promise<RunRecord> {
  const done = finishedRecord(ctx.store, run.id);
  if (done) return done;
  const dir = path.join(ctx.store, run.id);
  const family = ctx.families[run.spec.family];
  fs.mkdirSync(ctx.store, { recursive: true });
  const resumable = fs.existsSync(runPaths(dir).config) && listCheckpoints(runPaths(dir).checkpoints).length > 0;
  const args = resumable ? [family.main, '--resume', dir] : [family.main, ...run.spec.flags, '--seed', String(run.spec.seed), '--out', dir];
  const t0 = performance.now();
  const r = await exec(ctx, args, path.join(ctx.store, `${run.id}.log`));
  const wallSeconds = (performance.now() - t0) / 1000;
  const base = { id: run.id, family: run.spec.family, group: run.spec.group, seed: run.spec.seed, flags: run.spec.flags, config: run.config, wallSeconds, finishedAt: new Date().toISOString() };
  const sessions = 1 + readEvents(dir).filter((e) => e.kind === 'resume').length;
  const planned = Number(run.config.steps);
  const early = () => {
    const figures = fs.existsSync(runPaths(dir).metrics) ? earlyMonitorFigures(readMetrics(dir) as Array<Record<string, number>>, planned) : undefined;
    return figures ? { early: figures } : {};
  };
  if (r.code === 2) return { ...base, status: 'failed', error: r.lastError ?? 'exit 2', final: {}, trainSeconds: 0, stepsPerSecond: 0, sessions, ...early() };
  if (r.code !== 0) throw new RunInterrupted(`${run.id}: the run process ended with ${r.signal ?? `exit ${r.code}`}${r.lastError ? ` (${r.lastError})` : ''}; see ${path.join(ctx.store, `${run.id}.log`)}`);
  const rows = readMetrics(dir);
  const trainSeconds = Math.max(0, ...rows.map((m) => m.time ?? 0));
  const steps = Math.max(0, ...rows.map((m) => m.step));
  const record: RunRecord = { ...base, status: 'done', final: finalMetrics(dir), trainSeconds, stepsPerSecond: trainSeconds > 0 ? steps / trainSeconds : 0, sessions, ...early() };
  writeFileAtomic(path.join(dir, MARKER), JSON.stringify(record, null, 2) + '\n');
  return record;
}
