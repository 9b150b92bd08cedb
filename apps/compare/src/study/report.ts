/**
 * The study's report: the converged fraction per recipe and multiplier with Wilson's 95% interval,
 * mean quality and distance, the working range per recipe in decades, a heatmap with the intervals in
 * its cells, and a working-range bar per recipe.
 */
import { renderVegaLite } from '@stablegen/report';
import { heatmapSpecOf } from '../sweep/heatmap.js';
import { STUDY_BAR, type StudyCell, type WorkingRange } from './cells.js';
import type { StudyDataset, StudyDatasetName } from './datasets.js';
import type { EarlyFigureAuc } from './early-warning.js';
import type { StudyEffects } from './effects.js';
import { type Interval, POSTERIOR, type RangeEffect, type RangePosterior } from './range-posterior.js';
import { STUDY_PROTOCOL, type StudyRecipe } from './recipes.js';
import type { UnchangedRuns } from './unchanged-runs.js';

const pct = (x: number) => (Number.isFinite(x) ? `${(100 * x).toFixed(0)}` : '—');
const cellText = (c: StudyCell) => `${c.converged}/${c.runs} [${pct(c.lo)}, ${pct(c.hi)}]`;

function table(cells: readonly StudyCell[], value: (c: StudyCell) => string): string {
  const mults = [...new Set(cells.map((c) => c.multiplier))].sort((a, b) => a - b);
  const recipes = [...new Set(cells.map((c) => c.recipe))];
  return [
    `| recipe | ${mults.map((m) => `x${m}`).join(' | ')} |`,
    `| --- | ${mults.map(() => '---:').join(' | ')} |`,
    ...recipes.map((r) => `| ${r} | ${mults.map((m) => { const c = cells.find((x) => x.recipe === r && x.multiplier === m); return c ? value(c) : ''; }).join(' | ')} |`),
  ].join('\n');
}

export interface StudyMeta {
  command: string;
  dataset: StudyDatasetName;
  steps: number;
  seeds: readonly number[];
  multipliers: readonly number[];
  planned: number;
  finished: number;
  wallMinutes: number;
  runMinutes: number;
  loadStart: readonly number[];
  loadEnd: readonly number[];
  jobs: number;
  figures: { heatmap: string; ranges: string };
  /** written by --report-only: no training in this call */
  reportOnly?: boolean;
}

function warningLines(aucs: readonly EarlyFigureAuc[]): string[] {
  if (aucs.length === 0) return ['Not scored yet: it needs finished runs of both outcomes with monitor figures in their first 10%.'];
  return [
    'From the stability monitor (`--monitor-every` 2.5% of the steps: readings at steps 1, 2.5%, 5%, 7.5% and 10%), each figure\'s min or max over the first 10% of a run, scored by how well it tells the runs that later **diverge or collapse** (failed, non-finite, or fewer modes / digit classes than the data has) from those that **converge**: AUC = P(the figure is higher on a bad run than on a good one), 0.5 = no signal, below 0.5 = lower on bad runs; 95% interval by Hanley & McNeil (1982). Runs with every mode but quality below the bar are left out, and a run that ended exactly as its baseline\'s (same seed and step size, see above) counts once.',
    '',
    '| early figure | AUC [95%] | bad runs | good runs |',
    '| --- | ---: | ---: | ---: |',
    ...aucs.map((a) => `| ${a.figure} | ${a.auc.toFixed(2)} [${a.lo.toFixed(2)}, ${a.hi.toFixed(2)}] | ${a.bad} | ${a.good} |`),
  ];
}

const dec = (x: number) => x.toFixed(2);
const interval = (i: Interval) => `${dec(i.median)} [${dec(i.lo)}, ${dec(i.hi)}]`;
const signed = (i: Interval) => `${i.median >= 0 ? '+' : ''}${dec(i.median)} [${dec(i.lo)}, ${dec(i.hi)}]`;

