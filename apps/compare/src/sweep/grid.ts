/**
 * The sweep's grid: learning rates x seeds x families x recipes, each cell one training run (a
 * launcher run spec; the launcher gives it its id and run directory). Parsing of the list-valued
 * flags lives here too (pure, tested).
 */
import type { RunSpec } from '@stablegen/launcher';
import { UserError } from '@stablegen/trainer';
import { FAMILIES, type FamilyName, isFamilyName, RECIPES, type RecipeName } from './families.js';

export interface SweepRun {
  family: FamilyName;
  recipe: RecipeName;
  lr: number;
  seed: number;
  steps: number;
}

export interface GridOptions {
  families: readonly FamilyName[];
  lrs: readonly number[];
  seeds: readonly number[];
  steps: Readonly<Record<FamilyName, number>>;
}

/** `n` learning rates spaced evenly in log between `lo` and `hi` (inclusive), rounded to 3 significant digits. */
export function logSpaced(lo: number, hi: number, n: number): number[] {
  if (n === 1) return [lo];
  return Array.from({ length: n }, (_, i) => Number((lo * (hi / lo) ** (i / (n - 1))).toPrecision(3)));
}

/** The default grid: 5 rates from 1e-4 to 1e-2 (1e-4, 3.16e-4, 1e-3, 3.16e-3, 1e-2). */
export const DEFAULT_LRS = logSpaced(1e-4, 1e-2, 5);

/** "1e-4,3e-4" -> [1e-4, 3e-4]; every value a positive finite number, no duplicates. */
export function parseLrs(text: string): number[] {
  const values = text.split(',').map((s) => s.trim());
  const lrs = values.map(Number);
  const bad = values.find((s, i) => s === '' || !(lrs[i] > 0) || !Number.isFinite(lrs[i]));
  if (bad !== undefined) throw new UserError(`--lrs: '${bad}' is not a positive learning rate`, 'pass a comma-separated list such as 1e-4,1e-3,1e-2');
  if (new Set(lrs).size !== lrs.length) throw new UserError(`--lrs ${text} repeats a value`, 'list each learning rate once');
  return [...lrs].sort((a, b) => a - b);
}

/** "3" -> seeds 1..3; "4,9" -> [4, 9]. */
export function parseSeeds(text: string): number[] {
  const parts = text.split(',').map((s) => s.trim());
  const ints = parts.map(Number);
  if (parts.some((s, i) => s === '' || !Number.isInteger(ints[i]) || ints[i] < (parts.length === 1 ? 1 : 0))) {
    throw new UserError(`--seeds: '${text}' is neither a count nor a list of seeds`, 'pass a count (3 = seeds 1, 2, 3) or a list such as 4,9');
  }
  return parts.length === 1 ? Array.from({ length: ints[0] }, (_, i) => i + 1) : [...new Set(ints)];
}

/** "gan,wgan-gp" -> the named families, in the order given. */
export function parseFamilies(text: string): FamilyName[] {
  const names = [...new Set(text.split(',').map((s) => s.trim()))];
  const bad = names.find((n) => !isFamilyName(n));
  if (bad !== undefined) throw new UserError(`--families: unknown family '${bad}'`, `use a comma-separated subset of: ${Object.keys(FAMILIES).join(', ')}`);
  return names as FamilyName[];
}

/** "500" (every family) or "gan=1000,wgan-gp=300" (per family; unnamed families keep their default). */
export function parseSteps(text: string | undefined): Record<FamilyName, number> {
  const steps = Object.fromEntries(Object.entries(FAMILIES).map(([k, f]) => [k, f.defaultSteps])) as Record<FamilyName, number>;
  if (text === undefined) return steps;
  const fail = () => new UserError(`--steps: '${text}' is not a step count`, 'pass a positive integer (500) or per family (gan=1000,wgan-gp=300)');
  if (/^\d+$/.test(text.trim())) {
    const n = Number(text);
    if (n < 1) throw fail();
    return Object.fromEntries(Object.keys(steps).map((k) => [k, n])) as Record<FamilyName, number>;
  }
  for (const part of text.split(',')) {
    const [name, value] = part.split('=').map((s) => s.trim());
    if (!isFamilyName(name) || !/^\d+$/.test(value ?? '') || Number(value) < 1) throw fail();
    steps[name] = Number(value);
  }
  return steps;
}

/** The cell a run belongs to, e.g. `gan|plain|0.001` (the launcher's group). */
export const cellKey = (r: Pick<SweepRun, 'family' | 'recipe' | 'lr'>) => `${r.family}|${r.recipe}|${r.lr}`;

/** Every cell of the grid, families outermost and seeds innermost. */
export function expandGrid(o: GridOptions): SweepRun[] {
  return o.families.flatMap((family) =>
    RECIPES.flatMap((recipe) =>
      o.lrs.flatMap((lr) =>
        o.seeds.map((seed) => ({ family, recipe, lr, seed, steps: o.steps[family] })),
      ),
    ),
  );
}

/** The order to train in: seed by seed (stable otherwise), so a sweep cut short holds whole seeds, which `--seeds 1,2` then reuses. */
export const executionOrder = (runs: readonly SweepRun[]): SweepRun[] => [...runs].sort((a, b) => a.seed - b.seed);

/** The launcher's spec of one run: ring8, the grid lr for both players, the recipe's flags, one final evaluation. */
export function runSpec(r: SweepRun, backend: string): RunSpec {
  const f = FAMILIES[r.family];
  const n = String(r.steps);
  const flags = [
    ...['--dataset', 'ring8', '--backend', backend, '--steps', n],
    ...f.pinned(r.lr),
    ...f.flags[r.recipe],
    ...['--eval-every', n, '--sample-every', n, '--checkpoint-every', n, '--log-every', '20'],
  ];
  return { family: r.family, flags, seed: r.seed, group: cellKey(r) };
}
