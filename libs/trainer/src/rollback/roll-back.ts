/**
 * Answering a guard's rollback request: pick the checkpoint to return to, restore it (weights,
 * optimiser slots, RNG, metric means; later metric lines and checkpoints are dropped), scale every
 * learning rate by the policy's factor and record the event in events.jsonl.
 */
import { appendEvent, runPaths, truncateMetricsAfter, type RunPaths } from '@stablegen/run-files';
import { deleteCheckpointsAfter, readLatestGoodCheckpoint, type CheckpointData } from '../checkpoint/checkpoint-format.js';
import { restoreTensors } from '../checkpoint/checkpointable.js';
import type { BaseConfig } from '../config/base-config.js';
import { restoreLoopState, type LoopState } from '../loop-state.js';
import type { Recipe } from '../recipe.js';
import { UserError } from '../user-error.js';
import { scaleLearningRates, type RollbackPolicy } from './protocol.js';

/**
 * The checkpoint to roll back to after step `step` diverged. Its metrics were computed from the
 * weights after step - 1, so those are suspect: the newest good checkpoint at step - 2 or before
 * (step 0 at least). If the run diverges again before writing a newer checkpoint, restoring that
 * one evidently did not help: one further back (if there is one).
 */
function rollbackTarget(run: RunPaths, state: LoopState, step: number, log: (l: string) => void): CheckpointData | undefined {
  const limit = Math.max(0, step - 2);
  const before = state.lastRestored === undefined ? limit : Math.min(limit, state.lastRestored - 1);
  return readLatestGoodCheckpoint(run.checkpoints, log, before) ?? readLatestGoodCheckpoint(run.checkpoints, log, limit);
}

export interface RollbackContext<C extends BaseConfig, M> {
  recipe: Recipe<C, M>;
  models: M;
  run: RunPaths;
  state: LoopState;
  config: Readonly<C>;
  log: (l: string) => void;
}

/** Rolls back after step `step` diverged for `reason`; past `maxRollbacks` the run stops with a UserError. */
export async function rollBack<C extends BaseConfig, M>(ctx: RollbackContext<C, M>, step: number, { reason, policy }: { reason: string; policy: RollbackPolicy }): Promise<void> {
  const { recipe, models, run, state, config, log } = ctx;
  if (state.rollbacks >= policy.maxRollbacks) {
    appendEvent(run.root, { step, kind: 'stop', reason, rollbacks: state.rollbacks });
    throw new UserError(
      `training diverged at step ${step}: ${reason}; stopping after ${state.rollbacks} rollback(s), the most allowed`,
      `lower the learning rate and start again (the rollbacks are listed in ${runPaths(run.root).events})`,
    );
  }
  const ckpt = rollbackTarget(run, state, step, log);
  if (!ckpt) throw new UserError(`training diverged at step ${step}: ${reason}; no usable checkpoint to roll back to in ${run.checkpoints}`, 'lower the learning rate and start again');
  await restoreTensors(recipe.checkpointable(models), ckpt.tensors);
  restoreLoopState(recipe, models, ckpt, state, config.seed);
  truncateMetricsAfter(run.root, ckpt.step);
  deleteCheckpointsAfter(run.checkpoints, ckpt.step);
  state.lastRestored = ckpt.step;
  state.rollbacks += 1;
  state.lrScale *= policy.lrFactor;
  const lr = scaleLearningRates(recipe.checkpointable(models).optimizers, policy.lrFactor);
  appendEvent(run.root, { step, kind: 'rollback', reason, restoredStep: ckpt.step, lr });
  log(`step ${step}: ${reason}; rolled back to step ${ckpt.step}, learning rate x${policy.lrFactor} (rollback ${state.rollbacks} of at most ${policy.maxRollbacks})`);
}
