/** What a training callback sees after each step, and what it may answer (a rollback request). */
import type { RunPaths } from '@stablegen/run-files';
import type { RollbackPolicy, RollbackRequest } from './rollback/protocol.js';

export interface StepEndInfo<M> {
  step: number;
  models: M;
  metrics: Record<string, number>;
  run: RunPaths;
}

/** Sees every step's metrics (stability monitors hook in here). */
export interface TrainCallback<M> {
  /**
   * Set on a divergence guard (`divergenceGuard`): with a guard, non-finite metrics reach the
   * callbacks instead of stopping the run, a checkpoint exists from step 0, and a returned
   * `RollbackRequest` is answered with this policy.
   */
  guard?: RollbackPolicy;
  /** Runs after each step, before its logging, samples and checkpoint; guards run first. */
  onStepEnd?(info: StepEndInfo<M>): void | RollbackRequest | Promise<void | RollbackRequest>;
}
