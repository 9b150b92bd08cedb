/**
 * Rollback after divergence: the protocol between the trainer and a guard callback (the callback
 * carries a `RollbackPolicy` and may return a `RollbackRequest`), learning-rate scaling, and the
 * run's `events.jsonl`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type * as tf from '@tensorflow/tfjs-core';
import { setLearningRate } from '@stablegen/schedules';
import type { RunDir } from './run-dir.js';

/** The request / policy types are @stablegen/stability's (its divergence guard produces them). */
export type { RollbackPolicy, RollbackRequest } from '@stablegen/stability';
import type { RollbackRequest } from '@stablegen/stability';

export const isRollbackRequest = (x: unknown): x is RollbackRequest => (x as RollbackRequest | undefined)?.action === 'rollback';

/** The learning rate an optimiser uses next (every tfjs optimiser keeps it in `learningRate`). */
export function learningRateOf(optimizer: tf.Optimizer): number {
  const lr = (optimizer as unknown as { learningRate?: unknown }).learningRate;
  if (typeof lr !== 'number') throw new Error(`cannot read the learning rate of ${optimizer.constructor.name}: it has no numeric learningRate field`);
  return lr;
}

/** Multiplies every optimiser's learning rate by `factor`; returns the new rates by optimiser key. */
export function scaleLearningRates(optimizers: Record<string, tf.Optimizer>, factor: number): Record<string, number> {
  const rates: Record<string, number> = {};
  for (const [key, opt] of Object.entries(optimizers)) {
    rates[key] = learningRateOf(opt) * factor;
    setLearningRate(opt, rates[key]);
  }
  return rates;
}

export const eventsFile = (run: RunDir): string => path.join(run.root, 'events.jsonl');

/** Appends one JSON line to the run's events.jsonl. */
export function appendEvent(run: RunDir, event: Record<string, unknown>): void {
  fs.appendFileSync(eventsFile(run), JSON.stringify(event) + '\n');
}
