/**
 * `npx nx run compare:sweep [--lrs ..] [--seeds 3] [--steps ..] [--families gan,wgan-gp] [--out ..]
 * [--jobs 2] [--queue redis://..]`: the stability sweep. Trains every family's plain and stabilised
 * recipe on ring8 over a learning-rate grid x seeds through the launcher (a local process pool, or
 * BullMQ workers with --queue), judges each run (see convergence.ts) and writes <out>.md, <out>.json
 * and the heatmap <out>.png / .svg. Finished runs are kept in benchmarks/results/<name>.jsonl and
 * reused by a later sitting.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { launch, launcherFlags } from '@stablegen/launcher';
import { svgToPng } from '@stablegen/report';
import { writeFileAtomic } from '@stablegen/run-files';
import { parseCommand, runMain } from '@stablegen/trainer';
import { LAUNCH_FAMILIES } from '../launch-families.js';
import { CONVERGENCE } from './convergence.js';
import { FAMILIES, FAMILY_NAMES } from './families.js';
import { DEFAULT_LRS, executionOrder, expandGrid, parseFamilies, parseLrs, parseSeeds, parseSteps, runSpec } from './grid.js';
import { heatmapSvg } from './heatmap.js';
import { judged } from './judged.js';
import { summarise, sweepMarkdown } from './summary.js';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const load = () => os.loadavg().map((x) => Number(x.toFixed(2)));

const sweepSchema = z.object({
  lrs: z.string().default(DEFAULT_LRS.join(',')).describe('learning rates, comma-separated'),
  seeds: z.string().default('3').describe('seed count (3 = seeds 1..3) or a list (4,9)'),
  steps: z.string().optional().describe(`training steps per run, or per family (default ${FAMILY_NAMES.map((f) => `${f}=${FAMILIES[f].defaultSteps}`).join(',')})`),
  families: z.string().default(FAMILY_NAMES.join(',')).describe('families to sweep'),
  out: z.string().default('benchmarks/stability-sweep').describe('output path without extension (.md, .json, .png, .svg)'),
  results: z.string().optional().describe('results file of finished runs (default benchmarks/results/<out name>.jsonl)'),
  backend: z.string().default('wasm').describe('backend of every run'),
  ...launcherFlags,
  jobs: launcherFlags.jobs.default(2),
});

await runMain(async () => {
  const flags = parseCommand('compare:sweep', 'stability sweep on ring8: fraction of seeds that converge per family, recipe (plain / stabilised) and learning rate', sweepSchema, process.argv.slice(2));
  if (!flags) return;
  const [lrs, seeds, families, steps] = [parseLrs(flags.lrs), parseSeeds(flags.seeds), parseFamilies(flags.families), parseSteps(flags.steps)];
  const runs = executionOrder(expandGrid({ families, lrs, seeds, steps }));
  const out = path.resolve(ROOT, flags.out);
  const results = path.resolve(ROOT, flags.results ?? path.join('benchmarks', 'results', `${path.basename(out)}.jsonl`));
  const loadStart = load();
  const t0 = performance.now();
  console.log(`sweep: ${runs.length} runs (${families.join(', ')} x plain/stabilised x ${lrs.length} lrs x ${seeds.length} seeds); load ${loadStart.join(', ')}`);
  const records = await launch(runs.map((r) => runSpec(r, flags.backend)), { families: LAUNCH_FAMILIES, root: ROOT, store: path.resolve(ROOT, flags.store), jobs: flags.jobs, queue: flags.queue, results });
  const judgedRuns = runs.map((r, i) => judged(r, records[i]));
  const cells = summarise(judgedRuns);
  fs.mkdirSync(path.dirname(out), { recursive: true });
  const svg = await heatmapSvg(cells, `ring8: fraction of ${seeds.length} seeds converged (modes >= ${CONVERGENCE.minModes}, reverse KL <= ${CONVERGENCE.maxReverseKl})`);
  writeFileAtomic(`${out}.svg`, svg);
  writeFileAtomic(`${out}.png`, await svgToPng(svg, { scale: 2 }));
  const meta = {
    command: `npx nx run compare:sweep ${process.argv.slice(2).join(' ')}`.trim(),
    steps: Object.fromEntries(families.map((f) => [f, steps[f]])),
    seeds,
    loadStart,
    loadEnd: load(),
    wallMinutes: (performance.now() - t0) / 60_000,
    reused: judgedRuns.filter((r) => r.reused).length,
    runMinutes: judgedRuns.reduce((sum, r) => sum + r.wallSeconds, 0) / 60,
    jobs: flags.jobs,
    heatmap: `${path.basename(out)}.png`,
  };
  writeFileAtomic(`${out}.md`, sweepMarkdown(cells, meta));
  writeFileAtomic(`${out}.json`, JSON.stringify({ meta, convergence: CONVERGENCE, cells, runs: judgedRuns }, null, 2) + '\n');
  console.log(`wrote ${[`${out}.md`, `${out}.json`, `${out}.png`, `${out}.svg`].map((f) => path.relative(ROOT, f)).join(', ')}; results in ${path.relative(ROOT, results)}`);
});
