/**
 * How sure is a working range, and did a stabiliser widen it? Five seeds per cell leave each cell's
 * convergence probability uncertain (5 of 5 is still consistent with 60%), so the report draws it:
 * every cell's probability from its Jeffreys posterior, Beta(k + 1/2, n - k + 1/2), cells
 * independent; per draw the recipe's working range (the widest run of adjacent cells whose
 * probability is >= 80%, in decades; 0 when none) and its **converging decades** (the integral of
 * the convergence probability over log10 of the step size, trapezoids between the grid's
 * multipliers; at most the grid's span). Intervals are the draws' 2.5% and 97.5% quantiles.
 *
 * A stabiliser is compared with the recipe it is added to: separate runs, so the two recipes' draws
 * are independent. The generator EMA is compared with the raw generator of the same runs, so a
 * cell's draw is joint: Dirichlet(counts + 1/2) over (both converge, only EMA, only raw, neither).
 * Verdict: widened or narrowed when the 95% interval of the converging-decades difference
 * excludes 0, else within noise.
 */
import { createRng, dirichletDraw, type Rng } from '@stablegen/random';
import { STUDY_BAR, widestRun } from './cells.js';

/** Draws, the seed of their generator, and the pseudo-count of each category (1/2: Jeffreys). */
export interface PosteriorOptions {
  draws: number;
  seed: number;
  prior: number;
}

export const POSTERIOR: PosteriorOptions = { draws: 4000, seed: 18, prior: 0.5 };

/** One judged run as the posterior needs it (`rawConverged`: the raw generator by the same bar). */
export interface JudgedOutcome {
  recipe: string;
  multiplier: number;
  converged: boolean;
  rawConverged?: boolean;
}

export interface Interval {
  median: number;
  lo: number;
  hi: number;
}

export interface RangePosterior {
  recipe: string;
  /** working range and converging decades: posterior median and 95% interval */
  range: Interval;
  area: Interval;
  /** converging decades of the observed shares */
  observedArea: number;
  /** the observed working range reaches the grid's first or last multiplier, so the true one may be wider */
  censored: boolean;
}

export interface RangeEffect {
  /** e.g. "spectral norm" */
  stabiliser: string;
  recipe: string;
  baseline: string;
  /** same runs judged two ways (EMA vs raw) rather than two recipes' runs */
  paired: boolean;
  /** observed working ranges and converging decades, with and without */
  observed: { range: number; baselineRange: number; area: number; baselineArea: number };
  rangeDiff: Interval;
  areaDiff: Interval;
  /** posterior probability that the converging decades grew */
  pWider: number;
  verdict: 'widened' | 'narrowed' | 'within noise';
}

/** One row of a recipe: its multipliers ascending, and per multiplier a probability. */
interface Row {
  multipliers: number[];
  p: number[];
}

/** Working range of a row in decades (0 when no cell reaches the bar, or only one). */
export function rangeOfRow(row: Row): number {
  const run = widestRun(row.p.map((p) => p >= STUDY_BAR.cellShare));
  return run ? Math.log10(row.multipliers[run[1]] / row.multipliers[run[0]]) : 0;
}

/** Converging decades: trapezoid integral of p over log10(multiplier). */
export function areaOfRow(row: Row): number {
  let area = 0;
  for (let i = 1; i < row.p.length; i++) area += ((row.p[i] + row.p[i - 1]) / 2) * Math.log10(row.multipliers[i] / row.multipliers[i - 1]);
  return area;
}

const quantile = (sorted: readonly number[], q: number) => {
  const at = q * (sorted.length - 1);
  const [i, f] = [Math.floor(at), at - Math.floor(at)];
  return i + 1 < sorted.length ? sorted[i] * (1 - f) + sorted[i + 1] * f : sorted[i];
};

function intervalOf(xs: readonly number[]): Interval {
  const s = [...xs].sort((a, b) => a - b);
  return { median: quantile(s, 0.5), lo: quantile(s, 0.025), hi: quantile(s, 0.975) };
}

/** Per multiplier (ascending) of a recipe: joint counts over the categories `categoryOf` names. */
function countsOf(runs: readonly JudgedOutcome[], recipe: string, categories: number, categoryOf: (r: JudgedOutcome) => number): { multipliers: number[]; counts: number[][] } {
  const mine = runs.filter((r) => r.recipe === recipe);
  const multipliers = [...new Set(mine.map((r) => r.multiplier))].sort((a, b) => a - b);
  const counts = multipliers.map((m) => {
    const c = new Array<number>(categories).fill(0);
    for (const r of mine) if (r.multiplier === m) c[categoryOf(r)] += 1;
    return c;
  });
  return { multipliers, counts };
}

/** `POSTERIOR.draws` draws of each cell's category probabilities (Dirichlet(counts + prior)). */
function drawCells(counts: readonly number[][], rng: Rng, draws: number, prior: number): number[][][] {
  return Array.from({ length: draws }, () => counts.map((c) => dirichletDraw(rng, c.map((k) => k + prior))));
}