function rangeLines(ranges: readonly WorkingRange[], posteriors: readonly RangePosterior[]): string[] {
  const row = (w: WorkingRange) => {
    const p = posteriors.find((x) => x.recipe === w.recipe);
    const observed = w.cells ? `${p?.censored ? '>= ' : ''}${dec(w.decades)}` : 'none';
    const post = p ? `${interval(p.range)} | ${dec(p.observedArea)} | ${interval(p.area)}` : '— | — | —';
    return `| ${w.recipe} | ${observed} | ${w.cells ? `x${w.from} .. x${w.to}` : '—'} | ${w.cells} | ${post} |`;
  };
  return [
    '| recipe | working range (decades) | multipliers | cells | posterior median [95%] | converging decades | posterior median [95%] |',
    '| --- | ---: | --- | ---: | ---: | ---: | ---: |',
    ...ranges.map(row),
    '',
    `Posterior: each cell's convergence probability drawn from its Jeffreys posterior Beta(k + 1/2, n - k + 1/2), ${POSTERIOR.draws} draws (seed ${POSTERIOR.seed}); per draw the working range of the drawn probabilities and the **converging decades**, the integral of the convergence probability over log10 of the step size (trapezoids between the grid's multipliers; at most the grid's span): a smoother measure of the same width that also credits cells below the 80% bar. ">=": the observed range reaches the grid's edge, so the true one may be wider. With 5 seeds a 5/5 cell is still consistent with a 60% convergence probability, hence the wide range intervals.`,
  ];
}

/** One line per stabiliser that left some of its runs exactly as the baseline's (unchanged-runs.ts). */
function unchangedLines(unchanged: readonly UnchangedRuns[]): string[] {
  const line = (u: UnchangedRuns) => {
    const head = `${u.stabiliser}: ${u.identical} of ${u.pairs} runs of ${u.recipe} ended with exactly the final metrics of the ${u.baseline} run of the same seed and step size`;
    return u.identical === u.pairs
      ? `${head}: it never changed training, and its difference in the table is only the posterior's noise over the same outcomes drawn twice.`
      : `${head}, so in those runs it never changed training; any difference in the table comes from the other ${u.pairs - u.identical}.`;
  };
  const idle = unchanged.filter((u) => u.identical > 0);
  return idle.length > 0 ? ['', ...idle.map(line)] : [];
}

function effectLines(effects: readonly RangeEffect[], unchanged: readonly UnchangedRuns[] = []): string[] {
  if (effects.length === 0) return ['Not scored yet: a comparison needs both of its recipes at every step size.'];
  return [
    'Each stabiliser against the recipe it is added to (separate runs, independent draws), and the generator EMA against the raw generator of the same runs (paired draws: Dirichlet over both / only EMA / only raw / neither per cell). Differences are "with - without"; **widened** / **narrowed** when the 95% interval of the converging-decades difference excludes 0, else within noise.',
    '',
    '| stabiliser | with | without | working range with / without (decades) | difference, posterior [95%] | converging decades with / without | difference, posterior [95%] | P(wider) | verdict |',
    '| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | --- |',
    ...effects.map((e) => `| ${e.stabiliser} | ${e.recipe} | ${e.baseline} | ${dec(e.observed.range)} / ${dec(e.observed.baselineRange)} | ${signed(e.rangeDiff)} | ${dec(e.observed.area)} / ${dec(e.observed.baselineArea)} | ${signed(e.areaDiff)} | ${e.pWider.toFixed(2)} | ${e.verdict} |`),
    ...unchangedLines(unchanged),
  ];
}

