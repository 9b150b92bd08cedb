/**
 * Runs inside each worker thread of a replica group (replicas 1..n-1): starts its own backend on
 * one thread, builds the program from the entry module, reports ready, then runs a step per command
 * of replica 0 until told to stop. Any error marks the group failed (so replica 0's wait ends with
 * it) and is reported to the parent.
 */
import { parentPort } from 'node:worker_threads';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend, type BackendPreference } from '@stablegen/backend';
import { COMMAND_STOP, ReplicaChannel, type ReplicaChannelInit } from './replica-channel.js';
import { contextOf, loadFactory } from './replica-context.js';

export interface ReplicaWorkerData {
  channel: ReplicaChannelInit;
  index: number;
  backend: BackendPreference;
  entry: string;
  exportName: string;
  data: unknown;
}

/** Messages a replica worker sends its parent. */
export type ReplicaWorkerMessage = { kind: 'ready' } | { kind: 'done'; leaked: number } | { kind: 'error'; message: string };

export async function runReplicaWorker(data: ReplicaWorkerData): Promise<void> {
  const channel = new ReplicaChannel(data.channel, data.index);
  const send = (message: ReplicaWorkerMessage) => parentPort?.postMessage(message);
  try {
    await initBackend(data.backend, { threads: 1, log: () => {} });
    const factory = await loadFactory(data.entry, data.exportName);
    const tensorsBefore = tf.memory().numTensors;
    const program = await factory(contextOf(channel), data.data);
    send({ kind: 'ready' });
    while (channel.nextCommand() !== COMMAND_STOP) {
      program.step();
      channel.barrier();
    }
    program.dispose?.();
    send({ kind: 'done', leaked: tf.memory().numTensors - tensorsBefore });
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    channel.fail(message);
    send({ kind: 'error', message });
  }
}
