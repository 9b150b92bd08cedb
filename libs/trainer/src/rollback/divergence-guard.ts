/**
 * The divergence guard: a training callback that inspects every step (NaN / Inf metrics, loss
 * blow-up, non-finite weights; the tests are @stablegen/stability's DivergenceDetector) and asks
 * the trainer to roll back. The trainer sees `guard` (its rollback policy), hands it non-finite
 * metrics instead of stopping, and on a returned `{ action: 'rollback', reason }` restores the
 * newest good checkpoint, multiplies every optimiser's learning rate by `lrFactor` and logs the
 * event (roll-back.ts); the request after `maxRollbacks` rollbacks stops the run.
 */
import { DivergenceDetector, nonFiniteWeights, type BlowUpOptions, type WeightLike } from '@stablegen/stability';
import type { RollbackPolicy, RollbackRequest } from './protocol.js';

export interface DivergenceGuardOptions<M> {
  /** Weights checked for NaN / Inf, e.g. `(m) => [...m.gen.weights, ...m.disc.weights]`. */
  weights?: (models: M) => readonly WeightLike[];
  /** Check the weights every this many steps (default 1; a checkpoint of bad weights would be rolled back to). */
  checkWeightsEvery?: number;
  /** Metrics that must be finite (default: all). */
  finiteKeys?: readonly string[];
  /** Loss blow-up test (off when absent). */
  blowUp?: BlowUpOptions;
  /** Default 0.5. */
  lrFactor?: number;
  /** Default 3. */
  maxRollbacks?: number;
}

export interface DivergenceGuard<M> {
  readonly guard: RollbackPolicy;
  readonly detector: DivergenceDetector;
  onStepEnd(info: { step: number; models: M; metrics: Record<string, number> }): RollbackRequest | undefined;
}

/** Creates the guard; pass it first in `train(..., { callbacks: [guard, ...] })`. */
export function divergenceGuard<M>(options: DivergenceGuardOptions<M> = {}): DivergenceGuard<M> {
  const { weights, checkWeightsEvery = 1, lrFactor = 0.5, maxRollbacks = 3 } = options;
  if (!(lrFactor > 0 && lrFactor < 1)) throw new Error(`divergenceGuard: lrFactor must be in (0, 1), got ${lrFactor}`);
  if (!Number.isInteger(maxRollbacks) || maxRollbacks < 0) throw new Error(`divergenceGuard: maxRollbacks must be an integer >= 0, got ${maxRollbacks}`);
  if (!Number.isInteger(checkWeightsEvery) || checkWeightsEvery < 1) throw new Error(`divergenceGuard: checkWeightsEvery must be an integer >= 1, got ${checkWeightsEvery}`);
  const detector = new DivergenceDetector({ finiteKeys: options.finiteKeys, blowUp: options.blowUp });
  return {
    guard: { lrFactor, maxRollbacks },
    detector,
    onStepEnd({ step, models, metrics }) {
      const reason = detector.check(metrics);
      if (reason) return { action: 'rollback', reason };
      if (weights && step % checkWeightsEvery === 0) {
        const bad = nonFiniteWeights(weights(models));
        if (bad.length > 0) return { action: 'rollback', reason: `non-finite weights: ${bad.join(', ')}` };
      }
      return undefined;
    },
  };
}
