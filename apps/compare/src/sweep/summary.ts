/**
 * The sweep's results per cell (family x recipe x learning rate, over seeds): fraction converged,
 * mean final scores, and why the others did not; rendered as the Markdown table of the report.
 */
import { CONVERGENCE } from './convergence.js';
import { FAMILIES, type FamilyName, type RecipeName } from './families.js';
import type { RunResult } from './judged.js';

export interface Cell {
  family: FamilyName;
  recipe: RecipeName;
  lr: number;
  runs: number;
  converged: number;
  /** converged / runs. */
  fraction: number;
  /** Means over the runs that logged a final evaluation (NaN when none did). */
  meanModes: number;
  meanHqShare: number;
  meanReverseKl: number;
  /** Distinct reasons for the runs that did not converge, with counts. */
  failures: Record<string, number>;
}

type Judged = Pick<RunResult, 'family' | 'recipe' | 'lr' | 'converged' | 'reason' | 'final'>;

const mean = (xs: number[]) => (xs.length === 0 ? NaN : xs.reduce((s, x) => s + x, 0) / xs.length);

/** Failure reasons grouped into kinds: "training diverged at step 40: loss/d is NaN" and "... step 80 ..." count as one. */
export function reasonKind(reason: string): string {
  if (/ modes < /.test(reason)) return `fewer than ${CONVERGENCE.minModes} modes`;
  if (/^reverse KL /.test(reason)) return `reverse KL > ${CONVERGENCE.maxReverseKl}`;
  if (/diverged|not finite/.test(reason)) return 'losses not finite (diverged)';
  return reason;
}

/** One cell per (family, recipe, lr) in the order first seen. */
export function summarise(results: readonly Judged[]): Cell[] {
  const cells = new Map<string, Judged[]>();
  for (const r of results) {
    const key = `${r.family}|${r.recipe}|${r.lr}`;
    cells.set(key, [...(cells.get(key) ?? []), r]);
  }
  return [...cells.values()].map((rs) => {
    const finals = rs.flatMap((r) => (r.final ? [r.final] : []));
    const failures: Record<string, number> = {};
    rs.filter((r) => !r.converged).forEach((r) => (failures[reasonKind(r.reason)] = (failures[reasonKind(r.reason)] ?? 0) + 1));
    const converged = rs.filter((r) => r.converged).length;
    return {
      family: rs[0].family,
      recipe: rs[0].recipe,
      lr: rs[0].lr,
      runs: rs.length,
      converged,
      fraction: converged / rs.length,
      meanModes: mean(finals.map((f) => f.modes)),
      meanHqShare: mean(finals.map((f) => f.hq_share)),
      meanReverseKl: mean(finals.map((f) => f.reverse_kl)),
      failures,
    };
  });
}

/** Row label of a family's recipe, e.g. "wgan-gp stabilised". */
export const rowLabel = (c: Pick<Cell, 'family' | 'recipe'>) => `${c.family} ${c.recipe}`;

const fmt = (x: number, digits: number) => (Number.isFinite(x) ? x.toFixed(digits) : '—');

/** A Markdown table: one row per family/recipe, one column per learning rate, `cell(c)` in each. */
export function cellTable(cells: readonly Cell[], cell: (c: Cell) => string): string {
  const lrs = [...new Set(cells.map((c) => c.lr))].sort((a, b) => a - b);
  const rows = [...new Set(cells.map(rowLabel))];
  const at = (row: string, lr: number) => cells.find((c) => rowLabel(c) === row && c.lr === lr);
  return [
    `| recipe | ${lrs.map((lr) => `lr ${lr}`).join(' | ')} |`,
    `| --- | ${lrs.map(() => '---:').join(' | ')} |`,
    ...rows.map((row) => `| ${row} | ${lrs.map((lr) => { const c = at(row, lr); return c ? cell(c) : ''; }).join(' | ')} |`),
  ].join('\n');
}

export interface SweepMeta {
  command: string;
  steps: Readonly<Record<string, number>>;
  seeds: readonly number[];
  /** `uptime` load averages (1, 5, 15 min) at the start and the end. */
  loadStart: readonly number[];
  loadEnd: readonly number[];
  wallMinutes: number;
  /** Runs taken from an earlier invocation with the same flags (not trained by this one). */
  reused: number;
  /** Wall time of every run's own training process, summed (reused runs included), in minutes. */
  runMinutes: number;
  jobs: number;
  heatmap: string;
}

/** The report: what was run, the rule, the fraction table, the mean scores and the failure reasons. */
export function sweepMarkdown(cells: readonly Cell[], meta: SweepMeta): string {
  const families = [...new Set(cells.map((c) => c.family))];
  const recipeLines = families.flatMap((f) => (['plain', 'stabilised'] as const).map((r) => `- **${f} ${r}** (${meta.steps[f]} steps): ${FAMILIES[f].describe[r]}`));
  const failures = cells.flatMap((c) => Object.entries(c.failures).map(([why, n]) => `- ${rowLabel(c)}, lr ${c.lr}: ${n} × ${why}`));
  return [
    '# Stability sweep: ring of 8 Gaussians',
    '',
    `\`${meta.command}\` — ${meta.seeds.length} seeds (${meta.seeds.join(', ')}) per cell, ${meta.jobs} runs at a time, ${meta.wallMinutes.toFixed(1)} min wall; load average ${meta.loadStart.join(', ')} at the start, ${meta.loadEnd.join(', ')} at the end (2 cores, shared). ${meta.reused > 0 ? `${meta.reused} of the runs were reused from an earlier invocation with the same flags. ` : ''}The runs' own wall times sum to ${meta.runMinutes.toFixed(1)} min (per run in the JSON).`,
    '',
    `![fraction of runs that converge](${meta.heatmap})`,
    '',
    'Each run starts from its app\'s ring8 preset (MLP 3 × 64, latent 2, batch 256); both players use the grid learning rate, constant (no decay).',
    '',
    ...recipeLines,
    '',
    `**Converged** = the run finished with finite losses and, at its final PacGAN evaluation (2,500 samples of a fixed latent batch), covers ≥ ${CONVERGENCE.minModes} of 8 modes (a mode counts when a sample lies within 3 std of it) with reverse KL ≤ ${CONVERGENCE.maxReverseKl} (near-uniform mass over the modes). hq_share is reported, not thresholded.`,
    '',
    '## Fraction of seeds that converge',
    '',
    cellTable(cells, (c) => `${c.converged}/${c.runs}`),
    '',
    '## Mean final scores (modes / hq_share / reverse KL)',
    '',
    cellTable(cells, (c) => `${fmt(c.meanModes, 1)} / ${fmt(c.meanHqShare, 3)} / ${fmt(c.meanReverseKl, 3)}`),
    '',
    '## Runs that did not converge',
    '',
    ...(failures.length > 0 ? failures : ['- none']),
    '',
  ].join('\n');
}
