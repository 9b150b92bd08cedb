/**
 * One launcher for every bench, sweep and study: a list of runs, executed on this machine (a
 * process pool, the default) or across machines (BullMQ on Redis, `--queue`), with the finished
 * ones reused from the results file or the store, progress on one line, and every finished run
 * appended to the results file.
 */
import { z } from 'zod';
import { UserError } from '@stablegen/trainer';
import { runLocal } from './local-executor.js';
import { progressLine } from './progress-line.js';
import { runOnQueue } from './queue.js';
import { ResultsFile } from './results-file.js';
import { finishedRecord, type RunRecord } from './run-job.js';
import { prepareRun, type Families, type PreparedRun, type RunSpec } from './run-spec.js';

/** The launcher's flags, for a bench's or sweep's schema (`.extend(launcherFlags)`). */
export const launcherFlags = {
  jobs: z.number().int().positive().default(1).describe('runs at once on this machine (one process each; 2 uses both cores of a 2-core machine)'),
  queue: z.string().optional().describe('run on BullMQ workers instead: redis://[:password@]host:port[/db] (start workers with npx nx run compare:worker)'),
  store: z.string().default('runs/store').describe('where run directories go, <store>/<run id>; with --queue the folder every worker shares'),
};

export interface LaunchOptions {
  families: Families;
  /** Repository root (the apps' cwd). */
  root: string;
  store: string;
  jobs: number;
  queue?: string;
  /** BullMQ queue name (default DEFAULT_QUEUE); job ids are unique per queue. */
  queueName?: string;
  /** The committed results file (benchmarks/results/<name>.jsonl); runs listed there are not trained again. */
  results?: string;
  log?: (line: string) => void;
}

/** Every spec validated and given its id (a bad one or two with the same id are UserErrors). */
function prepareAll(specs: readonly RunSpec[], families: Families): PreparedRun[] {
  const prepared = specs.map((s) => prepareRun(s, families));
  const ids = new Set<string>();
  for (const p of prepared) {
    if (ids.has(p.id)) throw new UserError(`two runs of the list resolve to the same config (${p.id}, ${p.spec.family} seed ${p.spec.seed})`, 'remove the duplicate');
    ids.add(p.id);
  }
  return prepared;
}

/** The finished runs of `prepared`, from the results file or else the store, by id (marked reused). */
function knownRecords(prepared: readonly PreparedRun[], results: ResultsFile | undefined, store: string): Map<string, RunRecord> {
  const records = new Map<string, RunRecord>();
  for (const p of prepared) {
    const known = results?.get(p.id) ?? finishedRecord(store, p.id);
    if (known) records.set(p.id, { ...known, group: p.spec.group, reused: true });
  }
  return records;
}

/** What `launch` would reuse, training nothing: each spec's finished record, or undefined (for a report of a launch not complete yet). */
export function finishedRecords(specs: readonly RunSpec[], o: Pick<LaunchOptions, 'families' | 'results' | 'store'>): Array<RunRecord | undefined> {
  const prepared = prepareAll(specs, o.families);
  const records = knownRecords(prepared, o.results ? new ResultsFile(o.results) : undefined, o.store);
  return prepared.map((p) => records.get(p.id));
}

/** Validates every spec first (a bad one stops the launch before anything runs), then runs what is not done yet. */
export async function launch(specs: readonly RunSpec[], o: LaunchOptions): Promise<RunRecord[]> {
  const log = o.log ?? console.log;
  const prepared = prepareAll(specs, o.families);
  const results = o.results ? new ResultsFile(o.results) : undefined;
  const records = knownRecords(prepared, results, o.store);
  const reused = records.size;
  const todo = prepared.filter((p) => !records.has(p.id));
  const t0 = performance.now();
  const progress = { total: prepared.length, done: reused, running: 0, failed: 0, reused };
  const show = () => log(progressLine(progress, (performance.now() - t0) / 1000, o.jobs));
  const keep = (r: RunRecord) => {
    records.set(r.id, { ...r, reused: false });
    if (r.status !== 'crashed') results?.add(r);
  };
  show();
  if (todo.length > 0 && o.queue) {
    let last = '';
    const out = await runOnQueue(todo, {
      url: o.queue,
      queueName: o.queueName,
      onPoll: (s) => {
        Object.assign(progress, { running: s.running, done: reused + s.done.length, failed: s.failed.length });
        const line = progressLine(progress, (performance.now() - t0) / 1000, Math.max(1, s.running));
        if (line !== last) log((last = line));
      },
    });
    out.forEach(keep);
  } else if (todo.length > 0) {
    const out = await runLocal(todo, {
      ...o,
      onStart: () => (progress.running++, show()),
      onDone: (r) => {
        progress.running--;
        progress[r.status === 'done' ? 'done' : 'failed']++;
        keep(r);
        show();
      },
    });
    out.forEach(keep);
  }
  return prepared.map((p) => ({ ...records.get(p.id)!, group: p.spec.group }));
}
