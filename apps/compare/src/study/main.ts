/**
 * `npx nx run compare:study [--dataset ring8|grid25|mnist] [--recipes ..] [--seeds N] [--multipliers N]
 * [--decades D] [--steps N] [--jobs 2] [--queue redis://..] [--report-only]`: the stability study of
 * issue 18, one block per dataset (datasets.ts gives each its defaults). Trains every recipe
 * (recipes.ts) over step-size multipliers x seeds through the launcher, judges each run
 * (cells.ts), and writes <out>.md, .json, the heatmap <out>-heatmap.png / .svg and the working
 * ranges <out>-ranges.png / .svg. Finished runs are kept in benchmarks/results/<out name>.jsonl, so
 * the study completes over several sittings: run the same command again.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { finishedRecords, launch, launcherFlags, type RunRecord } from '@stablegen/launcher';
import { svgToPng } from '@stablegen/report';
import { writeFileAtomic } from '@stablegen/run-files';
import { parseCommand, runMain, UserError } from '@stablegen/trainer';
import { LAUNCH_FAMILIES } from '../launch-families.js';
import { parseSeeds } from '../sweep/grid.js';
import { judgeStudyRun, studyCells, workingRange } from './cells.js';
import { earlyWarningAucs, outcomeOf } from './early-warning.js';
import { STUDY_DATASETS } from './datasets.js';
import { expandStudy, multipliers, studySpec } from './grid.js';
import { studyEffects } from './effects.js';
import { recipeNamed, STUDY_RECIPES } from './recipes.js';
import { rangesSvg, studyHeatmapSvg, studyMarkdown } from './report.js';
import { isDuplicate, unchangedRuns } from './unchanged-runs.js';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const load = () => os.loadavg().map((x) => Number(x.toFixed(2)));

const studySchema = z.object({
  dataset: z.enum(['ring8', 'grid25', 'mnist']).default('ring8').describe("the block: the 2-D mixtures (each family's preset of them) or MNIST (gan's defaults); it sets the defaults of the next five flags"),
  recipes: z.string().optional().describe('recipes, comma-separated (names in apps/compare/src/study/recipes.ts; default: the block\'s, ring8: all 7, grid25: 4, mnist: the 3 gan recipes)'),
  seeds: z.string().optional().describe('seed count (5 = seeds 1..5) or a list (6,7); default 5, mnist 3'),
  multipliers: z.number().int().min(1).optional().describe("step sizes per recipe: multipliers of the recipe's rates, log-spaced around 1; default 7 on ring8, else 5"),
  decades: z.number().positive().optional().describe('span of the multipliers in decades; default 2.5 on ring8 (x0.0562 .. x17.8), else 2 (x0.1 .. x10)'),
  steps: z.number().int().positive().optional().describe('training steps of every run; default the full budget: ring8 8000 (the wgan-gp preset), grid25 10000, mnist 1500'),
  out: z.string().optional().describe('output path without extension (default benchmarks/stability-study on ring8, benchmarks/stability-study-<dataset> otherwise)'),
  results: z.string().optional().describe('results file of finished runs (default benchmarks/results/<out name>.jsonl)'),
  backend: z.string().default('wasm').describe('backend of every run'),
  reportOnly: z.boolean().default(false).describe('write the report from the runs already finished (results file or store), training nothing: the state of a study cut short'),
  ...launcherFlags,
  jobs: launcherFlags.jobs.default(2),
});

await runMain(async () => {
  const flags = parseCommand('compare:study', 'stability study: the range of step sizes over which each stabiliser recipe converges, with intervals', studySchema, process.argv.slice(2));
  if (!flags) return;
  const data = STUDY_DATASETS[flags.dataset];
  const d = data.defaults;
  const names = flags.recipes?.split(',').map((n) => n.trim()) ?? d.recipes;
  const unknown = names.find((n) => !recipeNamed(n));
  if (unknown !== undefined) throw new UserError(`--recipes: unknown recipe '${unknown}'`, `use a comma-separated subset of: ${STUDY_RECIPES.map((r) => r.name).join(', ')}`);
  const chosen = names.map((n) => { const r = recipeNamed(n)!; return { ...r, ...data.x1[r.family] }; });
  const steps = flags.steps ?? d.steps;
  const [mults, seeds] = [multipliers(flags.multipliers ?? d.multipliers, flags.decades ?? d.decades), parseSeeds(flags.seeds ?? String(d.seeds))];
  const runs = expandStudy(chosen, mults, seeds, steps);
  const out = path.resolve(ROOT, flags.out ?? (flags.dataset === 'ring8' ? 'benchmarks/stability-study' : `benchmarks/stability-study-${flags.dataset}`));
  const results = path.resolve(ROOT, flags.results ?? path.join('benchmarks', 'results', `${path.basename(out)}.jsonl`));
  const [loadStart, t0] = [load(), performance.now()];
  console.log(`study: ${runs.length} runs (${flags.dataset}: ${chosen.length} recipes x ${mults.length} step sizes x ${seeds.length} seeds, ${steps} steps each); load ${loadStart.join(', ')}`);
  const specs = runs.map((r) => studySpec(r, chosen.find((c) => c.name === r.recipe)!, flags.backend, flags.dataset));
  const launchOptions = { families: LAUNCH_FAMILIES, root: ROOT, store: path.resolve(ROOT, flags.store), jobs: flags.jobs, queue: flags.queue, results };
  const records: Array<RunRecord | undefined> = flags.reportOnly ? finishedRecords(specs, launchOptions) : await launch(specs, launchOptions);
  const judged = runs.flatMap((r, i) => {
    const record = records[i];
    if (!record) return []; // --report-only: not trained yet
    const verdict = judgeStudyRun(record, data);
    const rawConverged = judgeStudyRun(record, data, 'raw').converged;
    return [{ ...r, ...verdict, rawConverged, outcome: outcomeOf(verdict, data.coverAll), early: record.early, id: record.id, wallSeconds: record.wallSeconds }];
  });
  const unchanged = unchangedRuns(runs, records, chosen);
  const aucs = earlyWarningAucs(judged.filter((r) => !isDuplicate(unchanged, r))); // a run equal to its baseline's counts once
  const cells = studyCells(judged, chosen.map((r) => r.name));
  const ranges = chosen.map((r) => workingRange(cells, r.name));
  const effects = { ...studyEffects(judged, chosen, mults), unchanged };
  fs.mkdirSync(path.dirname(out), { recursive: true });
  const base = path.basename(out);
  const figures = { heatmap: `${base}-heatmap.png`, ranges: `${base}-ranges.png` };
  const heat = await studyHeatmapSvg(cells, `${flags.dataset}: seeds converged per cell (all ${data.words.covered}, ${data.words.quality} >= 80%), Wilson 95%`);
  const bars = await rangesSvg(ranges, `${flags.dataset}: working range (>= 80% of seeds converge)`);
  for (const [name, svg] of [[`${out}-heatmap`, heat], [`${out}-ranges`, bars]] as const) {
    writeFileAtomic(`${name}.svg`, svg);
    writeFileAtomic(`${name}.png`, await svgToPng(svg, { scale: 2 }));
  }
  const meta = {
    command: `npx nx run compare:study ${process.argv.slice(2).join(' ')}`.trim(),
    dataset: flags.dataset,
    steps,
    seeds,
    multipliers: mults,
    planned: runs.length,
    finished: records.filter((r) => r?.status === 'done' || r?.status === 'failed').length,
    wallMinutes: (performance.now() - t0) / 60_000,
    runMinutes: judged.reduce((s, r) => s + r.wallSeconds, 0) / 60,
    loadStart,
    loadEnd: load(),
    jobs: flags.jobs,
    figures,
    reportOnly: flags.reportOnly,
  };
  writeFileAtomic(`${out}.md`, studyMarkdown(cells, ranges, chosen, data, meta, aucs, effects));
  writeFileAtomic(`${out}.json`, JSON.stringify({ meta, cells, ranges, ...effects, earlyWarning: aucs, runs: judged }, null, 2) + '\n');
  console.log(`wrote ${path.relative(ROOT, out)}.md/.json and its figures; results in ${path.relative(ROOT, results)}`);
});
