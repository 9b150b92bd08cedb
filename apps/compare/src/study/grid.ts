/**
 * The study's grid: recipes x rate multipliers x seeds, one launcher run each. The multipliers are
 * log-spaced around 1 (each recipe's own rates), 7 of them over 2.5 decades on ring8.
 */
import { EARLY_SHARE, type RunSpec } from '@stablegen/launcher';
import { STUDY_PROTOCOL, type StudyRecipe } from './recipes.js';

export interface StudyRun {
  recipe: string;
  family: StudyRecipe['family'];
  /** the recipe's rates times this */
  multiplier: number;
  lrD: number;
  lrG: number;
  seed: number;
  steps: number;
}

/** A recipe's rates at x1 (datasets.ts, `x1`). */
export interface BaseRates {
  lrD: number;
  lrG: number;
}

/** `n` multipliers log-spaced over `decades` centred on 1 (3 significant digits). */
export function multipliers(n: number, decades: number): number[] {
  if (n === 1) return [1];
  return Array.from({ length: n }, (_, i) => Number((10 ** (decades * (i / (n - 1) - 0.5))).toPrecision(3)));
}

/** The flags that make a recipe on a dataset, before the grid's rates and the run's bookkeeping. */
const recipeFlags = (recipe: StudyRecipe, dataset: string) => ['--dataset', dataset, ...STUDY_PROTOCOL, ...recipe.flags];

/** Every run, seed by seed (so a study cut short holds whole seeds), then recipe, then multiplier. */
export function expandStudy(recipes: ReadonlyArray<StudyRecipe & BaseRates>, mults: readonly number[], seeds: readonly number[], steps: number): StudyRun[] {
  return seeds.flatMap((seed) => recipes.flatMap((r) => mults.map((m) => ({
    recipe: r.name, family: r.family, multiplier: m, lrD: Number((r.lrD * m).toPrecision(3)), lrG: Number((r.lrG * m).toPrecision(3)), seed, steps,
  }))));
}

/** The cell a run belongs to (the launcher's group). */
export const studyCell = (r: Pick<StudyRun, 'recipe' | 'multiplier'>) => `${r.recipe}|x${r.multiplier}`;

/**
 * The launcher's spec: the family's config for the dataset, the shared protocol, the recipe's
 * flags, the scaled rates, one evaluation at the end, the stability monitor every 2.5% of the
 * steps up to 10% (what the early warning reads; on the MLPs a reading costs ~3.5 s, 40 of them
 * ~40% of a run, and later ones would be read by nobody).
 */
export function studySpec(r: StudyRun, recipe: StudyRecipe, backend: string, dataset: string): RunSpec {
  const n = String(r.steps);
  const every = String(Math.max(1, Math.round(r.steps / 8)));
  const until = Math.max(1, Math.floor(EARLY_SHARE * r.steps)); // the launcher's early window: readings after it are read by nobody
  const monitor = Math.max(1, Math.floor(until / 4)); // readings at step 1 and 4 more inside the window (2.5%, 5%, 7.5%, 10% at 8,000 steps)
  const flags = [
    ...recipeFlags(recipe, dataset),
    ...['--backend', backend, '--steps', n],
    ...['--lr-d', String(r.lrD), '--lr-g', String(r.lrG)],
    ...['--eval-every', n, '--sample-every', n, '--checkpoint-every', every, '--keep-checkpoints', '1'],
    ...['--monitor-every', String(monitor), '--monitor-until', String(until), '--log-every', String(Math.min(50, monitor))], // a monitor reading reaches metrics.jsonl on a log line
  ];
  return { family: r.family, flags, seed: r.seed, group: studyCell(r) };
}
