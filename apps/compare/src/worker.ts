/**
 * `npx nx run compare:worker -- --queue redis://[:password@]host:port[/db] --store <dir> [--jobs N]`:
 * a BullMQ worker that takes runs from the queue, N at a time, and writes their run directories
 * under --store (the folder the submitter and every worker share). It runs only the families of
 * launch-families.ts, each job's flags validated by that family's schema. Ctrl-C stops taking jobs
 * and waits for the running ones; a worker killed outright has its runs resumed by another.
 * Keep Redis inside the cluster: anyone who can reach it can make these workers train.
 */
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { DEFAULT_QUEUE, launcherFlags, startWorker } from '@stablegen/launcher';
import { parseCommand, runMain } from '@stablegen/trainer';
import { LAUNCH_FAMILIES } from './launch-families.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

const workerSchema = z.object({
  queue: z.string().describe('the Redis of the queue: redis://[:password@]host:port[/db]'),
  store: launcherFlags.store,
  jobs: launcherFlags.jobs,
  queueName: z.string().default(DEFAULT_QUEUE).describe('BullMQ queue name'),
  lockMs: z.number().int().min(500).default(30_000).describe('job lock duration: after a worker is killed, its runs go to another worker within about this long'),
});

await runMain(async () => {
  const f = parseCommand('compare:worker', 'take runs from a BullMQ queue and train them', workerSchema, process.argv.slice(2));
  if (!f) return;
  const worker = startWorker({ url: f.queue, queueName: f.queueName, store: path.resolve(ROOT, f.store), jobs: f.jobs, lockMs: f.lockMs, root: ROOT, families: LAUNCH_FAMILIES });
  console.log(`worker: ${f.jobs} at a time from ${f.queueName} on ${f.queue.replace(/:[^:@/]*@/, ':***@')}, runs under ${f.store}`);
  await new Promise<void>((resolve) => process.once('SIGINT', resolve).once('SIGTERM', resolve));
  console.log('worker: stopping; waiting for the running jobs');
  await worker.close();
});