/** The study's markdown; `recipes` carry their rates at x1. */
export function studyMarkdown(cells: readonly StudyCell[], ranges: readonly WorkingRange[], recipes: ReadonlyArray<StudyRecipe & { lrD: number; lrG: number }>, data: Pick<StudyDataset, 'words' | 'coverAll'>, meta: StudyMeta, aucs: readonly EarlyFigureAuc[] = [], effects: StudyEffects = { posteriors: [], effects: [] }): string {
  const complete = meta.finished === meta.planned;
  const w = data.words;
  return [
    `# Stability study: ${meta.dataset}, ${recipes.length} recipes x ${meta.multipliers.length} step sizes x ${meta.seeds.length} seeds`,
    '',
    `\`${meta.command}\`: ${meta.finished} of ${meta.planned} runs finished${complete ? '' : ' (the study is not complete: run the same command again to train the rest; finished runs are kept)'}; ${meta.reportOnly ? 'report written from the finished runs (`--report-only`, no training in that call, so no wall time or load of the sittings that trained them)' : `${meta.jobs} at a time, ${meta.wallMinutes.toFixed(1)} min wall this sitting`}, the runs' own wall times sum to ${meta.runMinutes.toFixed(1)} min${meta.reportOnly ? '' : `; load average ${meta.loadStart.join(', ')} at the start, ${meta.loadEnd.join(', ')} at the end (2 cores)`}.`,
    '',
    `Every run: the family's ${meta.dataset} config (its preset, or the app's defaults on MNIST), ${meta.steps} steps, the shared protocol (\`${STUDY_PROTOCOL.join(' ')}\`: both players' peak rates = the recipe's rates x the column's multiplier, decaying linearly to 0; a generator weight EMA), then the recipe's flags; one evaluation at the end (a fixed latent batch) of the EMA generator, which is what is judged (the raw generator's ${w.quality} share is in the last table). **Converged** = finished with finite losses, all ${data.coverAll} ${w.covered} covered and at least ${100 * STUDY_BAR.quality}% of samples ${w.quality === 'HQ' ? 'high-quality (within 3 std of a mode, PacGAN)' : 'confident (p >= 0.9 from the shipped classifier)'}. **Working range** = the widest run of adjacent multipliers where at least ${100 * STUDY_BAR.cellShare}% of seeds converge, in decades (log10 of its highest over its lowest multiplier; 0 = one column).`,
    '',
    ...recipes.map((r) => `- **${r.name}** (${r.family}, lrD ${r.lrD}, lrG ${r.lrG} at x1): ${r.describe}`),
    '',
    `![converged fraction per cell](${meta.figures.heatmap})`,
    '',
    `![working range per recipe](${meta.figures.ranges})`,
    '',
    '## Converged seeds per cell, with Wilson 95% interval (%)',
    '',
    table(cells, cellText),
    '',
    '## Working range',
    '',
    ...rangeLines(ranges, effects.posteriors),
    '',
    '## What each stabiliser does to the working range',
    '',
    ...effectLines(effects.effects, effects.unchanged),
    '',
    `## Mean final ${w.quality} share / ${w.distance} of the EMA generator, and ${w.quality} share of the raw one`,
    '',
    table(cells, (c) => [c.meanQuality, c.meanDistance, c.meanRawQuality].map((x) => (Number.isFinite(x) ? x.toFixed(3) : '—')).join(' / ')),
    '',
    '## Does the monitor warn in time?',
    '',
    ...warningLines(aucs),
    '',
  ].join('\n');
}

/** Heatmap: colour = converged fraction, label "k/n" over the Wilson interval. */
export function studyHeatmapSvg(cells: readonly StudyCell[], title: string): Promise<string> {
  const values = cells.map((c) => ({ row: c.recipe, lr: `x${c.multiplier}`, lrValue: c.multiplier, fraction: c.converged / c.runs, label: `${c.converged}/${c.runs}\n[${pct(c.lo)}-${pct(c.hi)}%]` }));
  return renderVegaLite(heatmapSpecOf(values, title, "step size: the recipe's rates x"));
}

/** One bar per recipe over its working range on a log10 multiplier axis (a dot for one column, nothing when none). */
export function rangesSvg(ranges: readonly WorkingRange[], title: string): Promise<string> {
  const values = ranges.map((w) => ({ recipe: w.recipe, from: w.from === undefined ? null : Math.log10(w.from), to: w.to === undefined ? null : Math.log10(w.to), labelAt: w.to === undefined ? -1.45 : Math.log10(w.to), decades: w.cells ? `${w.decades.toFixed(2)} decades` : 'none reaches 80%' }));
  const y = { field: 'recipe', type: 'nominal', title: null, sort: ranges.map((w) => w.recipe), axis: { labelLimit: 320 } };
  const spec = {
    background: 'white',
    title,
    data: { values },
    width: 420,
    height: 30 * ranges.length,
    layer: [
      { mark: { type: 'rule', strokeWidth: 10, strokeCap: 'round', color: '#3b6ea5' }, encoding: { y, x: { field: 'from', type: 'quantitative', title: 'log10 multiplier of the recipe rates', scale: { domain: [-1.5, 1.5] } }, x2: { field: 'to' } } },
      { mark: { type: 'text', align: 'left', dx: 10 }, encoding: { y, x: { field: 'labelAt', type: 'quantitative' }, text: { field: 'decades' } } },
    ],
  };
  return renderVegaLite(spec as unknown as Parameters<typeof renderVegaLite>[0]);
}
