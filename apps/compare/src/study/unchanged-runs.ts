/**
 * Did a stabiliser act at all? A run of a recipe and the run of the recipe it adds to with the same
 * seed and step size start from the same weights and draw the same batches, so where the stabiliser
 * never intervenes (a divergence guard that never fires) the two end with exactly the same final
 * metrics. The report counts those pairs: a verdict of "within noise" then means "never acted",
 * not "acted and made no difference".
 */
import type { RunRecord } from '@stablegen/launcher';
import type { StudyRun } from './grid.js';
import type { StudyRecipe } from './recipes.js';

export interface UnchangedRuns {
  stabiliser: string;
  recipe: string;
  baseline: string;
  /** finished pairs (same seed and multiplier, both done) */
  pairs: number;
  /** pairs whose final metrics are all equal (NaN equal to NaN) */
  identical: number;
  /** the recipe's runs among them, as (seed, multiplier): duplicates of a baseline run, which a pooled score (the early warning) should count once */
  duplicates: Array<{ seed: number; multiplier: number }>;
}

const sameFinal = (a: Record<string, number>, b: Record<string, number>) => {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => k in b && Object.is(a[k], b[k]));
};

/** Per recipe with `adds`: its finished runs paired with the baseline's of the same seed and multiplier. */
export function unchangedRuns(runs: readonly StudyRun[], records: ReadonlyArray<Pick<RunRecord, 'status' | 'final'> | undefined>, recipes: readonly Pick<StudyRecipe, 'name' | 'adds'>[]): UnchangedRuns[] {
  const finals = new Map<string, Record<string, number>>();
  const key = (recipe: string, r: StudyRun) => `${recipe}|${r.multiplier}|${r.seed}`;
  runs.forEach((r, i) => { if (records[i]?.status === 'done') finals.set(key(r.recipe, r), records[i]!.final); });
  return recipes.filter((r) => r.adds).flatMap((r) => {
    let pairs = 0;
    const duplicates: UnchangedRuns['duplicates'] = [];
    for (const run of runs) {
      if (run.recipe !== r.name) continue;
      const [mine, theirs] = [finals.get(key(r.name, run)), finals.get(key(r.adds!.to, run))];
      if (!mine || !theirs) continue;
      pairs += 1;
      if (sameFinal(mine, theirs)) duplicates.push({ seed: run.seed, multiplier: run.multiplier });
    }
    return pairs > 0 ? [{ stabiliser: r.adds!.what, recipe: r.name, baseline: r.adds!.to, pairs, identical: duplicates.length, duplicates }] : [];
  });
}

/** Whether a run duplicates its baseline's (to leave it out of pooled scores). */
export const isDuplicate = (unchanged: readonly UnchangedRuns[], r: Pick<StudyRun, 'recipe' | 'seed' | 'multiplier'>) =>
  unchanged.some((u) => u.recipe === r.recipe && u.duplicates.some((d) => d.seed === r.seed && d.multiplier === r.multiplier));
