/**
 * The rollback protocol between the trainer and a guard callback: the callback carries a
 * `RollbackPolicy` and may return a `RollbackRequest`; the trainer answers it (roll-back.ts).
 * Also the learning-rate reading and scaling a rollback uses.
 */
import type * as tf from '@tensorflow/tfjs-core';
import { setLearningRate } from '@stablegen/schedules';

/** What a guard returns after a diverged step. */
export interface RollbackRequest {
  action: 'rollback';
  reason: string;
}

/** How the trainer answers a request. */
export interface RollbackPolicy {
  /** Every optimiser's learning rate is multiplied by this on each rollback (0 < f < 1). */
  lrFactor: number;
  /** Rollbacks allowed in one run; the next divergence stops it. */
  maxRollbacks: number;
}

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
