/**
 * Does the stability monitor warn in time? For each early figure (the min or max of a `stab/*`
 * metric over the first 10% of a run, RunRecord.early), the AUC of telling the runs that later
 * diverge or collapse (failed, non-finite, or fewer modes / digit classes than the data has) from those that
 * converge: AUC = P(figure of a bad run > figure of a good run), ties counting one half
 * (Mann-Whitney). 0.5 = no signal; below 0.5 the figure is lower on the bad runs. Interval:
 * Hanley & McNeil 1982's standard error, +-1.96 SE clipped to [0, 1]. Runs that cover every mode
 * but stay below the quality bar are neither and are left out.
 */
import type { RunRecord } from '@stablegen/launcher';
import type { StudyVerdict } from './cells.js';

export type Outcome = 'converged' | 'diverged or collapsed' | 'neither';

/** How a judged run ended, for the early-warning score. */
export function outcomeOf(v: StudyVerdict, coverAll: number): Outcome {
  if (v.converged) return 'converged';
  if (/not finite|diverged|exit|crash/.test(v.reason) || v.covered === undefined || v.covered < coverAll) return 'diverged or collapsed';
  return 'neither';
}

export interface Auc {
  auc: number;
  lo: number;
  hi: number;
  bad: number;
  good: number;
}

/** AUC of `bad` scoring higher than `good`, with Hanley-McNeil's 95% interval (NaN without both classes). */
export function aucOf(bad: readonly number[], good: readonly number[]): Auc {
  const [n1, n2] = [bad.length, good.length];
  if (n1 === 0 || n2 === 0) return { auc: Number.NaN, lo: Number.NaN, hi: Number.NaN, bad: n1, good: n2 };
  let wins = 0;
  for (const b of bad) for (const g of good) wins += b > g ? 1 : b === g ? 0.5 : 0;
  const a = wins / (n1 * n2);
  const [q1, q2] = [a / (2 - a), (2 * a * a) / (1 + a)];
  const se = Math.sqrt((a * (1 - a) + (n1 - 1) * (q1 - a * a) + (n2 - 1) * (q2 - a * a)) / (n1 * n2));
  return { auc: a, lo: Math.max(0, a - 1.96 * se), hi: Math.min(1, a + 1.96 * se), bad: n1, good: n2 };
}

export interface EarlyFigureAuc extends Auc {
  /** e.g. "max stab/critic/sharpness_ratio" */
  figure: string;
}

/** One AUC per early whole-model figure (stab/<model>/<figure>; per-layer norms left out) on runs of both outcomes, strongest signal (|AUC - 0.5|) first. */
export function earlyWarningAucs(runs: ReadonlyArray<{ outcome: Outcome; early?: RunRecord['early'] }>): EarlyFigureAuc[] {
  const keys = [...new Set(runs.flatMap((r) => Object.keys(r.early ?? {})))].filter((k) => /^stab\/[^/]+\/[^/]+$/.test(k)).sort();
  const out: EarlyFigureAuc[] = [];
  for (const key of keys) {
    for (const side of ['max', 'min'] as const) {
      const values = (o: Outcome) => runs.filter((r) => r.outcome === o && r.early?.[key] !== undefined).map((r) => r.early![key][side]);
      const auc = aucOf(values('diverged or collapsed'), values('converged'));
      if (Number.isFinite(auc.auc)) out.push({ figure: `${side} ${key}`, ...auc });
    }
  }
  return out.sort((a, b) => Math.abs(b.auc - 0.5) - Math.abs(a.auc - 0.5));
}
