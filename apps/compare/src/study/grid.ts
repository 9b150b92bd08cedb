/**
 * The study's grid: recipes x rate multipliers x seeds, one launcher run each. The multipliers are
 * log-spaced around 1 (each recipe's own rates), 7 of them over 2.5 decades by default.
 */
import type { RunSpec } from '@stablegen/launcher';
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

/** `n` multipliers log-spaced over `decades` centred on 1 (3 significant digits). */
export function multipliers(n: number, decades: number): number[] {
  if (n === 1) return [1];
  return Array.from({ length: n }, (_, i) => Number((10 ** (decades * (i / (n - 1) - 0.5))).toPrecision(3)));
}

/** Every run, seed by seed (so a study cut short holds whole seeds), then recipe, then multiplier. */
export function expandStudy(recipes: readonly StudyRecipe[], mults: readonly number[], seeds: readonly number[], steps: number): StudyRun[] {
  return seeds.flatMap((seed) => recipes.flatMap((r) => mults.map((m) => ({
    recipe: r.name, family: r.family, multiplier: m, lrD: Number((r.lrD * m).toPrecision(3)), lrG: Number((r.lrG * m).toPrecision(3)), seed, steps,
  }))));
}

/** The cell a run belongs to (the launcher's group). */
export const studyCell = (r: Pick<StudyRun, 'recipe' | 'multiplier'>) => `${r.recipe}|x${r.multiplier}`;

/**
 * The launcher's spec: the family's ring8 preset, the shared protocol, the recipe's flags, the
 * scaled rates, one evaluation at the end, the stability monitor every 2.5% of the steps up to 10%
 * (what the early warning reads; later readings would cost ~3 s each and be read by nobody).
 */
export function studySpec(r: StudyRun, recipe: StudyRecipe, backend: string, dataset: string): RunSpec {
  const n = String(r.steps);
  const every = String(Math.max(1, Math.round(r.steps / 8)));
  const monitor = Math.max(1, Math.round(r.steps / 40)); // 5 readings in the first 10% (steps 2.5%, ..., 10%): the early-warning figures
  const flags = [
    ...['--dataset', dataset, '--backend', backend, '--steps', n],
    ...STUDY_PROTOCOL,
    ...recipe.flags,
    ...['--lr-d', String(r.lrD), '--lr-g', String(r.lrG)],
    ...['--eval-every', n, '--sample-every', n, '--checkpoint-every', every, '--keep-checkpoints', '1'],
    ...['--monitor-every', String(monitor), '--monitor-until', String(4 * monitor), '--log-every', String(Math.min(50, monitor))], // a monitor reading reaches metrics.jsonl on a log line
  ];
  return { family: r.family, flags, seed: r.seed, group: studyCell(r) };
}
