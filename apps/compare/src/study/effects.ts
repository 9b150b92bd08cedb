/**
 * The study's answer per stabiliser (range-posterior.ts): every recipe's working-range posterior,
 * each stabiliser's recipe against the recipe it adds to (recipes.ts, `adds`), and the EMA
 * generator against the raw one of the same runs. A recipe enters once it has runs at every
 * multiplier of the grid; a comparison once both of its recipes have (the EMA one: runs judged both ways).
 */
import { emaEffect, type JudgedOutcome, rangePosterior, type RangeEffect, type RangePosterior, stabiliserEffect } from './range-posterior.js';
import type { StudyRecipe } from './recipes.js';
import type { UnchangedRuns } from './unchanged-runs.js';

export interface StudyEffects {
  posteriors: RangePosterior[];
  /** stabilisers against their baselines, then the EMA generator against the raw one per recipe */
  effects: RangeEffect[];
  /** per stabiliser: how many of its runs ended exactly as the baseline's of the same seed and step size (unchanged-runs.ts) */
  unchanged?: UnchangedRuns[];
}

export function studyEffects(runs: readonly JudgedOutcome[], recipes: readonly Pick<StudyRecipe, 'name' | 'adds'>[], multipliers: readonly number[]): StudyEffects {
  const covered = (name: string, judged = runs) => multipliers.every((m) => judged.some((r) => r.recipe === name && r.multiplier === m));
  const ready = recipes.filter((r) => covered(r.name));
  const rawJudged = runs.filter((r) => r.rawConverged !== undefined);
  const names = new Set(ready.map((r) => r.name));
  return {
    posteriors: ready.map((r) => rangePosterior(runs, r.name)),
    effects: [
      ...ready.filter((r) => r.adds && names.has(r.adds.to)).map((r) => stabiliserEffect(runs, r.adds!.what, r.name, r.adds!.to)),
      ...ready.filter((r) => covered(r.name, rawJudged)).map((r) => emaEffect(runs, r.name)),
    ],
  };
}