const converged = (r: JudgedOutcome) => (r.converged ? 0 : 1);

/** Draws of one recipe's rows (probability of converging per cell). */
function recipeDraws(runs: readonly JudgedOutcome[], recipe: string, rng: Rng, options: PosteriorOptions): Row[] {
  const { multipliers, counts } = countsOf(runs, recipe, 2, converged);
  return drawCells(counts, rng, options.draws, options.prior).map((cells) => ({ multipliers, p: cells.map((d) => d[0]) }));
}

function observedRow(runs: readonly JudgedOutcome[], recipe: string, convergedOf: (r: JudgedOutcome) => boolean): Row {
  const { multipliers, counts } = countsOf(runs, recipe, 2, (r) => (convergedOf(r) ? 0 : 1));
  return { multipliers, p: counts.map(([yes, no]) => yes / (yes + no)) };
}

/** Posterior draws of a recipe's working range and converging decades. */
export function rangeDraws(runs: readonly JudgedOutcome[], recipe: string, options: PosteriorOptions = POSTERIOR): { range: number[]; area: number[] } {
  const rows = recipeDraws(runs, recipe, createRng(options.seed), options);
  return { range: rows.map(rangeOfRow), area: rows.map(areaOfRow) };
}

/** The posterior of a recipe's working range and converging decades. */
export function rangePosterior(runs: readonly JudgedOutcome[], recipe: string, options: PosteriorOptions = POSTERIOR): RangePosterior {
  const draws = rangeDraws(runs, recipe, options);
  const observed = observedRow(runs, recipe, (r) => r.converged);
  const run = widestRun(observed.p.map((p) => p >= STUDY_BAR.cellShare));
  return {
    recipe,
    range: intervalOf(draws.range),
    area: intervalOf(draws.area),
    observedArea: areaOfRow(observed),
    censored: run !== undefined && (run[0] === 0 || run[1] === observed.p.length - 1),
  };
}

function effectOf(stabiliser: string, recipe: string, baseline: string, paired: boolean, withRows: Row[], withoutRows: Row[], observed: RangeEffect['observed']): RangeEffect {
  const areaDiffs = withRows.map((r, i) => areaOfRow(r) - areaOfRow(withoutRows[i]));
  const areaDiff = intervalOf(areaDiffs);
  return {
    stabiliser,
    recipe,
    baseline,
    paired,
    observed,
    rangeDiff: intervalOf(withRows.map((r, i) => rangeOfRow(r) - rangeOfRow(withoutRows[i]))),
    areaDiff,
    pWider: areaDiffs.filter((d) => d > 0).length / areaDiffs.length,
    verdict: areaDiff.lo > 0 ? 'widened' : areaDiff.hi < 0 ? 'narrowed' : 'within noise',
  };
}

function observedOf(withRow: Row, withoutRow: Row): RangeEffect['observed'] {
  return { range: rangeOfRow(withRow), baselineRange: rangeOfRow(withoutRow), area: areaOfRow(withRow), baselineArea: areaOfRow(withoutRow) };
}

/** A stabiliser's recipe against the recipe it is added to: independent runs, independent draws. */
export function stabiliserEffect(runs: readonly JudgedOutcome[], stabiliser: string, recipe: string, baseline: string, options: PosteriorOptions = POSTERIOR): RangeEffect {
  const rng = createRng(options.seed);
  const [withRows, withoutRows] = [recipeDraws(runs, recipe, rng, options), recipeDraws(runs, baseline, rng, options)];
  const observed = observedOf(observedRow(runs, recipe, (r) => r.converged), observedRow(runs, baseline, (r) => r.converged));
  return effectOf(stabiliser, recipe, baseline, false, withRows, withoutRows, observed);
}

/** The EMA generator against the raw generator of the same runs (each run judged both ways): joint draws per cell. */
export function emaEffect(runs: readonly JudgedOutcome[], recipe: string, options: PosteriorOptions = POSTERIOR): RangeEffect {
  const judged = runs.filter((r) => r.recipe === recipe && r.rawConverged !== undefined);
  // categories: 0 both, 1 only the EMA generator, 2 only the raw one, 3 neither
  const { multipliers, counts } = countsOf(judged, recipe, 4, (r) => (r.converged ? (r.rawConverged ? 0 : 1) : r.rawConverged ? 2 : 3));
  const draws = drawCells(counts, createRng(options.seed), options.draws, options.prior);
  const withRows = draws.map((cells) => ({ multipliers, p: cells.map((d) => d[0] + d[1]) }));
  const withoutRows = draws.map((cells) => ({ multipliers, p: cells.map((d) => d[0] + d[2]) }));
  const observed = observedOf(observedRow(judged, recipe, (r) => r.converged), observedRow(judged, recipe, (r) => r.rawConverged === true));
  return effectOf('generator EMA (decay 0.999)', `${recipe}, EMA generator`, `${recipe}, raw generator`, true, withRows, withoutRows, observed);
}
