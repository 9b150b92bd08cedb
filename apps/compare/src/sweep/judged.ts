/** A sweep run's launcher record, judged: converged or not, and why (convergence.ts). */
import type { RunRecord } from '@stablegen/launcher';
import { judgeRun, type Verdict } from './convergence.js';
import { FAMILIES, type FamilyName, type RecipeName } from './families.js';
import type { SweepRun } from './grid.js';

export interface RunResult extends SweepRun, Verdict {
  id: string;
  wallSeconds: number;
  trainSeconds: number;
  reused: boolean;
}

/** The run's verdict from its final metrics (or its one-line failure). */
export function judged(run: SweepRun, record: RunRecord): RunResult {
  const failure = record.status === 'done' ? undefined : (record.error ?? record.status).replace(/ — .*$/, '');
  const verdict = judgeRun([{ step: 0, ...record.final }], FAMILIES[run.family as FamilyName].finiteKeys, failure);
  return { ...run, recipe: run.recipe as RecipeName, ...verdict, id: record.id, wallSeconds: record.wallSeconds, trainSeconds: record.trainSeconds, reused: record.reused === true };
}
