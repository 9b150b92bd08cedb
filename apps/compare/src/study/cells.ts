/**
 * The study's verdicts and cells: a run converged when it finished with finite losses and the
 * final evaluation of its EMA generator (`ema/<key>`; every study run averages, STUDY_PROTOCOL)
 * covers every mode (digit class on MNIST) with at least 80% of its samples high quality (HQ on
 * the mixtures, confident on MNIST, datasets.ts); the raw generator's quality is kept beside it.
 * Per cell (recipe x multiplier) the converged fraction with Wilson's 95% interval, mean quality
 * and distance (reverse KL / FD-MNIST); per recipe the working range, the widest run of adjacent
 * multipliers where at least 80% of seeds converge, in decades.
 */
import { type RunRecord, wilson95 } from '@stablegen/launcher';
import type { StudyDataset } from './datasets.js';
import type { StudyRun } from './grid.js';

export const STUDY_BAR = { quality: 0.8, cellShare: 0.8 } as const;

export interface StudyVerdict {
  converged: boolean;
  /** why not ('' when converged) */
  reason: string;
  /** modes (or digit classes) covered, quality share (HQ / confident) and distance (reverse KL / FD-MNIST) of the EMA generator */
  covered?: number;
  quality?: number;
  distance?: number;
  /** the raw (not averaged) generator's quality share */
  rawQuality?: number;
}

/** Judges the EMA generator (what the study scores), or with `generator` 'raw' the raw one by the same bar. */
export function judgeStudyRun(record: Pick<RunRecord, 'status' | 'error' | 'final'>, data: Pick<StudyDataset, 'keys' | 'coverAll' | 'words'>, generator: 'ema' | 'raw' = 'ema'): StudyVerdict {
  const f = record.final ?? {};
  const k = data.keys;
  const at = generator === 'ema' ? 'ema/' : '';
  const scores = { covered: f[`${at}${k.covered}`], quality: f[`${at}${k.quality}`], distance: f[`${at}${k.distance}`], rawQuality: f[k.quality] };
  if (record.status !== 'done') return { converged: false, reason: (record.error ?? record.status).replace(/ — .*$/, ''), ...scores };
  const bad = ['loss/d', 'loss/g'].find((key) => key in f && !Number.isFinite(f[key]));
  if (bad) return { converged: false, reason: `${bad} not finite`, ...scores };
  if (!(scores.covered >= data.coverAll)) return { converged: false, reason: `${scores.covered ?? 'no'} of ${data.coverAll} ${data.words.covered}`, ...scores };
  if (!(scores.quality >= STUDY_BAR.quality)) return { converged: false, reason: `${data.words.quality} ${(100 * scores.quality).toFixed(1)}% < ${100 * STUDY_BAR.quality}%`, ...scores };
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
  /** means over the cell's runs: quality share and distance of the EMA generators, quality of the raw ones */
  meanQuality: number;
  meanDistance: number;
  meanRawQuality: number;
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
      cells.push({ recipe, multiplier: m, lrD: rs[0].lrD, lrG: rs[0].lrG, runs: rs.length, converged, lo, hi, meanQuality: mean(rs.map((r) => r.quality ?? Number.NaN)), meanDistance: mean(rs.map((r) => r.distance ?? Number.NaN)), meanRawQuality: mean(rs.map((r) => r.rawQuality ?? Number.NaN)) });
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

/** Indices [first, last] of the widest run of adjacent `true`s (the first of equal length), undefined when none. */
export function widestRun(ok: readonly boolean[]): [number, number] | undefined {
  let best: [number, number] | undefined;
  let start = -1;
  for (let i = 0; i < ok.length; i++) {
    if (!ok[i]) {
      start = -1;
      continue;
    }
    if (start < 0) start = i;
    if (!best || i - start > best[1] - best[0]) best = [start, i];
  }
  return best;
}

/** The widest run of adjacent multipliers whose cells have >= 80% converged (the first of equal width). */
export function workingRange(cells: readonly StudyCell[], recipe: string): WorkingRange {
  const row = cells.filter((c) => c.recipe === recipe).sort((a, b) => a.multiplier - b.multiplier);
  const run = widestRun(row.map((c) => c.runs > 0 && c.converged >= STUDY_BAR.cellShare * c.runs));
  if (!run) return { recipe, decades: 0, cells: 0 };
  const [from, to] = [row[run[0]].multiplier, row[run[1]].multiplier];
  return { recipe, from, to, decades: Math.log10(to / from), cells: run[1] - run[0] + 1 };
}
