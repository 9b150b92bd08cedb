/**
 * Data-parallel training on one machine: `replicas` copies of one program, one per thread (the
 * calling thread is replica 0, the others run in worker_threads, each on its own backend instance
 * with one thread), each stepping on its shard of the batch and averaging gradients through shared
 * memory. Unlike intra-op threads (`--threads`), everything a step does runs on every core: the
 * element-wise kernels, the optimiser and the engine's JavaScript too.
 */
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import * as tf from '@tensorflow/tfjs-core';
import type { BackendPreference } from '@stablegen/backend';
import { COMMAND_STEP, COMMAND_STOP, ReplicaChannel } from './replica-channel.js';
import { contextOf, loadFactory, type ReplicaProgram } from './replica-context.js';
import type { ReplicaWorkerData, ReplicaWorkerMessage } from './replica-worker.js';

export interface StartReplicasOptions<D> {
  /** The module that exports the program's factory (a path or file URL). */
  entry: string | URL;
  /** Its export: a ReplicaFactory<D>. */
  exportName: string;
  /** Threads, each one replica (1 runs the program on the calling thread alone). */
  replicas: number;
  /** Floats the largest all-reduce carries (all gradients plus the scalars averaged with them). */
  capacity: number;
  /** Handed to every replica's factory (structured-cloneable). */
  data: D;
  /** The backend each worker starts (one thread each); replica 0 uses the caller's. Default: the caller's active one ('auto' for tfjs-node's 'tensorflow'). */
  backend?: BackendPreference;
  /** A wait on another replica with no progress for this long fails (ms). Default 10 minutes. */
  timeoutMs?: number;
}

export interface ReplicaGroup {
  replicas: number;
  /** One step on every replica at once; replica 0's figures. Throws (naming the replica) if any replica fails. */
  step(): Record<string, number>;
  /** Stops the workers. @returns per worker (replica 1 first), the tensors its program left behind after its dispose (0 = leak-free) */
  close(): Promise<number[]>;
}

/** Starts each worker from this file's sibling runner; under tsx (TypeScript sources) it registers tsx in the worker first. */
const BOOTSTRAP = `
const { workerData } = require('node:worker_threads');
(workerData.tsx ? import(workerData.tsx).then((tsx) => tsx.register()) : Promise.resolve())
  .then(() => import(workerData.runner))
  .then((m) => m.runReplicaWorker(workerData));
`;

function runnerAndLoader(): { runner: string; tsx?: string } {
  const self = import.meta.url;
  const runner = self.replace(/start-replicas\.(ts|js)$/, 'replica-worker.$1');
  if (!runner.endsWith('.ts')) return { runner };
  try {
    // tsx's ES-module API (its CommonJS one cannot register the ESM loader from an eval'd worker)
    const manifest = createRequire(self).resolve('tsx/package.json');
    const api = (JSON.parse(fs.readFileSync(manifest, 'utf8')) as { exports: Record<string, { import: { default: string } }> }).exports['./esm/api'].import.default;
    return { runner, tsx: pathToFileURL(path.join(path.dirname(manifest), api)).href };
  } catch {
    throw new Error('data-parallel replicas from TypeScript sources need the tsx package (npm install tsx), or run the built JavaScript');
  }
}

/** The caller's active backend as an initBackend preference, so every replica computes alike. */
function callerBackend(): BackendPreference {
  const active = tf.getBackend();
  return active === 'wasm' || active === 'cpu' ? active : 'auto';
}

function watch(worker: Worker, index: number): { ready: Promise<void>; done: Promise<number> } {
  let settleReady: [() => void, (e: Error) => void];
  let settleDone: [(n: number) => void, (e: Error) => void];
  const ready = new Promise<void>((resolve, reject) => (settleReady = [resolve, reject]));
  const done = new Promise<number>((resolve, reject) => (settleDone = [resolve, reject]));
  const failed = (why: string) => {
    const error = new Error(`data-parallel replica ${index} failed: ${why}`);
    settleReady[1](error);
    settleDone[1](error);
  };
  worker.on('message', (m: ReplicaWorkerMessage) => {
    if (m.kind === 'ready') settleReady[0]();
    else if (m.kind === 'done') settleDone[0](m.leaked);
    else failed(m.message);
  });
  worker.on('error', (e) => failed(e.message));
  worker.on('exit', (code) => failed(`its thread exited with code ${code} before it finished`));
  // Observed by startReplicas and close(); a failure between them surfaces through step().
  ready.catch(() => {});
  done.catch(() => {});
  return { ready, done };
}

export async function startReplicas<D>(options: StartReplicasOptions<D>): Promise<ReplicaGroup> {
  const { replicas, capacity, exportName, data } = options;
  if (!Number.isInteger(replicas) || replicas < 1) throw new Error(`replicas ${replicas}: pass a whole number of threads, 1 or more`);
  const entry = options.entry instanceof URL ? options.entry.href : options.entry.startsWith('file:') ? options.entry : pathToFileURL(options.entry).href;
  const init = ReplicaChannel.create(replicas, capacity, options.timeoutMs);
  const channel = new ReplicaChannel(init, 0);
  const loader = replicas > 1 ? runnerAndLoader() : { runner: '' };
  const workers = Array.from({ length: replicas - 1 }, (_, i) => {
    const workerData: ReplicaWorkerData & { runner: string; tsx?: string } = { channel: init, index: i + 1, backend: options.backend ?? callerBackend(), entry, exportName, data, ...loader };
    const worker = new Worker(BOOTSTRAP, { eval: true, workerData });
    worker.unref(); // a group never closed does not keep the process alive
    return { worker, ...watch(worker, i + 1) };
  });
  let program: ReplicaProgram;
  try {
    program = await (await loadFactory<D>(entry, exportName))(contextOf(channel), data);
    await Promise.all(workers.map((w) => w.ready));
  } catch (err) {
    channel.fail(err instanceof Error ? err.message : String(err));
    await Promise.all(workers.map((w) => w.worker.terminate()));
    throw err;
  }
  return {
    replicas,
    step() {
      channel.post(COMMAND_STEP);
      try {
        const figures = program.step();
        channel.barrier();
        return figures;
      } catch (err) {
        channel.fail(err instanceof Error ? err.message : String(err));
        throw channel.failure() ?? err;
      }
    },
    async close() {
      channel.post(COMMAND_STOP);
      program.dispose?.();
      const left = await Promise.all(workers.map((w) => w.done));
      await Promise.all(workers.map((w) => w.worker.terminate()));
      return left;
    },
  };
}
