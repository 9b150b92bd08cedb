/** The default executor: a pool of `jobs` run processes on this machine; needs no server. */
import type { JobContext, RunRecord } from './run-job.js';
import { RunInterrupted, runJob } from './run-job.js';
import type { PreparedRun } from './run-spec.js';

export interface LocalOptions extends JobContext {
  jobs: number;
  /** Called as each run starts and ends. */
  onStart?(run: PreparedRun): void;
  onDone?(record: RunRecord): void;
}

/** Runs every run, `jobs` at a time; a run killed or crashed (not a user error) comes back 'crashed' with its cause. */
export async function runLocal(runs: readonly PreparedRun[], o: LocalOptions): Promise<RunRecord[]> {
  const out: RunRecord[] = new Array(runs.length);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < runs.length; i = next++) {
      o.onStart?.(runs[i]);
      try {
        out[i] = await runJob(runs[i], o);
      } catch (err) {
        if (!(err instanceof RunInterrupted)) throw err;
        const r = runs[i];
        out[i] = { id: r.id, family: r.spec.family, group: r.spec.group, seed: r.spec.seed, flags: r.spec.flags, config: r.config, status: 'crashed', error: err.message, final: {}, trainSeconds: 0, stepsPerSecond: 0, wallSeconds: 0, sessions: 1, finishedAt: new Date().toISOString() };
      }
      o.onDone?.(out[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(o.jobs, runs.length)) }, worker));
  return out;
}
