/**
 * Runs across machines through BullMQ on Redis. The submitter enqueues one job per run (job id =
 * run id, so a run asked for twice is one job) and follows them; workers on any machine with the
 * repository take jobs, `jobs` at a time, and write run directories under a store every worker
 * and the submitter share. A job is data (family, flags, seed), re-validated by the worker against
 * its own families: never code, a path or a shell line. A worker killed mid-run loses its lock;
 * BullMQ's stalled-job check hands the job to another worker, which resumes the run from its last
 * checkpoint. A run refused by its app (a user error) fails its job once, without retries.
 */
import { Queue, UnrecoverableError, Worker, type ConnectionOptions } from 'bullmq';
import { UserError } from '@stablegen/trainer';
import { type JobContext, type RunRecord, runJob } from './run-job.js';
import { prepareRun, type PreparedRun, type RunSpec } from './run-spec.js';

export const DEFAULT_QUEUE = 'stablegen-runs';
const USER_ERROR = 'user error: ';

/** ioredis options from `redis://[:password@]host:port[/db]` (rediss:// for TLS); a bad URL is a UserError. */
export function redisConnection(url: string): ConnectionOptions {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new UserError(`--queue ${url} is not a Redis URL`, 'pass redis://[:password@]host:port[/db]');
  }
  if (u.protocol !== 'redis:' && u.protocol !== 'rediss:') throw new UserError(`--queue ${url}: expected redis:// or rediss://`, 'pass redis://[:password@]host:port[/db]');
  const db = u.pathname.length > 1 ? Number(u.pathname.slice(1)) : 0;
  if (!Number.isInteger(db) || db < 0) throw new UserError(`--queue ${url}: '${u.pathname.slice(1)}' is not a database number`, 'pass redis://host:port/0');
  return {
    host: u.hostname || '127.0.0.1',
    port: Number(u.port || 6379),
    username: u.username ? decodeURIComponent(u.username) : undefined,
    password: u.password ? decodeURIComponent(u.password) : undefined,
    db,
    ...(u.protocol === 'rediss:' ? { tls: {} } : {}),
    maxRetriesPerRequest: null,
  };
}

export interface WorkerOptions extends JobContext {
  url: string;
  queueName?: string;
  /** Runs at once on this worker. */
  jobs: number;
  /** How long a job's lock lasts without renewal (default 30 s): after a kill, the time before another worker may take it. */
  lockMs?: number;
  log?: (line: string) => void;
}

/** Starts a worker; `close()` stops taking jobs and waits for the running ones. */
export function startWorker(o: WorkerOptions): { close(): Promise<void> } {
  const log = o.log ?? console.log;
  const lockDuration = o.lockMs ?? 30_000;
  const worker = new Worker<RunSpec, RunRecord>(
    o.queueName ?? DEFAULT_QUEUE,
    async (job) => {
      let run: PreparedRun;
      try {
        run = prepareRun(job.data, o.families);
      } catch (err) {
        throw new UnrecoverableError(`${USER_ERROR}${(err as Error).message}`);
      }
      if (run.id !== job.id) throw new UnrecoverableError(`${USER_ERROR}job ${job.id} does not resolve to its own id (${run.id}); the submitter and this worker disagree on the family's defaults`);
      log(`worker: ${run.id} (${run.spec.family}, seed ${run.spec.seed}) started`);
      const record = await runJob(run, o);
      log(`worker: ${run.id} ${record.status}${record.error ? `: ${record.error}` : ''}`);
      if (record.status === 'failed') throw new UnrecoverableError(`${USER_ERROR}${record.error}`);
      return record;
    },
    { connection: redisConnection(o.url), concurrency: o.jobs, lockDuration, stalledInterval: Math.max(500, Math.round(lockDuration / 2)), maxStalledCount: 5 },
  );
  worker.on('error', (err) => log(`worker: ${err.message}`));
  return { close: () => worker.close() };
}

export interface QueueRunOptions {
  url: string;
  queueName?: string;
  /** Called with every run's state each poll. */
  onPoll?(states: { running: number; done: RunRecord[]; failed: RunRecord[] }): void;
  pollMs?: number;
}

/**
 * Enqueues the runs (those already queued or finished there are not added again) and waits until
 * each has completed or failed; a job that failed for another reason than a user error is retried.
 * Ctrl-C leaves the queue as it is: running the same submission again picks up where it was.
 */
export async function runOnQueue(runs: readonly PreparedRun[], o: QueueRunOptions): Promise<RunRecord[]> {
  const queue = new Queue<RunSpec, RunRecord>(o.queueName ?? DEFAULT_QUEUE, { connection: redisConnection(o.url) });
  try {
    await queue.addBulk(runs.map((r) => ({ name: r.spec.family, data: r.spec, opts: { jobId: r.id, attempts: 3, backoff: { type: 'fixed', delay: 1000 }, removeOnComplete: false, removeOnFail: false } })));
    const records = new Map<string, RunRecord>();
    for (;;) {
      let running = 0;
      for (const r of runs) {
        if (records.has(r.id)) continue;
        const job = await queue.getJob(r.id);
        const state = job ? await job.getState() : 'unknown';
        if (state === 'completed') records.set(r.id, job!.returnvalue);
        else if (state === 'failed' && job!.failedReason?.startsWith(USER_ERROR)) records.set(r.id, failedRecord(r, job!.failedReason.slice(USER_ERROR.length)));
        else if (state === 'failed') await job!.retry();
        else if (state === 'active') running++;
      }
      const all = [...records.values()];
      o.onPoll?.({ running, done: all.filter((x) => x.status === 'done'), failed: all.filter((x) => x.status !== 'done') });
      if (records.size === runs.length) return runs.map((r) => records.get(r.id)!);
      await new Promise((resolve) => setTimeout(resolve, o.pollMs ?? 1000));
    }
  } finally {
    await queue.close();
  }
}

function failedRecord(r: PreparedRun, error: string): RunRecord {
  return { id: r.id, family: r.spec.family, group: r.spec.group, seed: r.spec.seed, flags: r.spec.flags, config: r.config, status: 'failed', error, final: {}, trainSeconds: 0, stepsPerSecond: 0, wallSeconds: 0, sessions: 0, finishedAt: new Date().toISOString() };
}
