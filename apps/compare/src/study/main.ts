/**
 * `npx nx run compare:study [--recipes ..] [--seeds 5] [--multipliers 7] [--decades 2.5] [--steps 8000]
 * [--jobs 2] [--queue redis://..] [--report-only]`: the stability study of issue 18 on ring8. Trains every recipe
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
import { expandStudy, multipliers, studySpec } from './grid.js';
import { recipeNamed, STUDY_RECIPES } from './recipes.js';
import { rangesSvg, studyHeatmapSvg, studyMarkdown } from './report.js';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const load = () => os.loadavg().map((x) => Number(x.toFixed(2)));
const MODES: Record<string, number> = { ring8: 8, grid25: 25 };

const studySchema = z.object({
  recipes: z.string().default(STUDY_RECIPES.map((r) => r.name).join(',')).describe('recipes, comma-separated (names in apps/compare/src/study/recipes.ts)'),
  dataset: z.enum(['ring8', 'grid25']).default('ring8').describe('2-D mixture of the study (each family\'s preset of it)'),
  seeds: z.string().default('5').describe('seed count (5 = seeds 1..5) or a list (6,7)'),
  multipliers: z.number().int().min(1).default(7).describe("step sizes per recipe: multipliers of the recipe's rates, log-spaced around 1"),
  decades: z.number().positive().default(2.5).describe('span of the multipliers in decades (2.5: x0.0562 .. x17.8)'),
  steps: z.number().int().positive().default(8000).describe('training steps of every run (the wgan-gp preset budget)'),
  out: z.string().default('benchmarks/stability-study').describe('output path without extension'),
  results: z.string().optional().describe('results file of finished runs (default benchmarks/results/<out name>.jsonl)'),
  backend: z.string().default('wasm').describe('backend of every run'),
  reportOnly: z.boolean().default(false).describe('write the report from the runs already finished (results file or store), training nothing: the state of a study cut short'),
  ...launcherFlags,
  jobs: launcherFlags.jobs.default(2),
});

await runMain(async () => {
  const flags = parseCommand('compare:study', 'stability study: the range of step sizes over which each stabiliser recipe converges, with intervals', studySchema, process.argv.slice(2));
  if (!flags) return;
  const recipes = flags.recipes.split(',').map((n) => n.trim()).map((n) => recipeNamed(n) ?? n);
  const unknown = recipes.find((r) => typeof r === 'string');
  if (unknown !== undefined) throw new UserError(`--recipes: unknown recipe '${unknown}'`, `use a comma-separated subset of: ${STUDY_RECIPES.map((r) => r.name).join(', ')}`);
  const chosen = recipes.filter((r) => typeof r !== 'string');
  const [mults, seeds] = [multipliers(flags.multipliers, flags.decades), parseSeeds(flags.seeds)];
  const runs = expandStudy(chosen, mults, seeds, flags.steps);
  const out = path.resolve(ROOT, flags.out);
  const results = path.resolve(ROOT, flags.results ?? path.join('benchmarks', 'results', `${path.basename(out)}.jsonl`));
  const [loadStart, t0] = [load(), performance.now()];
  console.log(`study: ${runs.length} runs (${chosen.length} recipes x ${mults.length} step sizes x ${seeds.length} seeds, ${flags.steps} steps each); load ${loadStart.join(', ')}`);
  const specs = runs.map((r) => studySpec(r, chosen.find((c) => c.name === r.recipe)!, flags.backend, flags.dataset));
  const launchOptions = { families: LAUNCH_FAMILIES, root: ROOT, store: path.resolve(ROOT, flags.store), jobs: flags.jobs, queue: flags.queue, results };
  const records: Array<RunRecord | undefined> = flags.reportOnly ? finishedRecords(specs, launchOptions) : await launch(specs, launchOptions);
  const judged = runs.flatMap((r, i) => {
    const record = records[i];
    if (!record) return []; // --report-only: not trained yet
    const verdict = judgeStudyRun(record, MODES[flags.dataset]);
    return [{ ...r, ...verdict, outcome: outcomeOf(verdict, MODES[flags.dataset]), early: record.early, id: record.id, wallSeconds: record.wallSeconds }];
  });
  const aucs = earlyWarningAucs(judged);
  const cells = studyCells(judged, chosen.map((r) => r.name));
  const ranges = chosen.map((r) => workingRange(cells, r.name));
  fs.mkdirSync(path.dirname(out), { recursive: true });
  const base = path.basename(out);
  const figures = { heatmap: `${base}-heatmap.png`, ranges: `${base}-ranges.png` };
  const heat = await studyHeatmapSvg(cells, `${flags.dataset}: seeds converged per cell (all modes, HQ >= 80%), Wilson 95%`);
  const bars = await rangesSvg(ranges, `${flags.dataset}: working range (>= 80% of seeds converge)`);
  for (const [name, svg] of [[`${out}-heatmap`, heat], [`${out}-ranges`, bars]] as const) {
    writeFileAtomic(`${name}.svg`, svg);
    writeFileAtomic(`${name}.png`, await svgToPng(svg, { scale: 2 }));
  }
  const meta = {
    command: `npx nx run compare:study ${process.argv.slice(2).join(' ')}`.trim(),
    dataset: flags.dataset,
    steps: flags.steps,
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
  writeFileAtomic(`${out}.md`, studyMarkdown(cells, ranges, chosen, meta, aucs));
  writeFileAtomic(`${out}.json`, JSON.stringify({ meta, cells, ranges, earlyWarning: aucs, runs: judged }, null, 2) + '\n');
  console.log(`wrote ${path.relative(ROOT, out)}.md/.json and its figures; results in ${path.relative(ROOT, results)}`);
});
