/** The training loop's own state (step, RNG, metric means, rollbacks) and how a checkpoint restores it. */
import { createRng, type Rng, type RngState } from '@stablegen/random';
import type { CheckpointData } from './checkpoint/checkpoint-format.js';
import { MetricMeans } from './metric-means.js';
import type { Recipe } from './recipe.js';

export interface LoopState {
  step: number;
  rng: Rng;
  elapsed: number;
  means: MetricMeans;
  /** Rollbacks so far and the product of their learning-rate factors (both checkpointed). */
  rollbacks: number;
  lrScale: number;
  /** The step the last rollback restored, until a newer checkpoint is written. */
  lastRestored?: number;
  /** The divergence test's scale per watched metric (divergence-stop.ts). */
  divergenceScales: Record<string, number>;
}

/** The state of a new run: the step stream's RNG is seeded with seed + 1 (seed itself builds the models). */
export const freshLoopState = (seed: number): LoopState => ({ step: 0, rng: createRng(seed + 1), elapsed: 0, means: new MetricMeans(), rollbacks: 0, lrScale: 1, divergenceScales: {} });

/** Puts a checkpoint's recipe state, step, RNG and metric accumulator back (after its tensors). */
export function restoreLoopState<M>(recipe: Pick<Recipe<never, M>, 'loadState'>, models: M, ckpt: CheckpointData, state: LoopState, seed: number): void {
  recipe.loadState?.(models, (ckpt.state.recipe ?? {}) as Record<string, unknown>);
  state.step = ckpt.step;
  state.rng = createRng(seed + 1, ckpt.state.rng as RngState);
  state.means = MetricMeans.from(ckpt.state.means);
  state.divergenceScales = { ...((ckpt.state.divergenceScales ?? {}) as Record<string, number>) };
}

/** What a checkpoint stores of the loop besides tensors. */
export function loopCheckpointState<M>(recipe: Pick<Recipe<never, M>, 'saveState'>, models: M, s: LoopState): Record<string, unknown> {
  return { rng: s.rng.state(), elapsed: s.elapsed, means: s.means.toJSON(), recipe: recipe.saveState?.(models) ?? {}, rollbacks: s.rollbacks, lrScale: s.lrScale, divergenceScales: s.divergenceScales };
}
