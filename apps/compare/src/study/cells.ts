/**
 * The study's verdicts and cells: a run converged when it finished with finite losses and the
 * final PacGAN evaluation of its EMA generator (`ema/modes`, `ema/hq_share`, `ema/reverse_kl`;
 * every study run averages, STUDY_PROTOCOL) covers every mode with at least 80% of samples
 * high-quality; the raw generator's HQ is kept beside it. Per cell
 * (recipe x multiplier) the converged fraction with Wilson's 95% interval, mean HQ and reverse KL;
 * per recipe the working range, the widest run of adjacent multipliers where at least 80% of seeds
 * converge, in decades.
 */
import { type RunRecord, wilson95 } from '@stablegen/launcher';
import type { StudyRun } from './grid.js';

export const STUDY_BAR = { hqShare: 0.8, cellShare: 0.8 } as const;

export interface StudyVerdict {
  converged: boolean;
  /** why not ('' when converged) */
  reason: string;
  modes?: number;
  hqShare?: number;
  reverseKl?: number;
  /** the raw (not averaged) generator's HQ share */
  rawHqShare?: number;
}

/** @param modeCount the dataset's modes (8 for ring8, 25 for grid25) */
export function judgeStudyRun(record: Pick<RunRecord, 'status' | 'error' | 'final'>, modeCount: number): StudyVerdict {
  const f = record.final ?? {};
  const scores = { modes: f['ema/modes'], hqShare: f['ema/hq_share'], reverseKl: f['ema/reverse_kl'], rawHqShare: f.hq_share };
  if (record.status !== 'done') return { converged: false, reason: (record.error ?? record.status).replace(/ — .*$/, ''), ...scores };
  const bad = ['loss/d', 'loss/g'].find((k) => k in f && !Number.isFinite(f[k]));
  if (bad) return { converged: false, reason: `${bad} not finite`, ...scores };
  if (!(scores.modes >= modeCount)) return { converged: false, reason: `${scores.modes ?? 'no'} of ${modeCount} modes`, ...scores };
  if (!(scores.hqShare >= STUDY_BAR.hqShare)) return { converged: false, reason: `HQ ${(100 * scores.hqShare).toFixed(1)}% < ${100 * STUDY_BAR.hqShare}%`, ...scores };
  return { converged: true, reason: '', ...scores };
}

export interface StudyCell {
  recipe: string;
  multiplier: number;
  lrD: number;
  lrG: number;
  runs: number;
  converged: number;
  /** Wilson's 95% interval of converged / runs */
  lo: number;
  hi: number;
  meanHq: number;
  meanReverseKl: number;
  /** mean HQ of the raw generators */
  meanRawHq: number;
}

const mean = (xs: number[]) => { const f = xs.filter(Number.isFinite); return f.length ? f.reduce((s, x) => s + x, 0) / f.length : Number.NaN; };

/** One cell per (recipe, multiplier) that has runs, recipes in the order given, multipliers ascending. */
export function studyCells(runs: ReadonlyArray<StudyRun & StudyVerdict>, recipeOrder: readonly string[]): StudyCell[] {
  const cells: StudyCell[] = [];
  for (const recipe of recipeOrder) {
    const mults = [...new Set(runs.filter((r) => r.recipe === recipe).map((r) => r.multiplier))].sort((a, b) => a - b);
    for (const m of mults) {
      const rs = runs.filter((r) => r.recipe === recipe && r.multiplier === m);
      const converged = rs.filter((r) => r.converged).length;
      const [lo, hi] = wilson95(converged, rs.length);
      cells.push({ recipe, multiplier: m, lrD: rs[0].lrD, lrG: rs[0].lrG, runs: rs.length, converged, lo, hi, meanHq: mean(rs.map((r) => r.hqShare ?? Number.NaN)), meanReverseKl: mean(rs.map((r) => r.reverseKl ?? Number.NaN)), meanRawHq: mean(rs.map((r) => r.rawHqShare ?? Number.NaN)) });
    }
  }
  return cells;
}

export interface WorkingRange {
  recipe: string;
  /** lowest and highest multiplier of the widest qualifying run (undefined when no cell qualifies) */
  from?: number;
  to?: number;
  /** log10(to / from): 0 for one qualifying cell */
  decades: number;
  /** qualifying cells in that run */
  cells: number;
}

/** The widest run of adjacent multipliers whose cells have >= 80% converged (the first of equal width). */
export function workingRange(cells: readonly StudyCell[], recipe: string): WorkingRange {
  const row = cells.filter((c) => c.recipe === recipe).sort((a, b) => a.multiplier - b.multiplier);
  let best: StudyCell[] = [];
  let run: StudyCell[] = [];
  for (const c of row) {
    run = c.converged >= STUDY_BAR.cellShare * c.runs && c.runs > 0 ? [...run, c] : [];
    if (run.length > best.length) best = run;
  }
  if (best.length === 0) return { recipe, decades: 0, cells: 0 };
  const [from, to] = [best[0].multiplier, best[best.length - 1].multiplier];
  return { recipe, from, to, decades: Math.log10(to / from), cells: best.length };
}
